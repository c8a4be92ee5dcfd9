"""CSV/TSV: the text is the decoded file itself, unchanged; segments locate each cell.

``text == decoded file`` so offsets (and lines/columns) are those of the file. Each
non-empty cell starts a segment ``{"row": r, "column": c}`` (1-based; the header line is
row 1; a quoted cell with embedded line breaks stays in its row). The delimiter is sniffed
(``,`` ``;`` tab ``|``), tab for .tsv, "," when the sniffer cannot tell.

A large export has millions of cells, so the segment table is stored compactly (three
integer arrays) and materialises ``Segment`` objects only when indexed.
"""
from __future__ import annotations

import csv as _csv
import re
from array import array
from collections.abc import Sequence

from scanner.extract._base import Extracted, Segment, decode_text

_SNIFF_CHARS = 64 * 1024


def extract_csv(data: bytes, tab: bool = False) -> Extracted:
    text, warnings = decode_text(data)
    delimiter = "\t" if tab else _sniff(text[:_SNIFF_CHARS])
    segments, unterminated = cell_segments(text, delimiter)
    if unterminated:
        warnings.append(f"unterminated quoted cell starting in row {unterminated}")
    return Extracted(text, segments, warnings, "csv")  # type: ignore[arg-type]  # a Sequence


def _sniff(sample: str) -> str:
    """The delimiter. The quote is always '"' (a sniffed "'" would swallow apostrophes)."""
    try:
        return _csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except _csv.Error:
        return ","


class CellSegments(Sequence):
    """A read-only list of Segment built from parallel arrays (start, row, column)."""

    def __init__(self) -> None:
        self.starts = array("q")
        self.rows = array("q")
        self.cols = array("q")

    def append(self, start: int, row: int, col: int) -> None:
        self.starts.append(start)
        self.rows.append(row)
        self.cols.append(col)

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        return Segment(self.starts[i], {"row": self.rows[i], "column": self.cols[i]})

    def __eq__(self, other) -> bool:
        return list(self) == list(other) if isinstance(other, (list, Sequence)) else NotImplemented

    def __repr__(self) -> str:
        return f"CellSegments({len(self)} cells)"


def cell_segments(text: str, delimiter: str = ",", quote: str = '"') -> tuple[CellSegments, int]:
    """Segments for every non-empty cell, and the row of an unterminated quote (0 if none).

    RFC 4180 reading: a cell that starts with the quote character runs to the closing quote
    (doubled quotes are literal), so line breaks inside it do not end the row. Lines without
    a quote character take a fast path (str.split).
    """
    segs = CellSegments()
    add = segs.append
    unquoted = re.compile(f"[^{re.escape(delimiter)}\r\n]*")
    n = len(text)
    i = 0
    row = 1
    while i < n:
        end = text.find("\n", i)
        end = n if end < 0 else end
        line = text[i:end]
        if "\r" in line:  # a bare CR ends a row too (old Mac files); CRLF is handled below
            cr = line.find("\r")
            if cr < len(line) - 1:
                end = i + cr
                line = line[:cr]
        if quote not in line:
            pos = i
            for col, cell in enumerate(line.rstrip("\r").split(delimiter), 1):
                if cell:
                    add(pos, row, col)
                pos += len(cell) + len(delimiter)
            i = end + 1
            row += 1
            continue
        # slow path: a row with quoted cells, possibly running over several lines
        col = 1
        while True:
            start = i
            if i < n and text[i] == quote:
                i += 1
                while True:
                    j = text.find(quote, i)
                    if j < 0:
                        add(start, row, col)
                        return segs, row
                    if j + 1 < n and text[j + 1] == quote:
                        i = j + 2
                        continue
                    i = j + 1
                    break
            i = unquoted.match(text, i).end()  # an unquoted cell, or what follows a closing quote
            if i > start:
                add(start, row, col)
            if i < n and text[i] == delimiter:
                i += 1
                col += 1
                continue
            break
        if i < n and text[i] == "\r":
            i += 1
        if i < n and text[i] == "\n":
            i += 1
        row += 1
    return segs, 0
