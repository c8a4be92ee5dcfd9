"""Dates of birth.

Any real calendar date in the usual written forms is a candidate: `1988-02-05`, `02/05/1988`,
`2/5/88`, `02-05-1988`, `Feb 5, 1988`, `Feb. 5 1988`, `February 5th, 1988`, `5 February 1988`,
`5th of February, 1988` (numeric dates are month-first, US style, unless the first number cannot
be a month: `25/12/1988`). Invalid dates (Feb 30, month 13) are not dates at all.

A date is a `dob` only with birth context close by on the same line (or the label line right
above a date that starts its line): `DOB`, `D.O.B.`, `born`, `date of birth`, `birthday`,
`birthdate`, `b. 2/5/88`, `age 34`, `aged 34`, `34 years old`. Every other date (a meeting, a
calendar entry, `on 07/14/2025`) is yielded with `confirm_only=True`: the engine reports it only
when it equals a roster person's dob. A date in the future is never more than confirm-only.
The context stops at the previous date, so `DOB 1/2/1980, hired 3/4/2005` marks only the first.
A table column headed by a birth cue (`Date of birth`, `dob`, `birth_date`; `|`, `;`, `,`, tab
or space-aligned columns) gives birth context to every date in that column.

`normalized` is ISO 8601: `1988-02-05`. The span starts at the month name when there is one.
"""
from __future__ import annotations

import bisect
import datetime as _dt
import re
from itertools import accumulate
from typing import Iterator

from ..model import Kind, Severity, Span
from ._common import column_cells, digit_pass, lower_same_length, positions, register_keywords
from .base import Detector, register

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ORD = r"(?:st|nd|rd|th)?"

# Digit-led, and the leading digit is factored out of the branches so that the regex engine can
# skip from digit to digit (a branch-led pattern is tried at every position, ~8x slower); the
# lookbehinds make a digit inside a longer number fail at once. Month-first written dates are
# found from their `day, year` part; the month name before it is checked in code.
# `find` does not scan with it: see `_date_matches`. `_common.DATE_LEAD` must match wherever the
# written (`mon`, `my`) branches can start, so change both together.
_DATE = re.compile(
    r"[0-9](?<![\w/\-][0-9])(?=[0-9]{0,3}[-/. \t,snrt])(?:"
    r"(?<=[12])[0-9]{3}(?P<s1>[-/.])(?P<iso_m>[0-9]{1,2})(?P=s1)(?P<iso_d>[0-9]{1,2})"
    r"|[0-9]?(?:"
    r"(?P<s2>[-/.])(?P<b>[0-9]{1,2})(?P=s2)(?P<y>[0-9]{4}|[0-9]{2})"
    r"|" + _ORD + r"(?:"
    r"(?:[ \t]+of)?[ \t]+(?=[JFMASONDjfmasond])(?P<mon>(?i:" + _MONTH_ALT + r"))\.?,?[ \t]+(?P<dy>[0-9]{4})"
    r"|,?[ \t]{1,3}(?P<my>[0-9]{4}))))"
)
_MONTH_BEFORE = re.compile(r"(?<![\w])(?P<mon>" + _MONTH_ALT + r")\.?[ \t]{1,3}\Z", re.I)
_BIRTH = re.compile(
    r"\bd\.?\s?o\.?\s?b\b|\bd/o/b\b|\bborn\b|\bbirth|\bbday\b|\bb-day\b|\bage[d]?\s*:?\s*[0-9]{1,3}\b"
    r"|\b[0-9]{1,3}\s*(?:years?|yrs?)[\s-]*old\b|\b[0-9]{1,3}\s*y/o\b"
)
# every _BIRTH cue contains one of these; the cues are found once per text from them
_CUE_ANCHORS = ("dob", "d.o.b", "d. o. b", "d o b", "d/o/b", "born", "birth", "bday", "b-day", "age", "old", "y/o")
_COLUMN_CUES = ("birth", "dob", "d.o.b", "born")
register_keywords(_CUE_ANCHORS + _COLUMN_CUES)
_B_DOT = re.compile(r"(?:^|[\s(])b\.\s?\Z")  # `b. 2/5/88`: right before the date


def _year2(yy: int) -> int:
    """Two-digit year: the most recent such year not in the future (birth dates are past)."""
    this = _dt.date.today().year
    y = 2000 + yy
    return y if y <= this else y - 100


def _date(y: int, m: int, d: int) -> _dt.date | None:
    try:
        return _dt.date(y, m, d) if 1800 <= y <= 2200 else None
    except ValueError:
        return None


