"""Bank account details: ABA routing numbers and labelled account numbers. Always HIGH.

Routing number: 9 digits passing the ABA checksum (3-7-1 weights) with a valid Federal Reserve
prefix (00-12, 21-32, 61-72, 80), and with routing/account context nearby (`routing`, `ABA`,
`RTN`, `account`, `acct`, `bank`, `ACH`, `direct deposit`, `wire`, `MICR`, `⑆`). A bare 9-digit number without
such context is not reported at all (it is more often an ID; SSN-shaped runs are the SSN
detector's confirm-only candidates).
Account number: 6-17 digits (dashes between groups allowed) right after an account label. A
bank label (`bank account`, `checking account #`, `savings acct`) is enough; a bare account label
(`account number`, `account #`, `acct`, `Account ......`) needs a bank word within ~250
characters (`routing`, `ABA`, `bank`, `ACH`, `direct deposit`, `wire`, `checking`, `savings`),
because patient, utility and customer accounts are not bank accounts. A cheque's MICR line
(`⑆101000019⑆ 123456789⑈`) gives both.

Both yield `floor=Severity.HIGH`. `normalized`: the digits only. `note`: `routing` or `account`.
"""
from __future__ import annotations

import bisect
import re
from typing import Iterator

from ..model import Kind, Severity, Span
from ._common import lower_same_length, zone_matches
from .base import Detector, digits_only, has_context, register

# a digit run, dashes allowed between groups (spaces are not: `101000019 123456789` is two numbers)
_RUN = re.compile(r"[0-9](?<![\w.,/\-$]\S)(?:[0-9]|-(?=[0-9])){5,20}(?![\w]|[.,/\-][0-9])")
_ROUTING_CONTEXT = re.compile(
    r"routing|\baba\b|\brtn\b|\baccount|\bacct|\bbank|\bach\b|direct\s+deposit|\bwire\b|transit|micr|\u2446"
)
# `bank account`, `checking acct #`: the label alone says it is a bank account
_STRONG_LABEL = re.compile(
    r"\b(?:bank|checking|savings|deposit|brokerage)\s+(?:account|acct)\.?(?:\s*(?:number|num|nbr|no\.?|#))?"
    r"[\s:#.\-]*\Z",
    re.I,
)
# `account number`, `acct #`, `Account ....`: any account (a utility, a hospital bill...), so a
# bank word must be near too
_WEAK_LABEL = re.compile(r"\b(?:account|acct|acc't|a/c)\.?(?:\s*(?:number|num|nbr|no\.?|#))?[\s:#.\-]*\Z", re.I)
# bank words (found once per text with str.find, then looked up by position)
_BANK_WORDS = ("routing", "aba", "rtn", "bank", "ach", "deposit", "wire", "checking", "savings", "iban",
               "swift", "micr", "credit union", "\u2446")
_BANK_BEFORE, _BANK_AFTER = 250, 150
_MICR_ON_US = "\u2448"  # ⑈ ends the account field of a cheque's MICR line
_VALID_PREFIX = set(range(0, 13)) | set(range(21, 33)) | set(range(61, 73)) | {80}


def _bank_words(text: str) -> list[int]:
    """Sorted positions of whole bank words in the text."""
    low = lower_same_length(text)
    out = []
    for w in _BANK_WORDS:
        i = low.find(w)
        while i != -1:
            j = i + len(w)
            # `bank`/`deposit` may start a longer word (banking, deposited); the others are whole words
            whole_end = w in ("bank", "deposit", "\u2446") or j >= len(low) or not low[j].isalpha()
            if (i == 0 or not low[i - 1].isalpha()) and whole_end:
                out.append(i)
            i = low.find(w, j)
    return sorted(out)


def aba_ok(digits: str) -> bool:
    """ABA routing number: valid Fed prefix and 3-7-1 checksum."""
    if len(digits) != 9 or not digits.isdigit() or int(digits[:2]) not in _VALID_PREFIX:
        return False
    d = [int(c) for c in digits]
    total = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8])
    return total % 10 == 0 and digits != "000000000"


@register
class BankAccountDetector(Detector):
    kind = Kind.BANK_ACCOUNT
    default_severity = Severity.HIGH
    description = "Bank routing number (ABA checksum, with context) or labelled account number"
    EXAMPLES = {
        "match": ["routing number 101000019", "ABA: 011000015", "bank account number: 12345678",
                  "routing 081000045, acct 152209887341", "checking account 4455667788",
                  "ACH to Chase. Account ...... 5529104476", "MICR: \u2446101900119\u2446 0044712209\u2448"],
        "no_match": ["order 101000019", "routing number 101000018", "routing 991000013", "account number 12345",
                     "account number 123456789012345678", "acct # 12.345678", "case 2025-001234 account",
                     "PATIENT STATEMENT Account: 77-301882", "Account number: 12345678",
                     "routing 131000018"],
    }

    def find(self, text: str) -> Iterator[Span]:
        bank: list[list[int]] = []  # bank-word positions, computed on first need (no state on self)
        # the shared digit pass (a run is zone characters only, 6+ long); its lookbehind reads one
        # character before a match, its trailing lookahead two past one
        for start, end, m in zone_matches(text, _RUN, 6, before=1, after=2):
            raw = m.group(0)
            dashed = "-" in raw
            digits = raw.replace("-", "") if dashed else raw  # the run holds only digits and dashes
            if len(digits) == 9 and not dashed and aba_ok(digits) and has_context(
                    text, start, end, _ROUTING_CONTEXT, before=40, after=20):
                yield self.span(start, end, digits, floor=Severity.HIGH, note="routing")
                continue
            if 6 <= len(digits) <= 17 and self._account(text, start, end, bank):
                yield self.span(start, end, digits, floor=Severity.HIGH, note="account")

    @staticmethod
    def _account(text: str, start: int, end: int, bank: list[list[int]]) -> bool:
        lo = max(0, start - 40)
        # every label holds `acc` or `a/c`: test for those before the (slower) label patterns
        window = text[lo:start].lower()
        label = "acc" in window or "a/c" in window
        if label and _STRONG_LABEL.search(text, lo, start):
            return True
        if end < len(text) and text[end] == _MICR_ON_US:
            return True
        if label and _WEAK_LABEL.search(text, lo, start):
            if not bank:
                bank.append(_bank_words(text))
            pos = bank[0]
            i = bisect.bisect_left(pos, start - _BANK_BEFORE)
            return i < len(pos) and pos[i] <= end + _BANK_AFTER
        return False

    @staticmethod
    def normalize_value(raw: str) -> str | None:
        """A written routing/account number -> its digits, or None."""
        digits = digits_only(raw)
        return digits if 6 <= len(digits) <= 17 else None
