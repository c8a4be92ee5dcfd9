"""Helpers shared by the detectors: data files (loaded once) and offset-safe lower-casing.

Not a detector (nothing here is `@register`ed); `base.registry()` imports it harmlessly.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def data_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of `scanner/data/<name>`, stripped."""
    text = resources.files("scanner").joinpath("data", name).read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return tuple(out)


@lru_cache(maxsize=None)
def data_table(name: str) -> dict[str, str]:
    """`canonical variant variant ...` lines -> {lower-case variant or canonical: canonical}."""
    table: dict[str, str] = {}
    for line in data_lines(name):
        parts = line.lower().split()
        for p in parts:
            table.setdefault(p, parts[0])
    return table


def lower_same_length(text: str) -> str:
    """`text.lower()`, but guaranteed to keep every offset (a few characters lower to two)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def fold_accents(s: str) -> str:
    """'Nuñez' -> 'Nunez' (for normalised values only; never for offsets)."""
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def word_char(c: str) -> bool:
    return c.isalnum() or c == "_"
