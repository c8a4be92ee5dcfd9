"""DOCX: body paragraphs and tables, headers/footers, comments, footnotes, text boxes.

python-docx opens the package; text is read from the WordprocessingML itself so that
nothing a reader of the file could see is missed: runs inside hyperlinks, content
controls, fields and tracked insertions, and the text of tracked *deletions* (still in
the file: a warning says so).

Locations: ``{"paragraph": n}`` (n-th body paragraph in reading order, 1-based, empty ones
counted), ``{"table": t, "row": r, "cell": c}`` (1-based; c is the grid column),
``{"part": "header"|"footer", "section": s}`` (plus ``"type": "first"|"even"`` for those
variants; no ``section`` for a part no section references), ``{"part": "comment",
"author": a}``, ``{"part": "footnote"|"endnote", "id": n}``, ``{"part": "textbox"}``.
Table cells of a row are joined with `` | `` and rows with a line break.
"""
from __future__ import annotations

import io
from xml.etree import ElementTree as ET

from scanner.extract._base import Extracted, ExtractError, TextBuilder, one_line, require

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_SKIP = {W + "pPr", W + "rPr", W + "tblPr", W + "trPr", W + "tcPr", W + "sectPr",
         W + "txbxContent", W + "instrText", W + "delInstrText", MC + "Fallback"}
_HEADER_FOOTER = (
    ("header", "header", None), ("first_page_header", "header", "first"), ("even_page_header", "header", "even"),
    ("footer", "footer", None), ("first_page_footer", "footer", "first"), ("even_page_footer", "footer", "even"),
)
_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."


def extract_docx(data: bytes) -> Extracted:
    docx = require("docx", "python-docx")
    try:
        document = docx.Document(io.BytesIO(data))
        return _extract(document)
    except ExtractError:
        raise
    except Exception as e:
        raise ExtractError(f"cannot read DOCX: {one_line(e)}") from None


def _extract(document) -> Extracted:
    b = TextBuilder()
    st = _State()
    body = document.element.body
    counters = {"p": 0, "t": 0}
    for kind, el in _blocks(body):
        if kind == "p":
            counters["p"] += 1
            text = _para_text(el, st)
            if text.strip():
                b.add(text, {"paragraph": counters["p"]})
        else:
            counters["t"] += 1
            _emit_table(b, el, counters["t"], st)
    for box in _textboxes(body):
        b.add(_container_text(box, st), {"part": "textbox"})

    seen: set[str] = set()
    for s, section in enumerate(document.sections, 1):
        for attr, part_name, variant in _HEADER_FOOTER:
            hf = getattr(section, attr)
            if hf.is_linked_to_previous:
                continue
            part = hf.part
            if str(part.partname) in seen:
                continue
            seen.add(str(part.partname))
            loc = {"part": part_name, "section": s}
            if variant:
                loc["type"] = variant
            b.add(_container_text(part.element, st), loc)

    for part in document.part.package.iter_parts():
        ct = part.content_type
        name = str(part.partname)
        if ct in (_CT + "header+xml", _CT + "footer+xml") and name not in seen:
            seen.add(name)
            b.add(_container_text(_xml(part), st), {"part": "header" if ct.endswith("header+xml") else "footer"})
        elif ct == _CT + "comments+xml":
            for c in _xml(part).iter(W + "comment"):
                loc = {"part": "comment"}
                if c.get(W + "author"):
                    loc["author"] = c.get(W + "author")
                b.add(_container_text(c, st), loc)
        elif ct in (_CT + "footnotes+xml", _CT + "endnotes+xml"):
            kind = "footnote" if "footnotes" in ct else "endnote"
            for note in _xml(part).iter(W + kind):
                if note.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                b.add(_container_text(note, st), {"part": kind, "id": _int(note.get(W + "id"))})

    warnings = []
    if st.deleted:
        warnings.append("tracked changes: deleted text is still in the file and was included")
    return b.result("docx", warnings)


class _State:
    deleted = False


def _xml(part):
    """The root element of a package part (python-docx XmlPart or a plain blob part)."""
    element = getattr(part, "element", None)
    if element is not None:
        return element
    return ET.fromstring(part.blob)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return value


def _tag(el) -> str:
    tag = el.tag
    return tag if isinstance(tag, str) else ""  # lxml comments / processing instructions


