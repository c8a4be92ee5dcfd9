"""Helpers shared by the detectors: data files (loaded once) and offset-safe lower-casing.

Not a detector (nothing here is `@register`ed); `base.registry()` imports it harmlessly.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import accumulate
from importlib import resources


@lru_cache(maxsize=None)
def data_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of `scanner/data/<name>`, stripped."""
    text = resources.files("scanner").joinpath("data", name).read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return tuple(out)


@lru_cache(maxsize=None)
def data_table(name: str) -> dict[str, str]:
    """`canonical variant variant ...` lines -> {lower-case variant or canonical: canonical}."""
    table: dict[str, str] = {}
    for line in data_lines(name):
        parts = line.lower().split()
        for p in parts:
            table.setdefault(p, parts[0])
    return table


def lower_same_length(text: str) -> str:
    """The text with ASCII letters lower-cased, one character per code point (offsets kept).

    For finding ASCII keywords case-insensitively. Characters outside Latin-1 become `?` and the
    curly apostrophe becomes `'` (`Parkinson’s`, `driver’s`); going through Latin-1 bytes is ~4x
    faster than `str.lower()` on non-ASCII text, and `İ`-like characters cannot shift offsets.
    Several detectors search the result in turn, so the last one is kept (by identity of the text
    object, which the cache holds on to): a scan lower-cases each text once.
    """
    global _LOWER_CACHE
    cached = _LOWER_CACHE
    if cached is not None and cached[0] is text:
        return cached[1]
    src = text.replace("\u2019", "'") if "\u2019" in text else text
    low = src.encode("latin-1", "replace").lower().decode("latin-1")
    _LOWER_CACHE = (text, low)
    return low


_LOWER_CACHE: tuple[str, str] | None = None


def fold_accents(s: str) -> str:
    """'Nuñez' -> 'Nunez' (for normalised values only; never for offsets)."""
    if s.isascii():
        return s
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


# ----------------------------------------------------------------------------------- tables
_ALIGNED_GAP = re.compile(r"\S {2,}\S")
_ALIGNED_CELL = re.compile(r"\S+(?: \S+)*")
MAX_TABLE_ROWS = 10_000
MAX_HEADER = 400


def _delimiter(line: str) -> str | None:
    for d in ("|", "\t", ";", ","):
        if d in line:
            return d
    return "  " if _ALIGNED_GAP.search(line) else None


def _split(line: str, delim: str) -> list[tuple[int, int]]:
    """(start, end) of each cell of a delimited or space-aligned line, trimmed; quotes respected."""
    if delim == "  ":
        return [m.span() for m in _ALIGNED_CELL.finditer(line)]
    cells, start, quoted = [], 0, False
    if '"' not in line:  # no quoting: the cells are what str.split gives (no per-character loop)
        for part in line.split(delim):
            cells.append((start, start + len(part)))
            start += len(part) + 1
    else:
        for i, c in enumerate(line):
            if c == '"':
                quoted = not quoted
            elif c == delim and not quoted:
                cells.append((start, i))
                start = i + 1
        cells.append((start, len(line)))
    out = []
    for s, e in cells:
        while s < e and line[s] in ' "\t':
            s += 1
        while e > s and line[e - 1] in ' "\t\r':
            e -= 1
        out.append((s, e))
    return out


def column_cells(text: str, pos: int) -> list[tuple[int, int]]:
    """If `pos` is in a header cell of a table (`a | b | c`, `a;b;c`, `a,b`, tabs, or columns
    aligned with 2+ spaces) whose next lines are rows of the same shape, the (start, end) text
    offsets of that column's cell in each row (up to a blank line or a line of another shape);
    else []. Lets a column header (`Date of birth`, `plate`) give context to the values below it.
    """
    # a header line is short: look no further than MAX_HEADER either way (keeps this linear)
    ls = text.rfind("\n", max(0, pos - MAX_HEADER), pos) + 1
    le = text.find("\n", pos, pos + MAX_HEADER)
    if (ls == 0 and pos > MAX_HEADER) or (le == -1 and pos + MAX_HEADER < len(text)):
        return []
    le = len(text) if le == -1 else le
    header = text[ls:le]
    delim = _delimiter(header)
    if delim is None:
        return []
    hcells = _split(header, delim)
    # a header is a row of short labels, not prose that happens to hold a comma
    if len(hcells) < 2 or any(e - s > 32 or header.count(" ", s, e) > 3 for s, e in hcells):
        return []
    if delim == "," and ", " in header and len(hcells) < 3:
        return []  # `she said, plate stuff`: prose with a comma, not a two-column CSV header
    col = next((i for i, (s, e) in enumerate(hcells) if s <= pos - ls < max(e, s + 1)), None)
    if col is None:
        return []
    hs, he = hcells[col]
    out: list[tuple[int, int]] = []
    row_start = le + 1
    while row_start < len(text) and len(out) < MAX_TABLE_ROWS:
        row_end = text.find("\n", row_start, row_start + 4 * MAX_HEADER)
        if row_end == -1:
            if row_start + 4 * MAX_HEADER < len(text):
                break  # a very long line is not a table row
            row_end = len(text)
        row = text[row_start:row_end]
        if not row.strip() or _delimiter(row) != delim:
            break
        cells = _split(row, delim)
        if delim != "  " and len(cells) != len(hcells):
            break
        if delim == "  ":  # aligned: the row cell that overlaps the header cell's columns
            cell = next(((s, e) for s, e in cells if s < he and e > hs), None)
        else:
            cell = cells[col] if col < len(cells) else None
        if cell is not None and cell[1] > cell[0]:
            out.append((row_start + cell[0], row_start + cell[1]))
        row_start = row_end + 1
    return out


