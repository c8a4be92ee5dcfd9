"""Drive a scan over many inputs: read, decode or extract, scan, collect findings and errors.

This is the searcher of the ripgrep split: it owns reading and hands text to the engine.
"""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field

from .engine import Scanner
from .model import Finding, ScanError, ScanResult
from .walk import Input, NotText, decode, iter_inputs

MAX_FILE_BYTES = 1 << 40  # no artificial limit; large files are read whole for now


@dataclass
class FileOutcome:
    path: str
    findings: list[Finding] = field(default_factory=list)
    errors: list[ScanError] = field(default_factory=list)
    bytes: int = 0
    binary: bool = False
    scanned: bool = False


def _read(inp: Input, stdin_data: bytes | None) -> bytes:
    if inp.fs_path is None:
        return stdin_data if stdin_data is not None else sys.stdin.buffer.read()
    with open(inp.fs_path, "rb") as fh:
        return fh.read()


def scan_input(scanner: Scanner, inp: Input, stdin_data: bytes | None = None) -> FileOutcome:
    out = FileOutcome(inp.path)
    try:
        data = _read(inp, stdin_data)
    except PermissionError:
        out.errors.append(ScanError(inp.path, "permission denied; not scanned"))
        return out
    except IsADirectoryError:
        out.errors.append(ScanError(inp.path, "is a directory"))
        return out
    except OSError as e:
        out.errors.append(ScanError(inp.path, f"cannot read: {e.strerror or e.__class__.__name__}; not scanned"))
        return out
    out.bytes = len(data)
    try:
        decoded = decode(data)
    except NotText:
        out.binary = True
        return out
    out.findings = scanner.scan_text(decoded.text, path=inp.path)
    out.scanned = True
    return out


def run_scan(scanner: Scanner, paths: list[str], excludes: list[str] | None = None,
             stdin_data: bytes | None = None, jobs: int | None = None, context: int = 0) -> ScanResult:
    t0 = time.perf_counter()
    result = ScanResult()
    for inp in iter_inputs(paths, excludes or [], result.errors):
        outcome = scan_input(scanner, inp, stdin_data)
        result.files += 1
        result.bytes += outcome.bytes
        result.skipped_binary += outcome.binary
        result.findings.extend(outcome.findings)
        result.errors.extend(outcome.errors)
    result.seconds = time.perf_counter() - t0
    return result
