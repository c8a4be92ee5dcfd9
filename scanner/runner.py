"""Drive a scan over many inputs: read, decode or extract, scan, collect findings and errors.

This is the searcher of the ripgrep split: it owns reading and hands text to the engine.
- Plain text is streamed: bytes are decoded incrementally and scanned in chunks cut at a
  paragraph break (else a line break, else hard with an overlap), so memory does not grow with
  file size and no match is lost at a chunk edge. What the document said (persons whose full
  name appeared) carries from chunk to chunk.
- Released document formats (PDF, DOCX, XLSX, HTML, e-mail, CSV) go through `scanner.extract`
  and each finding gets its page/paragraph/row location.
- `--jobs N` scans files in N processes; results keep the input order, so output is identical
  whatever N is.
"""
from __future__ import annotations

import codecs
import os
import sys
import time
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Callable, Iterator

from .engine import Scanner
from .model import Finding, ScanError, ScanResult
from .names import DocumentState
from .walk import BINARY_SNIFF, Input, NotText, iter_inputs

CHUNK_CHARS = 1 << 20        # text handed to the engine at once
READ_BYTES = 1 << 20
OVERLAP = 4096               # for hard cuts inside a huge line: longer than any PII value
DOC_EXTENSIONS = {".pdf", ".docx", ".xlsx", ".xlsm", ".html", ".htm", ".xhtml", ".eml", ".csv", ".tsv", ".zip", ".doc", ".xls"}
PARALLEL_MIN_BYTES = 512 * 1024  # below this, starting workers costs more than it saves


@dataclass
class FileOutcome:
    path: str
    findings: list[Finding] = field(default_factory=list)
    errors: list[ScanError] = field(default_factory=list)
    bytes: int = 0
    binary: bool = False


def _bom_encoding(head: bytes) -> tuple[str, int]:
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8", 3
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "utf-32", 0
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16", 0
    return "", 0


def _looks_like_document(path: str, head: bytes) -> bool:
    if Path(path).suffix.lower() in DOC_EXTENSIONS:
        return True
    h = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:64].lower()
    return head.startswith((b"%PDF-", b"PK\x03\x04")) or h.startswith((b"<!doctype html", b"<html"))


def iter_chunks(fh: BinaryIO, head: bytes, encoding: str, skip: int) -> Iterator[tuple[str, int, bool]]:
    """Yield (chunk text, length of the part this chunk owns, last?) over a decoded stream.

    A chunk cut at a paragraph or line break owns all of itself; a hard cut owns all but the last
    OVERLAP characters, which start the next chunk (findings there are reported once, by the next).
    """
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    buf = decoder.decode(head[skip:])
    eof = False
    while True:
        while not eof and len(buf) < CHUNK_CHARS + OVERLAP:
            block = fh.read(READ_BYTES)
            if not block:
                buf += decoder.decode(b"", final=True)
                eof = True
            else:
                buf += decoder.decode(block)
        if eof and len(buf) <= CHUNK_CHARS + OVERLAP:
            yield buf, len(buf), True
            return
        lo = CHUNK_CHARS // 2
        cut = buf.rfind("\n\n", lo, CHUNK_CHARS)
        if cut != -1:
            cut += 2
        else:
            cut = buf.rfind("\n", lo, CHUNK_CHARS)
            cut = cut + 1 if cut != -1 else -1
        if cut > 0:
            yield buf[:cut], cut, False
            buf = buf[cut:]
        else:
            yield buf[:CHUNK_CHARS + OVERLAP], CHUNK_CHARS, False
            buf = buf[CHUNK_CHARS:]


def _scan_stream(scanner: Scanner, path: str, fh: BinaryIO, head: bytes, out: FileOutcome) -> None:
    encoding, skip = _bom_encoding(head)
    if not encoding:
        if b"\x00" in head[:BINARY_SNIFF]:
            out.binary = True
            return
        encoding = "utf-8"
    state = DocumentState()
    base = 0          # code-point offset of the chunk start in the file
    base_line = 0     # newlines before the chunk start
    base_col = 0      # characters between the last newline and the chunk start
    replaced = 0
    for text, owned, _last in iter_chunks(fh, head, encoding, skip):
        replaced += text.count("\ufffd", 0, owned)
        for f in scanner.scan_text(text, path=path, state=state):
            if f.start >= owned:
                continue
            if f.line == 1:
                f.column += base_col
            if f.end_line == 1:
                f.end_column += base_col
            f.line += base_line
            f.end_line += base_line
            f.start += base
            f.end += base
            out.findings.append(f)
        nl = text.count("\n", 0, owned)
        if nl:
            base_line += nl
            base_col = owned - (text.rfind("\n", 0, owned) + 1)
        else:
            base_col += owned
        base += owned
    if replaced and encoding == "utf-8":
        # Recovered: the bytes were replaced and the rest scanned. Said once on stderr, not an error.
        sys.stderr.write(f"doxguard: {path}: {replaced} byte sequence(s) were not valid {encoding}; replaced and scanned\n")


