"""Text folding for name and keyword matching, with a map back to the original offsets.

The folded stream is what the Aho-Corasick automaton reads: lower-case letters and digits,
accents stripped, Cyrillic/Greek look-alikes turned into Latin, zero-width characters dropped,
and every run of anything else (spaces, line breaks, punctuation) collapsed to one space. So
"Doe,\n  Jane", "DOE JANE" and "Dое Jane" (Cyrillic о/е) all read "doe jane".

Speed: ASCII text takes a fast path (`str.lower` + `str.translate`, both length-preserving), and
only the places where the length changes are remembered as breakpoints; a hit is mapped back
with one bisect. Non-ASCII runs are folded character by character through a cache.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from itertools import accumulate
from dataclasses import dataclass
from functools import lru_cache

ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2061\u2062\u2063\u2064")

# Look-alike letters that NFKC leaves alone (Cyrillic, Greek) -> Latin, after case-folding.
_CONFUSABLES = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "ԁ": "d",
    "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l", "ɡ": "g", "ո": "n", "ս": "u",
    # Greek
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "μ": "u", "ν": "v", "ο": "o",
    "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "γ": "y", "ζ": "z", "ϲ": "c", "ϳ": "j",
    # Latin specials that do not decompose
    "ø": "o", "đ": "d", "ł": "l", "ħ": "h", "ı": "i", "œ": "oe", "æ": "ae", "ß": "ss", "þ": "th",
}

# Capitals whose look-alike differs from their lower case's (Υ~Y but υ~u; Η~H but η~n; Ν~N but ν~v).
_UPPER_CONFUSABLES = {
    "Α": "a", "Β": "b", "Ε": "e", "Ζ": "z", "Η": "h", "Ι": "i", "Κ": "k", "Μ": "m", "Ν": "n", "Ο": "o",
    "Ρ": "p", "Τ": "t", "Υ": "y", "Χ": "x",
    "А": "a", "В": "b", "Е": "e", "К": "k", "М": "m", "Н": "h", "О": "o", "Р": "p", "С": "c", "Т": "t",
    "У": "y", "Х": "x", "Ѕ": "s", "І": "i", "Ј": "j",
}

# ASCII: letters lower-cased, everything not [a-z0-9] a space; a 256-byte table for bytes.translate,
# which runs at memory speed (str.translate with a dict is ~100x slower).
_ASCII_BYTES = bytes(
    (c + 32 if 65 <= c <= 90 else c) if (48 <= c <= 57 or 65 <= c <= 90 or 97 <= c <= 122) else 32
    for c in range(256)
)


def _ascii_fold(chunk: str) -> str:
    return chunk.encode("ascii").translate(_ASCII_BYTES).decode("ascii")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
_SPACE_RUN = re.compile(r"  +")


@lru_cache(maxsize=65536)
def fold_char(ch: str) -> str:
    """Fold one non-ASCII character: '' (ignorable), ' ' (separator) or lower-case ASCII-ish letters."""
    if ch in ZERO_WIDTH:
        return ""
    cat = unicodedata.category(ch)
    if cat in ("Mn", "Me", "Cf"):  # combining marks (decomposed accents), format chars
        return ""
    out = []
    for c in unicodedata.normalize("NFKD", ch):
        if unicodedata.category(c) in ("Mn", "Me"):
            continue
        upper = _UPPER_CONFUSABLES.get(c)
        if upper is not None:  # Greek capital Upsilon looks like Y, its lower case like u
            out.append(upper)
            continue
        for c2 in c.casefold():
            c2 = _CONFUSABLES.get(c2, c2)
            if c2.isascii():
                out.append(c2 if c2.isalnum() else " ")
            elif c2.isalnum():
                out.append(c2)
            else:
                out.append(" ")
    s = "".join(out)
    return s if s.strip() else (" " if s or cat[0] in "PZSC" else "")


_INVISIBLE = re.compile("[" + "".join(sorted(ZERO_WIDTH)) + "]")


# Full-width forms (U+FF01-FF5E: "９１３-６７０") -> ASCII, one character for one: detectors read
# [0-9] and ASCII letters, and offsets must not move.
_FULLWIDTH = re.compile("[\uff01-\uff5e\u3000]")
_FULLWIDTH_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def ascii_forms(text: str) -> str:
    """Full-width letters, digits and punctuation as ASCII (length kept)."""
    if text.isascii() or not _FULLWIDTH.search(text):
        return text
    return text.translate(_FULLWIDTH_TABLE)


def strip_invisible(text: str):
    """(text without zero-width characters, map from its offsets back) or (text, None) if none."""
    if text.isascii() or not _INVISIBLE.search(text):
        return text, None
    keys: list[int] = []
    deltas: list[int] = []
    parts: list[str] = []
    pos = removed = 0
    for m in _INVISIBLE.finditer(text):
        parts.append(text[pos:m.start()])
        removed += 1
        pos = m.end()
        keys.append(m.end() - removed)
        deltas.append(removed)
    parts.append(text[pos:])

    def back(i: int) -> int:
        k = bisect_right(keys, i) - 1
        return i + (deltas[k] if k >= 0 else 0)

    return "".join(parts), back


@lru_cache(maxsize=65536)
def fold_string(s: str) -> str:
    """Fold a pattern (a roster name, a cue phrase) exactly as the text is folded."""
    return FoldedText(s).folded.strip()


class _OffsetMap:
    """Piecewise-constant delta: original = folded + delta, with breakpoints where it changes."""

    __slots__ = ("keys", "deltas")

    def __init__(self) -> None:
        self.keys: list[int] = [0]
        self.deltas: list[int] = [0]

    def add(self, folded_pos: int, delta: int) -> None:
        if delta != self.deltas[-1]:
            if self.keys[-1] == folded_pos:
                self.deltas[-1] = delta
            else:
                self.keys.append(folded_pos)
                self.deltas.append(delta)

    def __call__(self, pos: int) -> int:
        if len(self.keys) == 1:
            return pos + self.deltas[0]
        return pos + self.deltas[bisect_right(self.keys, pos) - 1]


@dataclass
class FoldedText:
    """`folded` is the stream for matching; `to_original(i)` maps a folded index back."""

    original: str

    def __post_init__(self) -> None:
        stage1, map1 = self._fold_chars(self.original)
        self.folded, map2 = self._collapse(stage1)
        self._map1 = map1
        self._map2 = map2

    @staticmethod
    def _fold_chars(text: str) -> tuple[str, _OffsetMap]:
        if text.isascii():
            return _ascii_fold(text), _OffsetMap()
        parts: list[str] = []
        omap = _OffsetMap()
        out_len = 0
        pos = 0
        for m in _NON_ASCII_RUN.finditer(text):
            if m.start() > pos:
                chunk = text[pos:m.start()]
                parts.append(_ascii_fold(chunk))
                out_len += len(chunk)
            for i in range(m.start(), m.end()):
                f = fold_char(text[i])
                if len(f) != 1:
                    if f:
                        # an expansion (ß -> ss): every output char maps to the source char
                        for k in range(len(f)):
                            omap.add(out_len + k, i - (out_len + k))
                    parts.append(f)
                    out_len += len(f)
                    omap.add(out_len, i + 1 - out_len)
                else:
                    parts.append(f)
                    out_len += 1
            pos = m.end()
        if pos < len(text):
            parts.append(_ascii_fold(text[pos:]))
        return "".join(parts), omap

    @staticmethod
    def _collapse(stage1: str) -> tuple[str, _OffsetMap]:
        """Runs of spaces -> one space; breakpoints computed with C-speed helpers (no per-run calls)."""
        omap = _OffsetMap()
        if "  " not in stage1:
            return stage1, omap
        spans = [m.span() for m in _SPACE_RUN.finditer(stage1)]
        removed = list(accumulate(e - s - 1 for s, e in spans))
        # after a run that starts at a, folded positions from a + 1 - removed_before on shift by removed
        omap.keys = [0] + [s + 1 - r + (e - s - 1) for (s, e), r in zip(spans, removed)]
        omap.deltas = [0] + removed
        return _SPACE_RUN.sub(" ", stage1), omap

    def to_original(self, pos: int) -> int:
        return self._map1(self._map2(pos))

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Folded [start, end) -> original [start, end), end extended over trailing combining marks."""
        ostart = self.to_original(start)
        oend = self.to_original(end - 1) + 1
        text = self.original
        while oend < len(text) and unicodedata.category(text[oend]) in ("Mn", "Me"):
            oend += 1
        return ostart, oend


class LineIndex:
    """Offsets -> 1-based line and column (code points), by bisect over line starts."""

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self.starts = starts
        self.text = text

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def line_bounds(self, line: int) -> tuple[int, int]:
        """0-based [start, end) of 1-based `line`, without its line terminator."""
        start = self.starts[line - 1]
        end = self.starts[line] - 1 if line < len(self.starts) else len(self.text)
        if end > start and self.text[end - 1] == "\r":
            end -= 1
        return start, end
