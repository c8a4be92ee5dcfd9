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
import io
from collections import deque
import os
import sys
import time
from dataclasses import dataclass, field
from typing import BinaryIO, Callable, Iterator

from .engine import Scanner
from .model import Finding, ScanError, ScanResult
from .names import DocumentState
from .walk import Input, NotText, iter_inputs, sniff_encoding

CHUNK_CHARS = 1 << 20        # text handed to the engine at once
READ_BYTES = 1 << 20
OVERLAP = 4096               # context scanned on each side of a chunk (> link.CONTEXT_RADIUS)
PARALLEL_MIN_BYTES = 512 * 1024  # below this, starting workers costs more than it saves


@dataclass
class FileOutcome:
    path: str
    findings: list[Finding] = field(default_factory=list)
    errors: list[ScanError] = field(default_factory=list)
    bytes: int = 0
    binary: bool = False


def _looks_like_document(path: str, head: bytes) -> bool:
    from .extract import looks_like_document  # cheap: parsers load only when a document is read

    return looks_like_document(path, head)


def iter_chunks(fh: BinaryIO, head: bytes, encoding: str, skip: int) -> Iterator[tuple[str, int, int, int, int, int]]:
    """Yield (text, text_start, own_start, own_end, line_base, col_base) over a decoded stream.

    Each chunk owns [own_start, own_end) and is scanned with OVERLAP characters of context on
    both sides, more than any decision of the engine looks at (link.CONTEXT_RADIUS), so a finding
    is reported once, by the chunk that owns its start, exactly as a whole-text scan reports it.
    line_base/col_base place the chunk's first character: newlines before it, and characters
    between the last of them and it.
    """
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    buf = decoder.decode(head[skip:])
    buf_base, lines_before, col_before = 0, 0, 0
    eof = False
    own_start = 0
    while True:
        while not eof and len(buf) < (own_start - buf_base) + CHUNK_CHARS + OVERLAP:
            block = fh.read(READ_BYTES)
            if block:
                buf += decoder.decode(block)
            else:
                buf += decoder.decode(b"", final=True)
                eof = True
        avail_end = buf_base + len(buf)
        own_end = min(own_start + CHUNK_CHARS, avail_end)
        last = eof and own_end == avail_end
        scan_lo = max(buf_base, own_start - OVERLAP)
        scan_hi = min(avail_end, own_end + OVERLAP)
        prefix = buf[:scan_lo - buf_base]
        nl = prefix.rfind("\n")
        line_base = lines_before + prefix.count("\n")
        col_base = len(prefix) - nl - 1 if nl != -1 else col_before + len(prefix)
        yield buf[scan_lo - buf_base:scan_hi - buf_base], scan_lo, own_start, own_end, line_base, col_base
        if last:
            return
        own_start = own_end
        drop = own_start - OVERLAP - buf_base
        if drop > 0:
            dropped = buf[:drop]
            nl = dropped.rfind("\n")
            lines_before += dropped.count("\n")
            col_before = drop - nl - 1 if nl != -1 else col_before + drop
            buf = buf[drop:]
            buf_base += drop


def _scan_chunk(scanner: Scanner, text: str, path: str, state: DocumentState, lo: int, hi: int, base: int,
                line_base: int, col_base: int) -> list[Finding]:
    """Scan one chunk; keep the findings it owns, placed in the whole file's lines and offsets."""
    kept = []
    for f in scanner.scan_text(text, path=path, state=state):
        if not lo <= f.start < hi:
            continue
        if f.line == 1:
            f.column += col_base
        if f.end_line == 1:
            f.end_column += col_base
        f.line += line_base
        f.end_line += line_base
        f.start += base
        f.end += base
        kept.append(f)
    return kept


