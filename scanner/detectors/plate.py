"""Vehicle licence plates, only where the text says it is a plate.

A plate shape alone (`ABC1234`) is any ID, so the detector starts from the context words
(`plate`, `tag`, `license`/`licence`, `registration`, `lic#`, `LP`; found with `str.find` on the
lower-cased text) and looks for the nearest plate-shaped token on the same line after the word
(up to 40 characters and the end of the sentence: `plate number: 883 FEZ`; the start of the next
line after a bare `Plate:` label) or else right before it (`883 FEZ (plate)`).
Plate-shaped: 2-8 upper-case letters and digits, one space or dash allowed (`883 FEZ`,
`KA6 K3Z`, `ZP6-R2A`, `ABC1234`), with at least one letter and one digit. A state code before
the plate (`MO 883 FEZ`) and label words (`NO`, `NUMBER`) are skipped; `2019 KIA` (a model year
and a make) is not a plate, nor is a token right after `Model`, `Serial`, `Permit`, `VIN`, ...
`driver's license` is a licence, not a plate: not a context. A table column headed `plate` /
`tag` / ... (`|`, `;`, `,`, tab or space-aligned) makes every plate-shaped cell below it a plate.

`normalized`: upper-case without spaces or dashes (`ZP6-R2A` -> `ZP6R2A`).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from ..model import Kind, Severity, Span
from ._common import column_cells, data_lines, lower_same_length, positions, register_keywords
from .base import Detector, register

_KEYWORDS = ("plate", "tag", "lic", "registration", "lp")
register_keywords(_KEYWORDS)
_CONTEXT_WORDS = frozenset(("plate", "plates", "tag", "tags", "license", "licence", "lic", "registration", "lp", "lpn"))
_LABELS = frozenset(("NO", "NUM", "NUMBER", "NBR", "PLATE", "PLATES", "TAG", "TAGS", "LIC", "LICENSE",
                     "LICENCE", "LP", "REG", "REGISTRATION", "STATE", "OF", "IS", "ON", "READ", "READS",
                     "READING", "A", "AN", "THE", "WITH", "AND", "VIN", "DOB", "DL", "ID"))
# A token right after one of these words is that thing's number, not a plate (`Model KX-4417`).
_NOT_PLATE = frozenset(("model", "serial", "sku", "part", "item", "order", "invoice", "case", "form", "badge",
                        "unit", "room", "suite", "apt", "flight", "ticket", "receipt", "confirmation", "policy",
                        "claim", "account", "acct", "permit", "report", "incident", "file", "docket", "ref",
                        "reference", "version", "ver", "product", "lot", "batch", "vin", "dl", "id", "zip"))
_TOKEN = re.compile(r"[A-Za-z0-9]+")
_PLATE_CELL = re.compile(r"[A-Z0-9]{1,8}(?:[ -][A-Z0-9]{1,8})?\Z")
_DRIVER = re.compile(r"(?:driver'?s?|driving|drivers’|driver’s|dl|operator'?s?)\s*$")
_AFTER, _BEFORE = 40, 20
# the end of the context word's sentence: `. ` + capital, unless the dot ends a label (`No. ABC1`)
_SENTENCE_END = re.compile(r"(?<![Nn][Oo])(?<!NUM|num|Num)\.[ \t]+(?=[A-Z])|[;!?][ \t]")


@lru_cache(maxsize=1)
def _states() -> frozenset[str]:
    return frozenset(line.split()[0] for line in data_lines("us_states.txt"))


def _plate_like(s: str) -> bool:
    return (2 <= len(s) <= 8 and any(c.isdigit() for c in s) and any(c.isalpha() for c in s)
            and s.isascii() and s.upper() == s)


def _candidates(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Plate-shaped spans in text[lo:hi], in order."""
    toks = [(m.start(), m.end()) for m in _TOKEN.finditer(text, lo, hi)]
    # a token cut by the window edge is not whole
    if toks and toks[-1][1] == hi and hi < len(text) and text[hi].isalnum():
        toks.pop()
    if toks and toks[0][0] == lo and lo > 0 and text[lo - 1].isalnum():
        toks.pop(0)
    out = []
    i = 0
    while i < len(toks):
        s, e = toks[i]
        word = text[s:e]
        after_label = i > 0 and text[toks[i - 1][0]:toks[i - 1][1]].lower() in _NOT_PLATE
        if word.upper() != word or word in _LABELS or after_label:
            i += 1
            continue
        if i + 1 < len(toks):
            s2, e2 = toks[i + 1]
            nxt = text[s2:e2]
            if (s2 - e == 1 and text[e] in " -" and nxt.upper() == nxt and nxt not in _LABELS
                    and word not in _states() and _plate_like(word + nxt)
                    and not (len(word) == 4 and word.isdigit() and word[:2] in ("19", "20") and nxt.isalpha())):
                if _free(text, s, e2):
                    out.append((s, e2))
                i += 2
                continue
        if _plate_like(word) and _free(text, s, e):
            out.append((s, e))
        i += 1
    return out