def _blocks(container):
    """("p", el) / ("tbl", el) in reading order, looking through content controls."""
    for ch in container:
        t = _tag(ch)
        if t == W + "p":
            yield "p", ch
        elif t == W + "tbl":
            yield "tbl", ch
        elif t == W + "sdt":
            content = ch.find(W + "sdtContent")
            if content is not None:
                yield from _blocks(content)
        elif t == W + "customXml":
            yield from _blocks(ch)


def _para_text(p, st: _State) -> str:
    out: list[str] = []
    pending_space = False  # after deleted text: keep it from gluing onto the next word

    def put(text: str) -> None:
        nonlocal pending_space
        if pending_space and text and not text[0].isspace() and out and not out[-1][-1:].isspace():
            out.append(" ")
        pending_space = False
        if text:
            out.append(text)

    def walk(el) -> None:
        nonlocal pending_space
        for ch in el:
            t = _tag(ch)
            if t == W + "t":
                put(ch.text or "")
            elif t == W + "delText":
                put(ch.text or "")
                st.deleted = True
            elif t == W + "tab":
                put("\t")
            elif t in (W + "br", W + "cr"):
                put("\n")
            elif t == W + "noBreakHyphen":
                put("-")
            elif t in (W + "del", W + "moveFrom"):
                if out and not out[-1][-1:].isspace():
                    out.append(" ")
                walk(ch)
                pending_space = True
            elif t and t not in _SKIP:
                walk(ch)

    walk(p)
    return "".join(out)


def _rows(tbl):
    for ch in tbl:
        t = _tag(ch)
        if t == W + "tr":
            yield ch
        elif t in (W + "sdt", W + "customXml"):
            inner = ch.find(W + "sdtContent") if t == W + "sdt" else ch
            if inner is not None:
                yield from _rows(inner)


def _cells(tr):
    """(grid column 1-based, tc) for each cell of a row."""
    col = 1
    before = tr.find(f"{W}trPr/{W}gridBefore")
    if before is not None:
        col += _int(before.get(W + "val")) if str(before.get(W + "val", "")).isdigit() else 0
    stack = list(tr)
    stack.reverse()
    while stack:
        ch = stack.pop()
        t = _tag(ch)
        if t == W + "tc":
            yield col, ch
            span = ch.find(f"{W}tcPr/{W}gridSpan")
            val = span.get(W + "val", "1") if span is not None else "1"
            col += int(val) if val.isdigit() else 1
        elif t in (W + "sdt", W + "customXml"):
            inner = ch.find(W + "sdtContent") if t == W + "sdt" else ch
            if inner is not None:
                stack.extend(reversed(list(inner)))


def _emit_table(b: TextBuilder, tbl, number: int, st: _State) -> None:
    first = True
    for r, tr in enumerate(_rows(tbl), 1):
        row_started = False
        for c, tc in _cells(tr):
            text = _blocks_text(tc, st)
            if not text.strip():
                continue
            sep = "\n\n" if first else (" | " if row_started else "\n")
            b.add(text, {"table": number, "row": r, "cell": c}, sep=sep)
            first = False
            row_started = True


def _table_text(tbl, st: _State) -> str:
    lines = []
    for tr in _rows(tbl):
        cells = [_blocks_text(tc, st) for _, tc in _cells(tr)]
        cells = [c for c in cells if c.strip()]
        if cells:
            lines.append(" | ".join(cells))
    return "\n".join(lines)


def _blocks_text(container, st: _State) -> str:
    parts = []
    for kind, el in _blocks(container):
        text = _para_text(el, st) if kind == "p" else _table_text(el, st)
        if text.strip():
            parts.append(text)
    return "\n".join(parts)


def _container_text(container, st: _State) -> str:
    """Blocks of a header, comment or note, then the text boxes anchored in it."""
    parts = [_blocks_text(container, st)]
    parts += [_container_text(box, st) for box in _textboxes(container)]
    return "\n".join(p for p in parts if p.strip())


def _textboxes(container):
    """w:txbxContent elements under ``container``, skipping mc:Fallback copies and nested boxes."""
    for ch in container:
        t = _tag(ch)
        if t == W + "txbxContent":
            yield ch
        elif t and t != MC + "Fallback":
            yield from _textboxes(ch)
