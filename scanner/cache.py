"""On-disk cache of the built matching state (automaton + known-value index), keyed by content.

A 100k-person roster takes seconds to turn into an automaton and normalised known values; a
pickle of the result loads in a fraction of that. The key covers the roster's content, the data
files (cues, titles, suffixes), the region and the package version, so any change rebuilds.
The cache holds roster names and literal known values (schools, plates), so it is written
owner-only (0700 folder, 0600 file). Small rosters are not cached: building is cheaper than I/O.
Set DOXGUARD_NO_CACHE=1 to disable, DOXGUARD_CACHE_DIR to move it.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")
MIN_PERSONS = 2000
FORMAT = "4"


def cache_dir() -> Path:
    env = os.environ.get("DOXGUARD_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "doxguard"


@lru_cache(maxsize=1)
def _data_digest() -> str:
    h = hashlib.sha256()
    root = resources.files("scanner")
    # The code that builds what is cached (names, known values, folding, detectors'
    # normalisers) and the data it reads: any edit there must rebuild, never load a stale shape.
    pkg = Path(str(root))
    files = [pkg / n for n in ("names.py", "known.py", "text.py", "cache.py", "roster.py")]
    for sub in ("data", "detectors"):
        files += sorted(p for p in (pkg / sub).rglob("*") if p.is_file() and p.suffix in (".txt", ".py", ".json"))
    for p in files:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def cached(key_parts: tuple, persons: int, build: Callable[[], T]) -> T:
    if persons < MIN_PERSONS or os.environ.get("DOXGUARD_NO_CACHE"):
        return build()
    from . import __version__

    key = hashlib.sha256(repr((FORMAT, __version__, _data_digest(), key_parts)).encode()).hexdigest()[:32]
    path = cache_dir() / f"matcher-{key}.pickle"
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except Exception:  # missing, truncated or from another Python: rebuild
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # a cache that cannot be written is only slower
    return value
