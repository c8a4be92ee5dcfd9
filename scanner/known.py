"""Roster persons' known private values, normalised so that different writings compare equal.

Each kind's normaliser is its detector's `normalize_value` (E.164 phones, ISO dates, canonical
street lines, digits-only SSNs...). A roster value may also be a keyed hash written by
`doxguard roster hash` ("hmac-sha256:<hex>" of "<kind>:<normalised value>"); those are compared by
hashing each candidate with the same key, so the roster a CI job holds exposes nobody.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
import hmac
import os

from .detectors import registry
from .model import Kind, Person
from .roster import HASH_PREFIX, VALUE_COLUMNS
from .text import fold_string

ROSTER_KEY_ENV = "DOXGUARD_ROSTER_KEY"
# Kinds whose roster values are also matched literally by the name automaton, because the
# detector needs context the leak may not give (a bare plate, a school with an unusual name).
LITERAL_KINDS = ("school", "plate")


class RosterKeyError(Exception):
    pass


@lru_cache(maxsize=None)
def normalizer(kind: str):
    cls = registry().get(kind)
    fn = getattr(cls, "normalize_value", None) if cls else None
    return fn or (lambda raw: fold_string(raw) or None)


def normalize(kind: str, raw: str) -> str | None:
    try:
        return normalizer(kind)(raw)
    except Exception:  # a normaliser must never take the scan down on an odd roster value
        return None


def key_id(key: bytes) -> str:
    """A short public tag of the key, stored with every hashed value: a wrong key is then a clear
    error instead of a roster whose values silently never match."""
    return hmac.new(key, b"doxguard-roster-key-id", hashlib.sha256).hexdigest()[:8]


def hash_value(key: bytes, kind: str, normalized: str) -> str:
    """"hmac-sha256:<key id>:<hex>" of "<kind>:<normalised value>"."""
    digest = hmac.new(key, f"{kind}:{normalized}".encode(), hashlib.sha256).hexdigest()
    return f"{HASH_PREFIX}{key_id(key)}:{digest}"


def read_key(key_file: str | None = None) -> bytes | None:
    if key_file:
        with open(key_file, "rb") as fh:
            key = fh.read().strip()
        if not key:
            raise RosterKeyError(f"{key_file}: key file is empty")
        return key
    env = os.environ.get(ROSTER_KEY_ENV)
    return env.encode() if env else None


class KnownValues:
    def __init__(self, persons: list[Person]) -> None:
        self.plain: dict[tuple[str, str], list[int]] = {}
        self.hashed: dict[str, list[int]] = {}
        self.literals: dict[str, list[tuple[str, int]]] = {}
        self.key: bytes | None = None
        for idx, p in enumerate(persons):
            for kind in VALUE_COLUMNS:
                for raw in p.values.get(kind, []):
                    if raw.startswith(HASH_PREFIX):
                        self.hashed.setdefault(raw.lower(), []).append(idx)
                        continue
                    n = normalize(kind, raw)
                    if n:
                        self.plain.setdefault((kind, n), []).append(idx)
                    if kind in LITERAL_KINDS:
                        lit = fold_string(raw)
                        if len(lit) >= 4:
                            self.literals.setdefault(lit, []).append((kind, idx))
                            if kind == "plate":
                                self.literals.setdefault(lit.replace(" ", ""), []).append((kind, idx))

    def set_key(self, key: bytes | None) -> None:
        """Hashed roster values compare only with the key they were hashed with."""
        if self.hashed and not key:
            raise RosterKeyError(
                f"the roster holds hashed values but no key was given (set {ROSTER_KEY_ENV} or --roster-key-file)"
            )
        if self.hashed and key:
            ids = {v[len(HASH_PREFIX):].split(":", 1)[0] for v in self.hashed if v.count(":") == 2}
            if key_id(key) not in ids:
                raise RosterKeyError(
                    f"the roster was hashed with a different key (key id {', '.join(sorted(ids)) or 'missing'}, "
                    f"this key {key_id(key)}): check {ROSTER_KEY_ENV} or --roster-key-file"
                )
        self.key = key

    def lookup(self, kind: Kind | str, normalized: str) -> list[int]:
        kind = str(kind)
        hits = self.plain.get((kind, normalized), [])
        if self.hashed and self.key:
            hits = hits + self.hashed.get(hash_value(self.key, kind, normalized), [])
        return hits
