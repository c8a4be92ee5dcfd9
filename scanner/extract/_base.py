"""Shared pieces of the extractors: result types, errors, a text builder and decoding.

Kept free of third-party imports: importing :mod:`scanner.extract` must stay cheap.
"""
from __future__ import annotations

import bisect
import codecs
import importlib
from dataclasses import dataclass, field
from typing import Any

INSTALL_HINT = "pip install 'doxguard[documents]'"


class ExtractError(Exception):
    """The file is a document we cannot read (corrupt, encrypted, unsupported).

    The message is one line, fit to print after ``path: ``.
    """


class MissingDependency(ExtractError):
    """The optional parser library for this format is not installed."""


@dataclass(slots=True)
class Segment:
    """``location`` applies to ``text[start:]`` up to the next segment's start."""

    start: int
    location: dict[str, Any]


@dataclass(slots=True)
class Extracted:
    text: str
    segments: list[Segment] = field(default_factory=list)  # or a compact read-only Sequence (CSV)
    warnings: list[str] = field(default_factory=list)
    format: str = ""
    _starts: Any = field(default=None, init=False, repr=False, compare=False)

    def starts(self):
        """The segments' start offsets, ascending (cached; cheap even for millions of CSV cells)."""
        if self._starts is None:
            fast = getattr(self.segments, "starts", None)
            self._starts = fast if fast is not None else [s.start for s in self.segments]
        return self._starts

    def location_at(self, offset: int) -> dict[str, Any]:
        """Location of the last segment starting at or before ``offset`` ({} if none)."""
        i = bisect.bisect_right(self.starts(), offset) - 1
        return dict(self.segments[i].location) if i >= 0 else {}


def require(module: str, package: str | None = None):
    """Import an optional parser lazily, or raise MissingDependency."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingDependency(
            f"{package or module} is not installed: {INSTALL_HINT}"
        ) from None


def one_line(exc: BaseException) -> str:
    """A parser exception as a short single line (no traceback, no newlines)."""
    msg = " ".join(str(exc).split()) or type(exc).__name__
    if len(msg) > 200:
        msg = msg[:197] + "..."
    return msg


class TextBuilder:
    """Accumulates text pieces and the segment table that locates them."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._len = 0
        self.segments: list[Segment] = []

    def __len__(self) -> int:
        return self._len

    def add(self, text: str, location: dict[str, Any], sep: str = "\n\n") -> None:
        """Append ``text`` as a new segment, preceded by ``sep`` unless nothing came before.

        Empty text adds nothing (no separator, no segment).
        """
        if not text:
            return
        if self._len and sep:
            self._append(sep)
        self.segments.append(Segment(self._len, dict(location)))
        self._append(text)

    def add_extracted(self, sub: Extracted, wrap, sep: str = "\n\n") -> None:
        """Append another extraction's text, mapping each of its locations through ``wrap``."""
        if not sub.text:
            return
        if self._len and sep:
            self._append(sep)
        base = self._len
        if not sub.segments or sub.segments[0].start > 0:
            self.segments.append(Segment(base, wrap({})))
        for s in sub.segments:
            self.segments.append(Segment(base + s.start, wrap(s.location)))
        self._append(sub.text)

    def write(self, text: str) -> None:
        """Append raw text (separators, continuations) without starting a segment."""
        if text:
            self._append(text)

    def _append(self, text: str) -> None:
        self._parts.append(text)
        self._len += len(text)

    def text(self) -> str:
        return "".join(self._parts)

    def result(self, fmt: str, warnings: list[str] | None = None) -> Extracted:
        segs: list[Segment] = []
        for s in self.segments:  # several segments at one offset: the last one wins
            if segs and segs[-1].start == s.start:
                segs[-1] = s
            else:
                segs.append(s)
        return Extracted(self.text(), segs, list(warnings or []), fmt)


_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, list[str]]:
    """Decode bytes of a text format: BOM, else UTF-8, else ``declared``, else cp1252.

    A BOM is dropped. Never raises; returns the text and warnings about lossy decoding.
    """
    warnings: list[str] = []
    for bom, enc in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            try:
                return body.decode(enc), warnings
            except UnicodeDecodeError as e:
                warnings.append(f"invalid {enc} at byte {e.start + len(bom)}; undecodable bytes replaced")
                return body.decode(enc, errors="replace"), warnings
    if b"\x00" in data[:8192]:
        # NULs decode as UTF-8 too: UTF-16 without a BOM (bcp -w, .NET exports) must be caught first
        from ..walk import NotText, sniff_encoding

        try:
            enc, skip = sniff_encoding(data[:8192])
        except NotText:
            enc, skip = "utf-8", 0
        if enc != "utf-8":
            return data[skip:].decode(enc, errors="replace"), warnings
    try:
        return data.decode("utf-8"), warnings
    except UnicodeDecodeError as e:
        first_bad = e.start
    if declared:
        enc = _codec(declared)
        if enc and enc != "utf-8":
            text = data.decode(enc, errors="replace")
            if "\ufffd" in text:
                warnings.append(f"undecodable bytes in {declared} text replaced")
            return text, warnings
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        warnings.append(f"not valid UTF-8 (byte {first_bad}); decoded as latin-1")
    else:
        warnings.append(f"not valid UTF-8 (byte {first_bad}); decoded as cp1252")
    return text, warnings


def _codec(name: str) -> str | None:
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None


def decode_with_charset(data: bytes, charset: str | None) -> tuple[str, list[str]]:
    """Decode with a declared charset (e-mail parts); unknown charsets fall back safely."""
    if charset:
        enc = _codec(charset)
        if enc is None:
            text, warnings = decode_text(data)
            return text, [f"unknown charset {charset!r}", *warnings]
        if enc not in ("utf-8", "us-ascii", "ascii"):
            text = data.decode(enc, errors="replace")
            return text, ([f"undecodable bytes in {charset} text replaced"] if "\ufffd" in text else [])
    return decode_text(data)
