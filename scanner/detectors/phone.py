"""Telephone numbers, valid per `phonenumbers` for the configured region (default US).

Two stages, for speed: a character-class-led regex finds runs of digits and phone punctuation
(cheap, linear), then only inside those runs a NANP-shaped pattern (3-3-4 digits, optional +1/1,
optional parenthesised area code, separators `-`, `.`, spaces (also NBSP and zero-width ones),
and spaced dots `816 . 717 . 6854`) picks candidates, which must be valid per phonenumbers: for
+1 numbers its own metadata patterns are compiled once and give exactly `is_valid_number`'s
answer ~50x faster than `parse`; other regions go through `phonenumbers.parse`. PhoneNumberMatcher
is not used (~2 MB/s). A bare 10-digit run counts (contact lists write phones that way). Runs glued to letters or other digit groups (longer IDs,
case numbers `2025-001234`, dates, ZIP+4, SSNs, card numbers) are rejected by shape and boundaries.
`+CC ...` numbers of other countries are parsed whole. An extension (`x123`, `ext. 12`) is included
in the span, recorded in `note`, and left out of `normalized` (E.164) so it still equals the roster.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate
from typing import Iterator

import phonenumbers

from ..model import Kind, Severity, Span
from ._common import ZONE_SET, digit_zones, zone_run
from .base import Detector, register

# Stage 1: a run that could hold a phone number (starts with + ( or a digit, no leading \b; a
# digit inside a longer digit run fails at once on the lookbehind).
# Spaces include NBSP and the zero-width characters obfuscated posts slip between digits.
_SPACES = " \u00a0\u200b\u200c\u200d\u2060\ufeff"
_RUN = re.compile(r"[+(0-9](?<![0-9][0-9])[0-9().+\-" + _SPACES + r"]{8,}")

# Stage 2 (NANP): separators are bounded, every quantifier is bounded: no backtracking blow-up.
_SP = "[" + _SPACES + "]"
_SEP = r"(?:SP{0,2}[-.]SP{0,2}|SP{1,2}|)"
_NANP = re.compile((
    r"(?<![\w+\-./])"
    r"(?:(?P<cc>\+SP?1|1)" + _SEP + r")?"
    r"(?:\(SP?(?P<area_p>[0-9]{3})SP?\)SP{0,2}[-.]?SP{0,2}|(?P<area>[0-9]{3})" + _SEP + r")"
    r"(?P<exch>[0-9]{3})" + _SEP + r"(?P<line>[0-9]{4})"
).replace("SP", _SP))
# International: + and a country code, parsed whole by phonenumbers (+1 is left to _NANP in NANP regions).
_INTL = re.compile(r"(?<![\w+])\+[1-9][0-9 ().\-]{6,20}[0-9]")
_INTL_NOT1 = re.compile(r"(?<![\w+])\+[2-9][0-9 ().\-]{6,20}[0-9]")
_EXT = re.compile(r"[ ]{0,2},?[ ]{0,2}(?:x|ext\.?|extension|#)[ ]{0,2}([0-9]{1,6})(?![\w])", re.I)


_DESCS = ("general_desc", "premium_rate", "toll_free", "shared_cost", "voip", "personal_number", "pager",
          "uan", "voicemail", "fixed_line", "mobile")


@lru_cache(maxsize=1)
def _nanp_regions() -> tuple[tuple[re.Pattern | None, re.Pattern], ...]:
    """phonenumbers' own metadata for +1, compiled once: (leading digits, valid-number pattern) per
    region, in phonenumbers' order. `_nanp_valid` then gives the same answer as
    `phonenumbers.is_valid_number` for a 10-digit NANP number, ~50x faster than parse+validate."""
    out = []
    for region in phonenumbers.COUNTRY_CODE_TO_REGION_CODE[1]:
        meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
        pats = {}
        for name in _DESCS:
            desc = getattr(meta, name)
            if desc is None or desc.national_number_pattern is None:
                continue
            if desc.possible_length and 10 not in desc.possible_length and desc.possible_length != (-1,):
                continue
            pats[name] = desc.national_number_pattern
        if "general_desc" not in pats:
            continue
        types = [p for name, p in pats.items() if name != "general_desc"]
        valid = re.compile(r"(?=(?:" + pats["general_desc"] + r")\Z)(?:" + "|".join(f"(?:{t})" for t in types) + r")\Z")
        out.append((re.compile(meta.leading_digits) if meta.leading_digits else None, valid))
    return tuple(out)


@lru_cache(maxsize=8192)
def _nanp_valid(nsn: str) -> bool:
    """`phonenumbers.is_valid_number` for the 10-digit national number of a +1 phone number."""
    for leading, valid in _nanp_regions():
        if leading is not None:
            if leading.match(nsn):
                return valid.match(nsn) is not None
        elif valid.match(nsn) is not None:
            return True
    return False


@lru_cache(maxsize=4096)
def _e164(number: str, region: str) -> str | None:
    """E.164 form if `number` is a valid phone number for `region`, else None."""
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def _glued_after(text: str, end: int) -> bool:
    """The match continues as a longer number or a word: `...0142-7`, `...0142.5`, `...0142abc`."""
    if end >= len(text):
        return False
    c = text[end]
    if c.isalnum() or c == "_":
        return True
    return c in "-./" and end + 1 < len(text) and text[end + 1].isdigit()


@register
class PhoneDetector(Detector):
    kind = Kind.PHONE
    default_severity = Severity.MEDIUM
    description = "Telephone number valid per phonenumbers for the region (NANP shapes, +CC, extensions)"
    EXAMPLES = {
        "match": ["(816) 555-0142", "call 816.555.0142 now", "816 555 0142", "+1 816-555-0142",
                  "1-816-705-6367", "573 . 566 . 1964", "cell 8165550142", "816-555-0142 x123",
                  "+44 20 7946 0958"],
        "no_match": ["(816) 118-5558", "(199) 844-6126", "123-564-7044", "case 2025-001234",
                     "81655501420", "A8165550142", "64106-1234", "123-45-6789", "4111 1111 1111 1111",
                     "2025-07-14", "816-555-01", "816-555-0142-7"],
    }

    def find(self, text: str) -> Iterator[Span]:
        region = (self.options.region or "US").upper()
        nanp = phonenumbers.country_code_for_region(region) == 1
        if nanp:
            yield from self._find_nanp(text, region)
            return
        for run in _RUN.finditer(text):
            rs, re_ = run.span()
            if nanp:
                yield from self._nanp(text, rs, re_)
            else:
                yield from self._whole_run(text, rs, re_, region)
            if "+" in run.group(0):
                yield from self._intl(text, rs, re_, region, nanp)

    def _find_nanp(self, text: str, region: str) -> Iterator[Span]:
        """The runs come from the shared digit-zone pass: a NANP number has 10 digits and a `+CC`
        one at least 8 characters from its first digit to its last, so only zones that long can
        hold one. `_RUN`'s characters are all zone characters, so `_RUN` over a zone's whole run
        of zone characters yields exactly the runs it yields there over the whole text.
        Without a `+` in it, a run of zone characters holds no `+CC` number, and its `_RUN` runs
        (its stretches of `_RUN` characters, minus leading separators) are searched with `_NANP`,
        which consumes only `_RUN` characters and ends on a digit: `_NANP` over the zone (from
        the start of its run, for a leading `(`) finds the same numbers; all those zones are
        searched in one go, joined by NULs (each with the character before it, for `_NANP`'s
        lookbehind), which `_NANP` never consumes."""
        work: list[tuple[bool, int, int]] = []  # (has a +, start, end) per zone that can hold one
        for zs, ze in digit_zones(text):
            if ze - zs < 8:
                continue
            lo = zs
            while lo > 0 and text[lo - 1] in ZONE_SET:
                lo -= 1
            if "+" in text[lo:ze]:
                work.append((True, zs, ze))
            elif ze - zs >= 10:
                work.append((False, lo, ze))
        plain = [(lo, ze) for plus, lo, ze in work if not plus]
        firsts = [lo - 1 if lo else 0 for lo, _ in plain]
        segments = [text[f:ze] for f, (_, ze) in zip(firsts, plain)]
        offsets = list(accumulate((len(seg) + 1 for seg in segments), initial=0))
        found: list[list[tuple[int, int, re.Match]]] = [[] for _ in plain]
        i = 0
        for m in _NANP.finditer("\0".join(segments)):
            j, k = m.span()
            while offsets[i + 1] <= j:
                i += 1
            d = firsts[i] - offsets[i]
            found[i].append((j + d, k + d, m))
        i = 0
        for plus, zs, ze in work:
            if plus:
                lo, hi = zone_run(text, zs, ze)
                for run in _RUN.finditer(text, lo, hi):
                    rs, re_ = run.span()
                    yield from self._nanp(text, rs, re_)
                    if "+" in run.group(0):
                        yield from self._intl(text, rs, re_, region, True)
            else:
                yield from self._nanp_found(text, found[i], ze)
                i += 1

    def _nanp(self, text: str, rs: int, re_: int) -> Iterator[Span]:
        return self._nanp_found(text, [(*m.span(), m) for m in _NANP.finditer(text, rs, re_)], re_)

    def _nanp_found(self, text: str, found: list[tuple[int, int, re.Match]], re_: int) -> Iterator[Span]:
        """`_NANP`'s matches in one run (text start, text end, match) -> phone spans."""
        last_end = -1
        for start, end, m in found:
            digits = (m.group("area_p") or m.group("area")) + m.group("exch") + m.group("line")
            if not _nanp_valid(digits):
                continue
            # a space-grouped number right next to another digit group is part of a longer number
            # (a card, an ID), unless that group is another phone: `816 555 0142 913 555 1212`
            raw = text[start:end]
            if " " in raw and "-" not in raw and "." not in raw and "(" not in raw:
                if start >= 2 and text[start - 1] == " " and text[start - 2].isdigit() and start - 1 != last_end:
                    continue
                if (end + 1 < len(text) and text[end] == " " and text[end + 1].isdigit()
                        and not self._phone_at(text, end + 1, re_)):
                    continue
            note = ""
            ext = _EXT.match(text, end)
            if ext:
                end, note = ext.end(), f"ext={ext.group(1)}"
            if _glued_after(text, end):
                continue
            last_end = end
            yield self.span(start, end, "+1" + digits, note=note)

    @staticmethod
    def _phone_at(text: str, pos: int, endpos: int) -> bool:
        m = _NANP.match(text, pos, endpos)
        return bool(m) and _nanp_valid((m.group("area_p") or m.group("area")) + m.group("exch") + m.group("line"))

    def _intl(self, text: str, rs: int, re_: int, region: str, nanp: bool) -> Iterator[Span]:
        for m in (_INTL_NOT1 if nanp else _INTL).finditer(text, rs, re_):
            start, end = m.span()
            if _glued_after(text, end):
                continue
            e164 = _e164(m.group(0), region)
            if e164 and not (nanp and e164.startswith("+1")):
                yield self.span(start, end, e164)

    def _whole_run(self, text: str, rs: int, re_: int, region: str) -> Iterator[Span]:
        """Non-NANP region: the trimmed run is the candidate, as a whole."""
        while re_ > rs and not text[re_ - 1].isdigit():
            re_ -= 1
        if (rs > 0 and (text[rs - 1].isalnum() or text[rs - 1] in "-./")) or _glued_after(text, re_):
            return
        raw = text[rs:re_]
        if raw.startswith("+"):
            return  # handled by _intl
        e164 = _e164(raw, region)
        if e164:
            yield self.span(rs, re_, e164)

    @staticmethod
    def normalize_value(raw: str, region: str = "US") -> str | None:
        """Roster phone -> E.164 (`(816) 555-0142` -> `+18165550142`), extension dropped."""
        try:
            parsed = phonenumbers.parse(raw.strip(), region)
        except phonenumbers.NumberParseException:
            return None
        if not phonenumbers.is_possible_number(parsed):
            return None
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
