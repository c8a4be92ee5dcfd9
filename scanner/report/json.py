"""JSON (one document) and JSON Lines (one finding per line, nothing else) reporters."""
from __future__ import annotations

import json as _json

from ..model import ScanResult

SCHEMA_VERSION = "1"


def render_json(result: ScanResult) -> str:
    doc = {
        "version": SCHEMA_VERSION,
        "findings": [f.to_dict() for f in result.findings],
        "errors": [e.to_dict() for e in result.errors],
        "summary": result.summary(),
    }
    return _json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def render_jsonl(result: ScanResult) -> str:
    return "".join(_json.dumps(f.to_dict(), ensure_ascii=False) + "\n" for f in result.findings)
