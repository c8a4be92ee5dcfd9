"""Payment card numbers: 13-19 digits (spaces or dashes allowed), Luhn-valid, known issuer prefix."""
from __future__ import annotations

import re
from typing import Iterator

from ..model import Kind, Severity, Span
from ._common import zone_matches
from .base import Detector, register

_CANDIDATE = re.compile(r"[0-9](?:[0-9]|[ -](?=[0-9])){12,22}")

# (prefix range low, high, prefix length, allowed lengths, issuer)
_ISSUERS: list[tuple[int, int, int, tuple[int, ...], str]] = [
    (4, 4, 1, (13, 16, 19), "Visa"),
    (51, 55, 2, (16,), "Mastercard"),
    (2221, 2720, 4, (16,), "Mastercard"),
    (34, 34, 2, (15,), "American Express"),
    (37, 37, 2, (15,), "American Express"),
    (6011, 6011, 4, (16, 17, 18, 19), "Discover"),
    (644, 649, 3, (16, 17, 18, 19), "Discover"),
    (65, 65, 2, (16, 17, 18, 19), "Discover"),
    (3528, 3589, 4, (16, 17, 18, 19), "JCB"),
    (300, 305, 3, (14, 15, 16, 17, 18, 19), "Diners Club"),
    (36, 36, 2, (14, 15, 16, 17, 18, 19), "Diners Club"),
    (38, 39, 2, (14, 15, 16, 17, 18, 19), "Diners Club"),
    (62, 62, 2, (16, 17, 18, 19), "UnionPay"),
]


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def issuer(digits: str) -> str | None:
    for lo, hi, plen, lengths, name in _ISSUERS:
        if len(digits) in lengths and lo <= int(digits[:plen]) <= hi:
            return name
    return None


@register
class CardDetector(Detector):
    kind = Kind.CARD
    default_severity = Severity.HIGH
    description = "Credit/debit card number (Luhn + issuer prefix: Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay)"
    EXAMPLES = {
        "match": ["card 4111 1111 1111 1111", "5543-1218-9007-9442", "Amex 378282246310005",
                  "2720-8670-8924-4658", "6011-0805-0926-2677"],
        "no_match": ["4111 1111 1111 1112", "1234 5678 9012 3456", "9111111111111111",
                     "tracking 1Z999AA10123456784", "0000 0000 0000 0000", "ISBN 978-3-16-148410-0"],
    }

    @staticmethod
    def normalize_value(raw: str) -> str | None:
        """Roster card number -> its digits (`4111 1111 1111 1111` -> `4111111111111111`), or None."""
        digits = "".join(ch for ch in raw if ch.isdigit())
        return digits if 13 <= len(digits) <= 19 else None

    def find(self, text: str) -> Iterator[Span]:
        # the shared digit pass: a candidate is zone characters only, 13+ long
        for start, end, m in zone_matches(text, _CANDIDATE, 13):
            if start > 0 and (text[start - 1].isalnum() or text[start - 1] == "-"):
                continue
            if end < len(text) and text[end].isalnum():
                continue
            raw = m.group(0)
            digits = raw.replace(" ", "").replace("-", "")
            if not 13 <= len(digits) <= 19:
                continue
            if luhn_ok(digits) and issuer(digits):
                yield self.span(start, end, digits, floor=Severity.HIGH, note=issuer(digits) or "")