# ----------------------------------------------------------------------------------- keywords
# Every detector's context words, cues and lexicon terms go into ONE Aho-Corasick automaton, run
# once per text over `lower_same_length(text)`: one pass instead of a `str.find` pass per word.
_KEYWORDS: set[str] = set()
_AUTOMATON: list = [None, -1]  # [automaton, size of _KEYWORDS it was built from]
_HITS_CACHE: tuple[str, int, dict[str, list[int]]] | None = None


def register_keywords(words) -> None:
    """Add lower-case ASCII keywords to the shared automaton (call at import time)."""
    new = {w for w in words if w} - _KEYWORDS
    if new:
        _KEYWORDS.update(new)


def _automaton():
    import ahocorasick

    if _AUTOMATON[1] != len(_KEYWORDS):
        automaton = ahocorasick.Automaton()
        for w in _KEYWORDS:
            automaton.add_word(w, w)
        automaton.make_automaton()
        _AUTOMATON[0], _AUTOMATON[1] = automaton, len(_KEYWORDS)
    return _AUTOMATON[0]


def keyword_hits(text: str) -> dict[str, list[int]]:
    """keyword -> sorted start offsets of every occurrence in the lower-cased text (overlaps too).

    Cached for the last text object, like `lower_same_length`."""
    global _HITS_CACHE
    automaton = _automaton()
    cached = _HITS_CACHE
    if cached is not None and cached[0] is text and cached[1] == len(_KEYWORDS):
        return cached[2]
    hits: dict[str, list[int]] = {}
    if _KEYWORDS:
        for end, word in automaton.iter(lower_same_length(text)):
            start = end - len(word) + 1
            lst = hits.get(word)
            if lst is None:
                hits[word] = [start]
            else:
                lst.append(start)
    _HITS_CACHE = (text, len(_KEYWORDS), hits)
    return hits


def positions(text: str, words) -> list[tuple[int, str]]:
    """(start, word) of every occurrence of any of `words` (registered keywords), sorted."""
    hits = keyword_hits(text)
    out = [(p, w) for w in words for p in hits.get(w, ())]
    out.sort()
    return out


# ----------------------------------------------------------------------------------- digit zones
# One shared candidate pass, run once per text, for the digit-led detectors (phone, ssn, card,
# bank_account, ip, dob, address), instead of one digit-led scan each: a character-class-led
# pattern with no leading lookaround (the engine skips straight to digits). It finds
# 1. zones: the maximal runs of digits and number punctuation (`ZONE_CHARS`), trimmed to their
#    first and last digit, at least 6 characters long. A pattern that consumes only zone
#    characters and starts on a digit cannot cross a zone's edge, so `finditer` inside each zone
#    long enough for it yields exactly what it yields over the whole text (`zone_matches`).
# 2. outside zones, the digits that start a house number (`ADDRESS_LEAD`: the start of
#    address.py's pattern, kept equal to it) or a written date (`DATE_LEAD`: a superset of the
#    starts of dob.py's `5 February 1988`, `5th, 1988` shapes); these branches only look ahead,
#    so they consume one digit and never hide a zone or another lead. The zone branch is tried
#    first and fails only on a run with no zone; a digit right after a digit starts nothing (its
#    run's first digit was tried).
# ~15k candidates on 2 MB of dense report text; the detectors validate only those.
ZONE_CHARS = "0-9 ()./\\-+,\t\u00a0\u200b\u200c\u200d\u2060\ufeff"
ADDRESS_LEAD = (r"(?<![\w$.:;/#@\-][0-9])(?<![0-9],[0-9])[0-9]{0,5}[A-Z]?(?:[ \t]1/2)?(?![\w/,.:]|-\w)"
                r"[ \t]{1,3}(?=[A-Z0-9])")