def _scan_stream(scanner: Scanner, path: str, fh: BinaryIO, head: bytes, out: FileOutcome,
                 pool=None, jobs: int = 1) -> None:
    try:
        encoding, skip = sniff_encoding(head)  # the one binary/encoding decision (walk.py)
    except NotText:
        out.binary = True
        return
    state = DocumentState()
    replaced = 0
    pending: deque = deque()
    for text, base, own_start, own_end, line_base, col_base in iter_chunks(fh, head, encoding, skip):
        lo, hi = own_start - base, own_end - base
        replaced += text.count("\ufffd", lo, hi)
        state.base = base
        if pool is None:
            out.findings.extend(_scan_chunk(scanner, text, path, state, lo, hi, base, line_base, col_base))
            continue
        # Parallel: workers scan chunks from the state the chunks before left; the parent only
        # walks the names to carry that state forward. Results are taken in order.
        snapshot = state.copy()
        scanner.advance_state(text, state)
        pending.append(pool.submit(_worker_chunk, (text, path, snapshot, lo, hi, base, line_base, col_base)))
        while len(pending) > 2 * jobs:  # bound the text in flight
            out.findings.extend(_attach(scanner, pending.popleft().result()))
    while pending:
        out.findings.extend(_attach(scanner, pending.popleft().result()))
    if replaced:
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
    for f in scanner.scan_text(res.text, path=path):
        loc = res.location_at(f.start)
        if loc:
            f.location = dict(loc)
        out.findings.append(f)
    for w in getattr(res, "warnings", []) or []:
        sys.stderr.write(f"doxguard: {path}: {w}\n")
    return True


def scan_input(scanner: Scanner, inp: Input, stdin: BinaryIO | None = None, allow_image_pdfs: bool = False,
               pool=None, jobs: int = 1) -> FileOutcome:
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
        if _looks_like_document(inp.path, head):
            rest = fh.read()
            data = head + rest
            out.bytes = len(data)
            if _scan_document(scanner, inp.path, data, out, allow_image_pdfs):
                return out
            fh = io.BytesIO(data[len(head):])
        counter = _Counting(fh, len(head))
        _scan_stream(scanner, inp.path, counter, head, out, pool, jobs)
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


# ---------------------------------------------------------------------- parallel files
_WORKER_SCANNER: Scanner | None = None


def _worker_init(scanner: Scanner) -> None:
    global _WORKER_SCANNER
    _WORKER_SCANNER = scanner


def _worker_scan(args: tuple[Input, bool]) -> FileOutcome:
    inp, allow_image_pdfs = args
    out = scan_input(_WORKER_SCANNER, inp, allow_image_pdfs=allow_image_pdfs)
    out.findings = _detach(out.findings)
    return out


def _detach(findings: list[Finding]) -> list:
    """Findings to send back from a worker: persons by id (a Person carries the roster's private
    values; pickling one per result would copy them for nothing)."""
    items = []
    for f in findings:
        pid = f.person.id if f.person is not None else None
        fid = f.family_of.id if f.family_of is not None else None
        f.person = f.family_of = None
        items.append((f, pid, fid))
    return items


def _attach(scanner: Scanner, items: list) -> list[Finding]:
    by_id = scanner.by_id
    out = []
    for f, pid, fid in items:
        f.person = by_id.get(pid) if pid else None
        f.family_of = by_id.get(fid) if fid else None
        out.append(f)
    return out


def _worker_chunk(args) -> list:
    text, path, state, lo, hi, base, line_base, col_base = args
    return _detach(_scan_chunk(_WORKER_SCANNER, text, path, state, lo, hi, base, line_base, col_base))


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
    total = sum(_size(i) for i in files)
    parallel = jobs > 1 and (len(files) > 1 and total >= PARALLEL_MIN_BYTES or total >= 2 * CHUNK_CHARS)
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
            if inp.fs_path is None or _size(inp) >= 2 * CHUNK_CHARS:
                # stdin and large files: read here, their chunks scanned by the workers
                pending.append(scan_input(scanner, inp, stdin, allow_image_pdfs, pool=pool, jobs=jobs))
            else:
                pending.append(pool.submit(_worker_scan, (inp, allow_image_pdfs)))
        for p in pending:
            if isinstance(p, FileOutcome):
                yield p
            else:
                outcome = p.result()
                outcome.findings = _attach(scanner, outcome.findings)
                yield outcome
