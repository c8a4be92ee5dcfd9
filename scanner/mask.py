"""Masking: applied once, in the engine, before any reporter sees a value."""
from __future__ import annotations

import re

KEEP = 2  # trailing letters/digits left visible by default
MAX_VISIBLE = 4  # a hard ceiling whatever `keep` a caller asks for (tests/robustness enforce it)


_ALNUM = re.compile(r"[^\W_]")
_SPACE = re.compile(r"\s")


def mask_value(value: str, keep: int = KEEP) -> str:
    """Replace letters and digits with '*' except the last `keep`; separators stay for shape.

    Short values (under 6 letters/digits) are masked whole: two of five characters is too much.
    `keep` is clamped to 0..MAX_VISIBLE: no caller can unmask more than 4 letters/digits.
    Length is preserved (one character for one), so offsets into a masked line stay valid.
    """
    keep = max(0, min(int(keep), MAX_VISIBLE))
    positions = [m.start() for m in _ALNUM.finditer(value)]
    cut = positions[-keep] if keep and len(positions) >= 6 else len(value)
    head = _SPACE.sub(" ", _ALNUM.sub("*", value[:cut]))
    return head + _SPACE.sub(" ", value[cut:]) if cut < len(value) else head