DATE_LEAD = (r"(?<![\w/\-][0-9])[0-9]?(?:st|nd|rd|th)?"
             r"(?:(?:[ \t]+of)?[ \t]+[JFMASONDjfmasond]|,?[ \t]{1,3}[0-9]{4})")
# A zone flag (an optional lookahead at its end: it never changes the zone's extent) says a written
# date may start at the zone's last digit run and run past it (`12 February`, `5th, 1988`).
_U = "[" + ZONE_CHARS + "]"
_DIGIT_PASS = re.compile(
    "[0-9](?<![0-9][0-9])(?:" + _U + "{4,}[0-9]"
    r"(?=(?P<dx>(?:st|nd|rd|th)?(?:(?:[ \t]+of)?[ \t]+[JFMASONDjfmasond]|,?[ \t]{1,3}[0-9]{4})))?"
    "|(?=(?P<a>" + ADDRESS_LEAD + "))(?=(?P<w1>" + DATE_LEAD + "))?|(?=(?P<w2>" + DATE_LEAD + ")))"
)
ZONE_SET = frozenset("0123456789 ()./-+,\t\u00a0\u200b\u200c\u200d\u2060\ufeff")
_DIGITS_CACHE: tuple | None = None


class DigitPass:
    """What the shared digit pass found in one text (see above)."""

    __slots__ = ("zones", "date_past", "address_leads", "date_leads")

    def __init__(self) -> None:
        self.zones: list[tuple[int, int]] = []
        self.date_past: list[bool] = []  # per zone: its flag
        self.address_leads: list[int] = []  # outside zones
        self.date_leads: list[int] = []  # outside zones


def digit_pass(text: str) -> DigitPass:
    """The shared digit pass over `text`; cached for the last text object."""
    global _DIGITS_CACHE
    cached = _DIGITS_CACHE
    if cached is not None and cached[0] is text:
        return cached[1]
    res = DigitPass()
    zones, past, leads, dates = res.zones, res.date_past, res.address_leads, res.date_leads
    for m in _DIGIT_PASS.finditer(text):
        last = m.lastindex  # the groups are dx=1, a=2, w1=3, w2=4; a zone sets none or dx
        if last is None or last == 1:
            zones.append(m.span())
            past.append(last == 1)
        elif last == 2:
            leads.append(m.start())
        elif last == 3:
            s = m.start()
            leads.append(s)
            dates.append(s)
        else:
            dates.append(m.start())
    _DIGITS_CACHE = (text, res)
    return res


def digit_zones(text: str) -> list[tuple[int, int]]:
    """(start, end) of every maximal run of `ZONE_CHARS` that holds digits 6+ characters apart,
    trimmed to its first and last digit; sorted. Cached for the last text object."""
    return digit_pass(text).zones


def zone_run(text: str, start: int, end: int) -> tuple[int, int]:
    """A zone widened to its whole run of `ZONE_CHARS` (leading `(`/`+`, trailing `)`, spaces)."""
    zs = ZONE_SET
    while start > 0 and text[start - 1] in zs:
        start -= 1
    n = len(text)
    while end < n and text[end] in zs:
        end += 1
    return start, end


def zone_matches(text: str, pattern: re.Pattern, min_len: int, before: int = 0,
                 after: int = 0) -> list[tuple[int, int, re.Match]]:
    """`pattern.finditer(text, zs, ze + after)` over every zone at least `min_len` long, in one
    search: (start, end, match) with text offsets (the match's own offsets are not).

    The zones, each with `before` characters ahead of it (what the pattern's lookbehinds read) and
    `after` past it (its search end), are joined by NULs, which no pattern here consumes. For a
    pattern whose matches start with a digit (the character before a zone never is one), this
    finds exactly what the per-zone searches would.
    """
    n = len(text)
    firsts: list[int] = []
    segments: list[str] = []
    for zs, ze in digit_pass(text).zones:
        if ze - zs >= min_len:
            f = zs - before if zs >= before else 0
            firsts.append(f)
            segments.append(text[f:ze + after if ze + after < n else n])
    if not segments:
        return []
    offsets = list(accumulate((len(seg) + 1 for seg in segments), initial=0))
    out = []
    i = 0
    for m in pattern.finditer("\0".join(segments)):
        j, k = m.span()
        while offsets[i + 1] <= j:
            i += 1
        d = firsts[i] - offsets[i]
        out.append((j + d, k + d, m))
    return out
