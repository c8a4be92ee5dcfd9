"""Finding identity without position (detect-secrets style): a keyed hash of path, kind and value.

    fingerprint = HMAC-SHA256(key, "<path>\\0<kind>\\0<normalised value>")[:32 hex]

- Keyed, never a bare hash: a 9-digit SSN behind a plain SHA-256 is brute-forced in seconds.
- The key is DOXGUARD_FINGERPRINT_KEY when set (and not empty); otherwise a built-in key. The
  built-in key keeps baselines stable everywhere, but it is public, so against someone who has the
  baseline *and* guesses the path and kind it hides short values (SSNs, phones) no better than a bare
  hash. Set DOXGUARD_FINGERPRINT_KEY (a CI secret) before a baseline or SARIF file leaves the machine.
- No line or column goes in, so moving a line keeps the fingerprint; editing the value changes it.
- The path is normalised (`./a/../b.txt` and `b.txt` agree; `\\` becomes `/`), but it is the path as
  given, so scan from the same folder (the repository root) when you write and when you use a baseline.
- `key_id` names a key without revealing it; a baseline records it, so a baseline used with a
  different key is an error instead of every finding coming back unexplained.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import posixpath

FINGERPRINT_KEY_ENV = "DOXGUARD_FINGERPRINT_KEY"
_DEFAULT_KEY = b"doxguard-fingerprint-v1"


def fingerprint_key() -> bytes:
    env = os.environ.get(FINGERPRINT_KEY_ENV)
    return env.encode() if env else _DEFAULT_KEY


def key_id(key: bytes) -> str:
    """A short public name for a key (HMAC of a constant): equal keys, equal ids."""
    return hmac.new(key, b"doxguard key id", hashlib.sha256).hexdigest()[:16]


def normalize_path(path: str) -> str:
    if path == "-":
        return path
    return posixpath.normpath(path.replace("\\", "/"))


def fingerprint(key: bytes, path: str, kind: str, normalized: str) -> str:
    msg = f"{normalize_path(path)}\x00{kind}\x00{normalized}".encode("utf-8", "surrogatepass")
    return hmac.new(key, msg, hashlib.sha256).hexdigest()[:32]
