"""Suppression: inline `doxguard:allow` comments, allow-listed public values, baselines."""
from __future__ import annotations

import json
from pathlib import Path

ALLOW_MARK = "doxguard:allow"
ALLOW_NEXT = "doxguard:allow-next-line"


def allowed_lines(text: str) -> set[int]:
    """1-based line numbers silenced by inline markers (cheap when no marker is present)."""
    if ALLOW_MARK not in text:
        return set()
    silenced: set[int] = set()
    for i, line in enumerate(text.split("\n"), 1):
        if ALLOW_MARK not in line:
            continue
        if ALLOW_NEXT in line:
            silenced.add(i + 1)
        if ALLOW_MARK in line.replace(ALLOW_NEXT, ""):
            silenced.add(i)
    return silenced


class BaselineError(Exception):
    pass


def load_baseline(path: str) -> set[str]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found") from None
    except (OSError, UnicodeDecodeError) as e:
        raise BaselineError(f"{path}: cannot read baseline: {e.__class__.__name__}") from None
    except json.JSONDecodeError as e:
        raise BaselineError(f"{path}:{e.lineno}: baseline is not valid JSON") from None
    items = data.get("fingerprints") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise BaselineError(f"{path}: baseline must be an object with a 'fingerprints' list")
    out = set()
    for it in items:
        out.add(it["fingerprint"] if isinstance(it, dict) and "fingerprint" in it else str(it))
    return out


def baseline_document(findings) -> dict:
    """What --write-baseline stores: fingerprints with kind and path, no values, no positions."""
    entries = sorted({(f.fingerprint, f.kind.value, f.path) for f in findings})
    return {
        "version": "1",
        "generated_by": "doxguard",
        "fingerprints": [{"fingerprint": fp, "kind": kind, "path": path} for fp, kind, path in entries],
    }