def _free(text: str, s: int, e: int) -> bool:
    """Not part of a path, URL, identifier or hyphenated word (`BSD 3-clause`, `/V1_chap04`)."""
    if s > 0 and text[s - 1] in "_/.@#-\\":
        return False
    return not (e < len(text) and (text[e] in "_/@\\" or (text[e] == "-" and e + 1 < len(text) and text[e + 1].isalnum())))


@register
class PlateDetector(Detector):
    kind = Kind.PLATE
    default_severity = Severity.MEDIUM
    description = "Vehicle licence plate next to a plate/tag/license/registration/LP context word"
    EXAMPLES = {
        "match": ["Missouri plate 883 FEZ", "KS tag KA6 K3Z", "license plate ZP6-R2A", "registration: ABC1234",
                  "LP: 279LCP", "lic# 243 XSD", "car with 883 FEZ plates", "PLATE NO 7ABC123"],
        "no_match": ["883 FEZ", "ABC1234 was the order", "plate 12345", "plate ABCDEF", "tag 2019 KIA",
                     "driver's license K1234567", "name tag on the desk", "plate abc1234", "plate ABCD12345",
                     "PRODUCT REGISTRATION - Model KX-4417 drill", "the BSD 3-clause license"],
    }

    def find(self, text: str) -> Iterator[Span]:
        low = lower_same_length(text)
        hits = []
        for i, _ in positions(text, _KEYWORDS):
            j = self._context_at(low, i)
            if j is not None:
                hits.append((i, j))
        seen: set[int] = set()
        table_end = -1
        for i, j in sorted(hits):
            if i < table_end:
                continue  # inside the rows of a plate column already read
            column = column_cells(text, i)
            if column:  # a `plate` column header: every plate-shaped cell below it
                table_end = column[-1][1]
                found = [(s, e) for s, e in column if _PLATE_CELL.match(text, s, e) and _plate_like(
                    text[s:e].replace(" ", "").replace("-", ""))]
            else:
                found = self._plates_near(text, i, j)
            for s, e in found:
                if s not in seen:
                    seen.add(s)
                    yield self.span(s, e, text[s:e].replace(" ", "").replace("-", "").upper())

    @staticmethod
    def _context_at(low: str, i: int) -> int | None:
        """End of the context word found at i, or None if it is not a whole context word."""
        if i > 0 and (low[i - 1].isalnum() or low[i - 1] in "_#/.-"):
            return None  # `asset_tag`, `hashtag`, `#tag_04`, `/license`
        j = i
        while j < len(low) and low[j].isalpha():
            j += 1
        if low[i:j] not in _CONTEXT_WORDS:
            return None
        if low[i:j] in ("license", "licence", "lic") and _DRIVER.search(low, max(0, i - 12), i):
            return None
        return j

    @staticmethod
    def _plates_near(text: str, i: int, j: int) -> list[tuple[int, int]]:
        hi = min(len(text), j + _AFTER)
        line_end = text.find("\n", j, hi)
        if line_end != -1 and not text[j:line_end].strip(" \t:#.-\r"):
            # a form label (`Plate:`): the value starts the next line
            nxt = line_end + 1
            while nxt < hi and text[nxt] in " \t":
                nxt += 1
            end2 = text.find("\n", nxt, hi)
            first = _candidates(text, nxt, end2 if end2 != -1 else hi)
            if first and first[0][0] == nxt:
                return first[:1]
        else:
            stop = _SENTENCE_END.search(text, j, line_end if line_end != -1 else hi)
            after = _candidates(text, j, stop.start() + 1 if stop else (line_end if line_end != -1 else hi))
            if after:
                return after[:1]
        lo = max(0, i - _BEFORE)
        nl = text.rfind("\n", lo, i)
        before = _candidates(text, nl + 1 if nl != -1 else lo, i)
        return before[-1:]

    @staticmethod
    def normalize_value(raw: str) -> str | None:
        """Roster plate -> upper-case without spaces/dashes (`ZP6 R2A` -> `ZP6R2A`)."""
        s = "".join(c for c in raw.upper() if c.isalnum())
        return s if 2 <= len(s) <= 8 and s.isascii() else None
