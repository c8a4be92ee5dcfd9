"""PDF: the text layer of every page (pypdf), annotations and filled-in form fields.

Locations: ``{"page": n}`` (1-based), ``{"page": n, "part": "annotation"}``,
``{"part": "form", "field": name}``.

A page that paints something but has no extractable text, or whose text is a few
characters (a Bates stamp) over an image covering most of the page, is a scanned page:
without ``allow_image_pdfs`` that is an ExtractError, never a silently clean file.
"""
from __future__ import annotations

import io
import logging
import threading
from contextlib import contextmanager

from scanner.extract._base import (
    Extracted,
    ExtractError,
    MissingDependency,
    TextBuilder,
    one_line,
    require,
)

# A page whose text has fewer non-space characters than this over an image covering at
# least IMAGE_COVER of the page is treated as a scan (text layer = a stamp or page number).
MIN_TEXT_OVER_IMAGE = 40
IMAGE_COVER = 0.5
_MAX_WARNINGS = 10
_PAINT_OPS = {
    b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"sh", b"Do", b"INLINE IMAGE",
    b"Tj", b"TJ", b"'", b'"',
}


def extract_pdf(data: bytes, allow_image_pdfs: bool = False) -> Extracted:
    pypdf = require("pypdf")
    warnings: list[str] = []
    with _capture_pypdf_log(warnings):
        try:
            return _extract(pypdf, data, allow_image_pdfs, warnings)
        except ExtractError:
            raise
        except Exception as e:  # pypdf raises many kinds on damaged files
            raise ExtractError(f"cannot read PDF: {one_line(e)}") from None


def _extract(pypdf, data: bytes, allow_image_pdfs: bool, warnings: list[str]) -> Extracted:
    from pypdf.errors import DependencyError

    reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except DependencyError:
            raise MissingDependency(
                "this encrypted PDF needs the cryptography package: pip install cryptography"
            ) from None
        if not opened:
            raise ExtractError("PDF is password-protected (encrypted): remove the password and scan again")
        warnings.append("PDF is encrypted with an owner password only; opened with the empty user password")

    b = TextBuilder()
    scanned: list[int] = []
    try:
        n_pages = len(reader.pages)
    except Exception:
        n_pages = 0
    if n_pages == 0 and (warnings or b"/Page" in data):
        # a damaged page tree reads as "no pages": that is a file we could not read, not a clean one
        raise ExtractError("cannot read PDF: damaged page tree (no readable page)")
    for n, page in enumerate(reader.pages, 1):
        text = (page.extract_text() or "").strip()
        solid = len("".join(text.split()))
        if solid == 0 or solid < MIN_TEXT_OVER_IMAGE:
            paints, image_cover = _page_marks(page)
            if (solid == 0 and paints) or image_cover >= IMAGE_COVER:
                scanned.append(n)
        b.add(text, {"page": n})
        for note in _annotations(page):
            b.add(note, {"page": n, "part": "annotation"})
    if scanned:
        pages = ", ".join(map(str, scanned))
        label = "page" if len(scanned) == 1 else "pages"
        if not allow_image_pdfs:
            raise ExtractError(f"no text layer on {label} {pages} (scanned image?): OCR the PDF first")
        warnings.append(f"no text layer on {label} {pages} (scanned image?): not scanned")
    for name, value in _form_fields(reader):
        short = name.rsplit(".", 1)[-1].split("[", 1)[0] or name
        b.add(f"{short}: {value}", {"part": "form", "field": name})
    return b.result("pdf", warnings)


def _annotations(page) -> list[str]:
    out = []
    annots = page.get("/Annots")
    if annots is None:
        return out
    for ref in annots.get_object():
        annot = ref.get_object()
        if annot.get("/Subtype") in ("/Widget", "/Link"):
            continue
        contents = annot.get("/Contents")
        if contents:
            out.append(str(contents).strip())
    return [c for c in out if c]


def _form_fields(reader) -> list[tuple[str, str]]:
    fields = reader.get_fields() or {}
    out = []
    for name, field in fields.items():
        value = field.get("/V")
        if value is None:
            continue
        if isinstance(value, list):
            value = "; ".join(str(v) for v in value)
        value = str(value).strip()
        if value and value not in ("/Off", "/Yes", "/On"):
            out.append((str(name), value))
    return out


def _page_marks(page) -> tuple[bool, float]:
    """(does the page paint anything, fraction of the page covered by its largest image)."""
    contents = page.get_contents()
    if contents is None:
        return False, 0.0
    box = page.mediabox
    area = abs(float(box.width) * float(box.height)) or 1.0
    state = {"paints": False, "image": 0.0}
    try:
        _walk(contents.operations, page.get("/Resources"), [1, 0, 0, 1, 0, 0], state, 0)
    except Exception:  # an unparsable content stream: assume it paints (fail closed)
        state["paints"] = True
    return state["paints"], state["image"] / area


def _walk(operations, resources, ctm, state, depth) -> None:
    stack = []
    for operands, op in operations:
        if op in _PAINT_OPS:
            state["paints"] = True
        if op == b"q":
            stack.append(ctm)
        elif op == b"Q":
            ctm = stack.pop() if stack else ctm
        elif op == b"cm" and len(operands) == 6:
            ctm = _mul([float(x) for x in operands], ctm)
        elif op == b"INLINE IMAGE":
            state["image"] = max(state["image"], abs(ctm[0] * ctm[3] - ctm[1] * ctm[2]))
        elif op == b"Do" and operands and resources is not None:
            xobjects = resources.get_object().get("/XObject")
            if xobjects is None:
                continue
            xobj = xobjects.get_object().get(operands[0])
            if xobj is None:
                continue
            xobj = xobj.get_object()
            subtype = xobj.get("/Subtype")
            if subtype == "/Image":
                state["image"] = max(state["image"], abs(ctm[0] * ctm[3] - ctm[1] * ctm[2]))
            elif subtype == "/Form" and depth < 4:
                from pypdf.generic import ContentStream

                matrix = [float(x) for x in xobj.get("/Matrix", [1, 0, 0, 1, 0, 0])]
                inner = ContentStream(xobj, None)
                _walk(inner.operations, xobj.get("/Resources", resources), _mul(matrix, ctm), state, depth + 1)


def _mul(m, n):
    """PDF matrix product m × n, matrices as [a b c d e f]."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return [a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F]


class _Collect(logging.Handler):
    def __init__(self, sink: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.sink = sink
        self.thread = threading.get_ident()
        self.damaged = False

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread != self.thread:
            return
        # pypdf quotes the raw bytes it choked on (which may be an SSN): keep only a fixed phrase.
        self.damaged = True
        msg = "pdf: damaged object repaired while reading (pypdf warning; content not shown)"
        if msg not in self.sink and len(self.sink) < _MAX_WARNINGS:
            self.sink.append(msg)


@contextmanager
def _capture_pypdf_log(sink: list[str]):
    """pypdf logs repairs to the 'pypdf' logger; keep them off stderr and report them as warnings."""
    logger = logging.getLogger("pypdf")
    handler = _Collect(sink)
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
