"""Suppression: inline `doxguard:allow` comments, allow-listed public values, baselines.

Inline markers work in any comment syntax because they are plain substrings of the line
(`# doxguard:allow`, `// doxguard:allow`, `<!-- doxguard:allow -->`, a trailing note in prose):
- a line containing `doxguard:allow` reports nothing;
- `doxguard:allow-next-line` silences the line after it (and not its own line, unless that line
  also carries a plain `doxguard:allow`).

A baseline (`--write-baseline FILE`, `--baseline FILE`) is a JSON file of keyed fingerprints
(see fingerprint.py) with each finding's kind and path: no values, no positions.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from .fingerprint import key_id, normalize_path

ALLOW_MARK = "doxguard:allow"
ALLOW_NEXT = "doxguard:allow-next-line"
BASELINE_VERSION = "1"


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


def load_baseline(path: str, key: bytes | None = None) -> set[str]:
    """The fingerprints in a baseline file; BaselineError (one line) when it is unusable.

    With `key`, a baseline that records a different key id is refused: its fingerprints could
    never match, and every finding it was meant to silence would come back unexplained.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found") from None
    except IsADirectoryError:
        raise BaselineError(f"{path}: baseline is a directory, not a file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise BaselineError(f"{path}: cannot read baseline: {getattr(e, 'strerror', None) or e.__class__.__name__}") from None
    except json.JSONDecodeError as e:
        raise BaselineError(f"{path}:{e.lineno}: baseline is not valid JSON ({e.msg})") from None
    items = data.get("fingerprints") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise BaselineError(f"{path}: baseline must be an object with a 'fingerprints' list")
    recorded = data.get("key_id")
    if key is not None and isinstance(recorded, str) and recorded != key_id(key):
        raise BaselineError(
            f"{path}: baseline was written with another fingerprint key (key id {recorded}, this scan "
            f"uses {key_id(key)}); set DOXGUARD_FINGERPRINT_KEY as it was then, or write the baseline again")
    out = set()
    for n, it in enumerate(items):
        fp = it.get("fingerprint") if isinstance(it, dict) else it
        if not isinstance(fp, str) or not fp:
            raise BaselineError(f"{path}: entry {n} of 'fingerprints' has no fingerprint string")
        out.add(fp)
    return out


def baseline_document(findings, key: bytes | None = None) -> dict:
    """What --write-baseline stores: fingerprints with kind and path, no values, no positions."""
    entries = sorted({(f.fingerprint, f.kind.value, normalize_path(f.path)) for f in findings},
                     key=lambda e: (e[2], e[1], e[0]))
    doc: dict = {"version": BASELINE_VERSION, "generated_by": "doxguard"}
    if key is not None:
        doc["key_id"] = key_id(key)
    doc["fingerprints"] = [{"fingerprint": fp, "kind": kind, "path": path} for fp, kind, path in entries]
    return doc


def write_baseline(path: str, findings, key: bytes | None = None) -> None:
    """Write the baseline atomically (a crash never leaves half a baseline behind)."""
    body = json.dumps(baseline_document(findings, key), indent=2) + "\n"
    tmp = f"{path}.tmp{os.getpid()}"
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(body)
        os.replace(tmp, path)
    except OSError as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise BaselineError(f"{path}: cannot write baseline: {e.strerror or e.__class__.__name__}") from None
