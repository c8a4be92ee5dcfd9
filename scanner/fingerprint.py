"""Finding identity without position (detect-secrets style): a keyed hash of path, kind and value.

Keyed (HMAC-SHA256), never a bare hash: a 9-digit SSN behind a plain SHA-256 is brute-forced in
seconds. The key comes from DOXGUARD_FINGERPRINT_KEY (set it in CI); without it a built-in key is
used, which keeps baselines stable but only hides values from a casual reader.
"""
from __future__ import annotations

import hashlib
import hmac
import os

FINGERPRINT_KEY_ENV = "DOXGUARD_FINGERPRINT_KEY"
_DEFAULT_KEY = b"doxguard-fingerprint-v1"


def fingerprint_key() -> bytes:
    env = os.environ.get(FINGERPRINT_KEY_ENV)
    return env.encode() if env else _DEFAULT_KEY


def fingerprint(key: bytes, path: str, kind: str, normalized: str) -> str:
    msg = f"{path}\x00{kind}\x00{normalized}".encode("utf-8", "surrogatepass")
    return hmac.new(key, msg, hashlib.sha256).hexdigest()[:32]
