"""Replace findings in text: byte-for-byte identical everywhere else.

`redact_bytes` keeps the file's encoding, byte-order mark and line endings, and carries bytes
that are not valid UTF-8 through unchanged (surrogateescape), so the only bytes that differ are
the redacted values. It rescans its own output until nothing at or above the threshold is left
(redacting one value can change how another is linked), a few passes at most.
"""
from __future__ import annotations

from typing import Callable

from .model import Finding, Severity

STYLES = ("label", "mask")
MASK_CHAR = "█"
MAX_PASSES = 4

# BOM -> codec that neither strips nor adds one (the BOM is kept as bytes)
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


class NotText(Exception):
    """Binary content: nothing to redact."""


def redact_text(text: str, findings: list[Finding], style: str = "label") -> str:
    spans = sorted({(f.start, f.end, f.kind.value) for f in findings})
    out, pos = [], 0
    for start, end, kind in spans:
        if start < pos:  # overlapping: extend the previous redaction
            if end > pos:
                if style == "mask":
                    out.append(MASK_CHAR * (end - pos))
                pos = end
            continue
        out.append(text[pos:start])
        out.append(f"[REDACTED:{kind}]" if style == "label" else MASK_CHAR * (end - start))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def decode_exact(data: bytes) -> tuple[str, Callable[[str], bytes]]:
    """(text, encode) such that encode(text) == data: BOM, encoding and odd bytes preserved."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            break
    else:
        from .walk import BINARY_SNIFF

        if b"\x00" in data[:BINARY_SNIFF]:
            raise NotText()
        bom, codec, body = b"", "utf-8", data
    errors = "surrogateescape" if codec == "utf-8" else "surrogatepass"
    try:
        text = body.decode(codec, errors)
    except UnicodeDecodeError:  # broken UTF-16/32: the best we can do is the replaced text
        text, errors = body.decode(codec, "replace"), "replace"
    return text, lambda t: bom + t.encode(codec, errors)


def redact_until_clean(text: str, scan: Callable[[str], list[Finding]], threshold: Severity,
                       style: str = "label") -> tuple[str, int]:
    """Redact every finding at or above `threshold`, rescanning the result; (text, count)."""
    count = 0
    for _ in range(MAX_PASSES):
        hits = [f for f in scan(text) if f.severity >= threshold]
        if not hits:
            break
        text = redact_text(text, hits, style)
        count += len(hits)
    return text, count


def redact_bytes(data: bytes, scan: Callable[[str], list[Finding]], threshold: Severity,
                 style: str = "label") -> tuple[bytes, int]:
    text, encode = decode_exact(data)
    out, count = redact_until_clean(text, scan, threshold, style)
    return (encode(out) if count else data), count
