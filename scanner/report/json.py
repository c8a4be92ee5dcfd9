"""JSON (one document) and JSON Lines (one finding per line, nothing else) reporters."""
from __future__ import annotations

import io
import json as _json
from typing import Iterable, TextIO

from ..model import ScanResult

SCHEMA_VERSION = "1"


def _dumps(obj) -> str:
    # No indent: only then does the json module use its C encoder (10x faster on big reports).
    return _json.dumps(obj, ensure_ascii=False)


def write_json(result: ScanResult, out: TextIO) -> None:
    """One JSON document, one finding per line, written as it goes (a big report is never one
    string in memory)."""
    out.write('{\n  "version": ' + _dumps(SCHEMA_VERSION) + ",\n")
    _write_list(out, "findings", (f.to_dict() for f in result.findings))
    out.write(",\n")
    _write_list(out, "errors", (e.to_dict() for e in result.errors))
    out.write(',\n  "summary": ' + _dumps(result.summary()) + "\n}\n")


def _write_list(out: TextIO, name: str, items: Iterable[dict]) -> None:
    out.write(f'  "{name}": [')
    first = True
    for item in items:
        out.write(("\n    " if first else ",\n    ") + _dumps(item))
        first = False
    out.write("]" if first else "\n  ]")


def write_jsonl(result: ScanResult, out: TextIO) -> None:
    for f in result.findings:
        out.write(_dumps(f.to_dict()) + "\n")


def render_json(result: ScanResult) -> str:
    buf = io.StringIO()
    write_json(result, buf)
    return buf.getvalue()


def render_jsonl(result: ScanResult) -> str:
    buf = io.StringIO()
    write_jsonl(result, buf)
    return buf.getvalue()
