"""`doxguard roster hash`: the roster a CI job needs, with every private value a keyed hash.

Each value is normalised exactly as the scanner normalises a match (E.164 phone, ISO date,
canonical street line), then HMAC-SHA256'd with "<kind>:" in front. Names stay plain: they are
what the automaton matches, and a name alone is not private.
"""
from __future__ import annotations

import csv
from pathlib import Path

from .known import RosterKeyError, hash_value, normalize, read_key
from .roster import HASH_PREFIX, KNOWN_COLUMNS, VALUE_COLUMNS, RosterError, load_roster


class HashError(Exception):
    """One or more lines saying why the roster could not be hashed."""

    def __init__(self, lines: list[str] | str):
        self.lines = [lines] if isinstance(lines, str) else lines
        super().__init__("; ".join(self.lines))


def hash_roster_file(src: str, out: Path, key_file: str | None) -> int:
    try:
        key = read_key(key_file)
    except (OSError, RosterKeyError) as e:
        raise HashError(f"cannot read key: {e}") from None
    if not key:
        raise HashError("no key: pass --key-file or set DOXGUARD_ROSTER_KEY")
    try:
        roster = load_roster(src)
    except RosterError as e:
        raise HashError([str(x) for x in e.errors]) from None
    count = 0
    rows = []
    for p in roster.persons:
        row = {"id": p.id, "name": p.name, "aliases": ";".join(p.aliases), "role": p.role, "family_of": p.family_of}
        for kind in VALUE_COLUMNS:
            hashed = []
            for raw in p.values.get(kind, []):
                if raw.startswith(HASH_PREFIX):
                    hashed.append(raw)
                    continue
                n = normalize(kind, raw)
                if n is None:
                    raise HashError(f"{src}:{p.line}: cannot normalise {kind} value of {p.id} (not hashed; fix or remove it)")
                hashed.append(hash_value(key, kind, n))
                count += 1
            row[kind] = ";".join(hashed)
        rows.append(row)
    try:
        with open(out, "w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=list(KNOWN_COLUMNS))
            w.writeheader()
            w.writerows(rows)
    except OSError as e:
        raise HashError(f"{out}: cannot write: {e.strerror}") from None
    return count