def _lead(text: str, start: int) -> int:
    """The 1-2 digit number a match starts with."""
    end = start + 1
    if end < len(text) and text[end].isdigit():
        end += 1
    return int(text[start:end])


def _parse(m: re.Match, text: str) -> tuple[int, _dt.date | None] | None:
    """(span start, date or None if not a real date) for a candidate match; None if not a date shape."""
    s1, iso_m, iso_d, s2, b, ys, mon, dy, my = m.groups()
    start = m.start()
    if s1:
        return start, _date(int(text[start:start + 4]), int(iso_m), int(iso_d))
    if s2:
        a, b = _lead(text, start), int(b)
        if len(ys) == 2 and s2 == ".":
            return None  # 1.2.33: a version or a section number, not a date
        y = int(ys) if len(ys) == 4 else _year2(int(ys))
        if a > 12 and b <= 12:
            a, b = b, a  # day-first: 25/12/1988
        return start, _date(y, a, b)
    if mon:
        return start, _date(int(dy), _MONTHS[mon.lower()], _lead(text, start))
    before = _MONTH_BEFORE.search(text, max(0, start - 14), start)
    if not before:
        return None
    return before.start(), _date(int(my), _MONTHS[before.group("mon").lower()], _lead(text, start))


def _zone_starts(text: str, zones: list[tuple[int, int]]) -> list[list[int]]:
    """For each zone, the starts of `_DATE.finditer(text, zs, ze)`, found in one search: the
    zones (each with the character before it, for the lookbehinds) joined by NULs, which no
    match crosses and which fail the first lookahead as the end of a search range does."""
    firsts = [zs - 1 if zs else 0 for zs, _ in zones]
    segments = [text[f:ze] for f, (_, ze) in zip(firsts, zones)]
    offsets = list(accumulate((len(seg) + 1 for seg in segments), initial=0))
    out: list[list[int]] = [[] for _ in zones]
    i = 0
    for m in _DATE.finditer("\0".join(segments)):
        j = m.start()
        while offsets[i + 1] <= j:
            i += 1
        out[i].append(firsts[i] + j - offsets[i])
    return out


def _date_matches(text: str) -> Iterator[re.Match]:
    """The matches of `_DATE.finditer(text)`, found from the shared digit pass instead of a scan.

    A numeric date and `5 1988`/`12, 2024` are zone characters only, 6+ long: they are in a zone,
    where `_DATE.finditer` over the zone alone finds them (with nothing past the zone to see, it
    can only miss a written date starting at the zone's last digit run, e.g. `... 12 February`,
    which is tried on its own where the pass flagged the zone for it); such a match is the same
    one `_DATE.match` finds there in the whole text. A written date outside zones starts at one
    of the pass's date leads. Everything is visited in text order, and a match hides what starts
    inside it, as in finditer.
    """
    match = _DATE.match
    dp = digit_pass(text)
    leads = dp.date_leads
    li, nl = 0, len(leads)
    last_end = 0
    zones = dp.zones
    starts = _zone_starts(text, zones)
    for k, (zs, ze) in enumerate(zones):
        while li < nl and leads[li] < zs:
            p = leads[li]
            li += 1
            if p >= last_end:
                m = match(text, p)
                if m:
                    last_end = m.end()
                    yield m
        if last_end >= ze:
            continue
        done = False
        if last_end <= zs:
            for p in starts[k]:
                m = match(text, p)
                if m is None or m.end() > ze:  # cannot happen (see above); if it did, search the zone
                    break
                last_end = m.end()
                yield m
            else:
                done = True
        if not done:  # (or a written date ran into the zone: go on from its end)
            for m in _DATE.finditer(text, max(zs, last_end), ze):
                last_end = m.end()
                yield m
        if dp.date_past[k]:  # `12th ...`, `12 February ...`: may run past the zone
            p = ze - 1
            while p > zs and text[p - 1].isdigit():
                p -= 1
            if p >= last_end:
                m = match(text, p)
                if m:
                    last_end = m.end()
                    yield m
    while li < nl:
        p = leads[li]
        li += 1
        if p >= last_end:
            m = match(text, p)
            if m:
                last_end = m.end()
                yield m


