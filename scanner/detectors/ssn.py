"""US social security numbers, validated by the SSA's rules.

Written forms: 123-45-6789, 123 45 6789, 123.45.6789 (one consistent separator), or nine bare
digits. A bare run is an SSN only with SSN context nearby; otherwise it is a confirm-only
candidate (reported only if it equals a roster person's known SSN).
"""
from __future__ import annotations

import re
from typing import Iterator

from ..model import Kind, Severity, Span
from ._common import zone_matches
from .base import Detector, has_context, register

# Character-class-led, no leading \b: cheap to scan. Boundaries are checked in code.
_CANDIDATE = re.compile(r"[0-9]{3}([-. ]?)[0-9]{2}\1[0-9]{4}")
_CONTEXT = re.compile(r"\bss[ns]\b|\bssn|social\s*security|\bss\s*#|\bsoc\.?\s*sec|\bsocial\b|\btin\b|taxpayer")


def valid_ssn(digits: str) -> bool:
    """SSA rules: no area 000, 666 or 900-999; no group 00; no serial 0000."""
    if len(digits) != 9 or not digits.isdigit():
        return False
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    if area == "000" or area == "666" or area[0] == "9":
        return False
    return group != "00" and serial != "0000"


@register
class SsnDetector(Detector):
    kind = Kind.SSN
    default_severity = Severity.HIGH
    description = "US social security number (SSA area/group/serial rules)"
    EXAMPLES = {
        "match": ["SSN: 123-45-6789", "ssn 123 45 6789", "social security number 078051120", "030 50 9431"],
        "no_match": ["666-12-3456", "000-12-3456", "912-34-5678", "123-00-4567", "123-45-0000",
                     "order 123456789", "1234-56-789", "phone 816-555-0142", "123-45-67890"],
    }

    @staticmethod
    def normalize_value(raw: str) -> str | None:
        """Roster SSN -> its nine digits (`123-45-6789` -> `123456789`), or None."""
        digits = "".join(ch for ch in raw if ch.isdigit())
        return digits if len(digits) == 9 else None

    def find(self, text: str) -> Iterator[Span]:
        # the shared digit pass: a candidate is zone characters only, 9+ long
        for start, end, m in zone_matches(text, _CANDIDATE, 9):
            # whole token: not glued to digits, letters or another dash-group (phone, ZIP+4, IDs)
            if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-/."):
                if not (text[start - 1] == "." and start > 1 and text[start - 2] == " "):
                    continue
            if end < len(text) and (text[end].isalnum() or (text[end] in "-/" and end + 1 < len(text) and text[end + 1].isdigit())):
                continue
            digits = m.group(0).replace(m.group(1), "") if m.group(1) else m.group(0)
            if not valid_ssn(digits):
                continue
            if m.group(1) == "":
                # nine bare digits: an SSN only when the text says so
                if has_context(text, start, end, _CONTEXT, before=40, after=10):
                    yield self.span(start, end, digits, floor=Severity.HIGH)
                else:
                    yield self.span(start, end, digits, confirm_only=True)
                continue
            if m.group(1) == "." and not has_context(text, start, end, _CONTEXT, before=40, after=10):
                yield self.span(start, end, digits, confirm_only=True)  # dotted: often a version/ID
                continue
            yield self.span(start, end, digits, floor=Severity.HIGH)