def _scan_document(scanner: Scanner, path: str, data: bytes, out: FileOutcome, allow_image_pdfs: bool) -> bool:
    """Extract and scan a released document; False when it is not a document format after all."""
    from .extract import ExtractError, extract

    try:
        res = extract(path, data, allow_image_pdfs=allow_image_pdfs)
    except ExtractError as e:
        out.errors.append(ScanError(path, str(e)))
        return True
    if res is None:
        return False
    starts = [s.start for s in res.segments]
    for f in scanner.scan_text(res.text, path=path):
        i = bisect_right(starts, f.start) - 1
        if i >= 0:
            f.location = dict(res.segments[i].location)
        out.findings.append(f)
    for w in getattr(res, "warnings", []) or []:
        sys.stderr.write(f"doxguard: {path}: {w}\n")
    return True


def scan_input(scanner: Scanner, inp: Input, stdin: BinaryIO | None = None, allow_image_pdfs: bool = False) -> FileOutcome:
    out = FileOutcome(inp.path)
    opened = None
    try:
        fh = opened = (stdin or sys.stdin.buffer) if inp.fs_path is None else open(inp.fs_path, "rb")
    except PermissionError:
        out.errors.append(ScanError(inp.path, "permission denied; not scanned"))
        return out
    except OSError as e:
        out.errors.append(ScanError(inp.path, f"cannot open: {e.strerror or e.__class__.__name__}; not scanned"))
        return out
    try:
        head = fh.read(READ_BYTES)
        if _looks_like_document(inp.path, head[:BINARY_SNIFF]):
            rest = fh.read()
            data = head + rest
            out.bytes = len(data)
            if _scan_document(scanner, inp.path, data, out, allow_image_pdfs):
                return out
            fh = _BytesReader(data[len(head):])
        counter = _Counting(fh, len(head))
        _scan_stream(scanner, inp.path, counter, head, out)
        out.bytes = counter.count
    except OSError as e:
        out.errors.append(ScanError(inp.path, f"read failed: {e.strerror or e.__class__.__name__}; not scanned in full"))
    except ImportError as e:
        out.errors.append(ScanError(inp.path, f"document support is not installed ({e.name}); pip install 'doxguard[documents]'"))
    finally:
        if inp.fs_path is not None and opened is not None:
            opened.close()
    return out


class _Counting:
    def __init__(self, fh, already: int):
        self.fh = fh
        self.count = already

    def read(self, n: int = -1) -> bytes:
        b = self.fh.read(n)
        self.count += len(b)
        return b

    def close(self) -> None:
        self.fh.close()


class _BytesReader:
    def __init__(self, data: bytes):
        self.data = data
        self.pos = 0

    def read(self, n: int = -1) -> bytes:
        if n < 0:
            n = len(self.data) - self.pos
        b = self.data[self.pos:self.pos + n]
        self.pos += len(b)
        return b

    def close(self) -> None:
        pass


# ---------------------------------------------------------------------- parallel files
_WORKER_SCANNER: Scanner | None = None


def _worker_init(scanner: Scanner) -> None:
    global _WORKER_SCANNER
    _WORKER_SCANNER = scanner


def _worker_scan(args: tuple[Input, bool]) -> FileOutcome:
    inp, allow_image_pdfs = args
    return scan_input(_WORKER_SCANNER, inp, allow_image_pdfs=allow_image_pdfs)


def _size(inp: Input) -> int:
    try:
        return os.path.getsize(inp.fs_path) if inp.fs_path is not None else 0
    except OSError:
        return 0


def run_scan(scanner: Scanner, paths: list[str], excludes: list[str] | None = None,
             stdin: BinaryIO | None = None, jobs: int | None = None, allow_image_pdfs: bool = False,
             on_file: Callable[[FileOutcome], None] | None = None) -> ScanResult:
    t0 = time.perf_counter()
    result = ScanResult()
    inputs = list(iter_inputs(paths, excludes or [], result.errors))
    jobs = jobs or os.cpu_count() or 1
    files = [i for i in inputs if i.fs_path is not None]
    parallel = jobs > 1 and len(files) > 1 and sum(_size(i) for i in files) >= PARALLEL_MIN_BYTES
    if parallel:
        outcomes = _run_parallel(scanner, inputs, jobs, stdin, allow_image_pdfs)
    else:
        outcomes = (scan_input(scanner, i, stdin, allow_image_pdfs) for i in inputs)
    for outcome in outcomes:
        result.files += 1
        result.bytes += outcome.bytes
        result.skipped_binary += outcome.binary
        result.findings.extend(outcome.findings)
        result.errors.extend(outcome.errors)
        if on_file:
            on_file(outcome)
    result.seconds = time.perf_counter() - t0
    return result


def _run_parallel(scanner: Scanner, inputs: list[Input], jobs: int, stdin, allow_image_pdfs: bool) -> Iterator[FileOutcome]:
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_worker_init, initargs=(scanner,)) as pool:
        pending = []
        for inp in inputs:
            if inp.fs_path is None:
                pending.append(scan_input(scanner, inp, stdin, allow_image_pdfs))
            else:
                pending.append(pool.submit(_worker_scan, (inp, allow_image_pdfs)))
        for p in pending:
            yield p if isinstance(p, FileOutcome) else p.result()