def _birth_columns(text: str) -> list[tuple[int, int]]:
    """Cells under a table column whose header is a birth cue (`Date of birth`, `dob`, `birth_date`)."""
    low = lower_same_length(text)
    cues = []
    for i, cue in positions(text, _COLUMN_CUES):
        j = i + len(cue)
        if cue == "birth" or ((i == 0 or not low[i - 1].isalpha()) and (j >= len(low) or not low[j].isalpha())):
            cues.append(i)  # `birth` anywhere (birth_date, DateOfBirth); the others as words
    cells: list[tuple[int, int]] = []
    table_end = -1
    header_line = -1
    for i in sorted(cues):
        line = low.rfind("\n", 0, i) + 1
        if i < table_end and line != header_line:
            continue  # a cue inside the rows of a table already read: not a header
        column = column_cells(text, i)
        if column:
            header_line = line
            table_end = max(table_end, column[-1][1])
            cells.extend(column)
    return sorted(set(cells))


def _cue_spans(text: str) -> list[tuple[int, int]]:
    """Every birth cue in the text (`DOB`, `born`, `age 34`, ...), sorted, found from the anchors."""
    low = lower_same_length(text)
    spans: set[tuple[int, int]] = set()
    for h, anchor in positions(text, _CUE_ANCHORS):
        for m in _BIRTH.finditer(low, max(0, h - 16), min(len(low), h + len(anchor) + 12)):
            spans.add(m.span())
    return sorted(spans)


def _in_cells(cells: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    i = bisect.bisect_right(starts, start) - 1
    return i >= 0 and cells[i][0] <= start and end <= cells[i][1]


def _iso(raw: str) -> str | None:
    m = _DATE.search(raw)
    if not m:
        return None
    parsed = _parse(m, raw)
    return parsed[1].isoformat() if parsed and parsed[1] else None


@register
class DobDetector(Detector):
    kind = Kind.DOB
    default_severity = Severity.MEDIUM
    description = "Date of birth: a valid date with birth context (DOB, born, age 34); other dates confirm-only"
    EXAMPLES = {
        "match": ["DOB: 1988-02-05", "D.O.B. 02/05/1988", "born Feb 5, 1988", "date of birth: 5 February 1988",
                  "birthday is February 5th, 1988", "b. 2/5/88", "Jane Doe, age 34, 02/05/1988"],
        "no_match": ["meeting of Jun. 19, 2006", "07/14/2025: rescheduled", "DOB: 02/30/1988",
                     "DOB 13/13/1988", "Jane Doe (34) 02/05/1988", "version 1.2.33",
                     "National Night Out is June 18, 2025"],
    }

    def find(self, text: str) -> Iterator[Span]:
        n = len(text)
        today = _dt.date.today()
        prev_end = 0
        cells = _birth_columns(text)
        cell_starts = [c[0] for c in cells]
        cues = _cue_spans(text)
        cue_starts = [c[0] for c in cues]
        for m in _date_matches(text):
            end = m.end()
            if (m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "-/.")
                    and not (text[m.start() - 1] == "." and m.start() > 1 and not text[m.start() - 2].isdigit())):
                continue
            if end < n and (text[end].isalnum() or (text[end] in "-/." and end + 1 < n and text[end + 1].isdigit())):
                continue
            parsed = _parse(m, text)
            if not parsed or parsed[1] is None:
                continue
            start, date = parsed
            birth = date <= today and (
                self._birth_context(text, start, end, prev_end, cues, cue_starts)
                or _in_cells(cells, cell_starts, start, end))
            prev_end = end
            yield self.span(start, end, date.isoformat(), confirm_only=not birth)

    @staticmethod
    def _birth_context(text: str, start: int, end: int, prev_end: int,
                       cues: list[tuple[int, int]], cue_starts: list[int]) -> bool:
        lo = max(prev_end, start - 48)
        line_start = text.rfind("\n", lo, start)
        if line_start != -1:
            if text[line_start + 1:start].strip():
                lo = line_start + 1  # the label is on this line, if anywhere
            else:
                lo = max(lo, text.rfind("\n", lo, line_start) + 1)  # date starts its line: label line above
        # a cue between lo and the date
        i = bisect.bisect_left(cue_starts, lo)
        while i < len(cues) and cues[i][0] < start:
            if cues[i][1] <= start:
                return True
            i += 1
        if _B_DOT.search(text, max(0, start - 4), start):
            return True
        # a cue right after it: `02/05/1988 (DOB)`
        i = bisect.bisect_left(cue_starts, end)
        if i < len(cues) and cues[i][0] - end <= 4:
            between = text[end:cues[i][0]]
            return "\n" not in between and not any(c.isalnum() for c in between)
        return False

    @staticmethod
    def normalize_value(raw: str) -> str | None:
        """Roster dob -> ISO date (`02/05/1988`, `Feb 5, 1988` -> `1988-02-05`), or None."""
        return _iso(raw.strip())
