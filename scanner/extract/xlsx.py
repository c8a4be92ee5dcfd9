"""XLSX: every non-empty cell of every worksheet (hidden ones too), and cell comments.

openpyxl in read-only, data-only mode (formulas give their cached value). The text of a
sheet is its name on a line, then one line per row with the row's cells joined by
`` | `` (so a row reads like a record); sheets are separated by a blank line.
Locations: ``{"sheet": "Staff"}`` (the name line), ``{"sheet": "Staff", "cell": "B7"}``,
``{"sheet": "Staff", "cell": "B7", "part": "comment", "author": "..."}``.
"""
from __future__ import annotations

import datetime as _dt
import io
import posixpath
import warnings as _warnings
import zipfile
from xml.etree import ElementTree as ET

from scanner.extract._base import Extracted, ExtractError, Segment, TextBuilder, one_line, require

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_COMMENTS_REL = "/comments"


def extract_xlsx(data: bytes) -> Extracted:
    openpyxl = require("openpyxl")
    warnings: list[str] = []
    try:
        with _warnings.catch_warnings():
            _warnings.simplefilter("ignore")  # "extension is not supported" chatter
            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                sheets = _read_cells(wb)
            finally:
                wb.close()
        comments = _comments(data, warnings)
    except ExtractError:
        raise
    except Exception as e:
        raise ExtractError(f"cannot read XLSX: {one_line(e)}") from None

    b = TextBuilder()
    for name, rows in sheets:
        b.add(name, {"sheet": name})
        for row in rows:
            b.write("\n")
            for k, (coord, value) in enumerate(row):
                if k:
                    b.write(" | ")
                b.segments.append(Segment(len(b), {"sheet": name, "cell": coord}))
                b.write(value)
        for coord, author, text in comments.get(name, []):
            loc = {"sheet": name, "cell": coord, "part": "comment"}
            if author:
                loc["author"] = author
            b.add(text, loc)
    return b.result("xlsx", warnings)


def _read_cells(wb) -> list[tuple[str, list[list[tuple[str, str]]]]]:
    sheets = []
    for ws in wb.worksheets:
        if hasattr(ws, "reset_dimensions"):
            ws.reset_dimensions()  # some writers store a wrong <dimension>; read every row
        rows = []
        for row in ws.iter_rows():
            cells = []
            for cell in row:
                value = getattr(cell, "value", None)
                if value is None:
                    continue
                text = format_value(value)
                if text.strip():
                    cells.append((cell.coordinate, text))
            if cells:
                rows.append(cells)
        sheets.append((ws.title, rows))
    return sheets


def format_value(value) -> str:
    """A cell value as a person would read it (dates ISO, integral floats without .0)."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, _dt.datetime):
        if value.time() == _dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    return str(value)


def _comments(data: bytes, warnings: list[str]) -> dict[str, list[tuple[str, str, str]]]:
    """Cell comments per sheet name, read from the package (read-only openpyxl skips them)."""
    out: dict[str, list[tuple[str, str, str]]] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = set(zf.namelist())
        if not any("comment" in n.lower() for n in names):
            return out
        wb_rels = _rels(zf, "xl/workbook.xml", names)
        root = ET.fromstring(zf.read("xl/workbook.xml"))
        for sheet in root.iter(f"{_NS}sheet"):
            target = wb_rels.get(sheet.get(_R_ID, ""), ("", ""))[1]
            if not target:
                continue
            for rel_type, comments_path in _rels(zf, target, names).values():
                if rel_type.endswith(_COMMENTS_REL) and comments_path in names:
                    try:
                        out.setdefault(sheet.get("name", ""), []).extend(
                            _parse_comments(zf.read(comments_path))
                        )
                    except ET.ParseError as e:
                        raise ExtractError(f"cannot read XLSX comments: {one_line(e)}") from None
    return out


def _rels(zf: zipfile.ZipFile, part: str, names: set[str]) -> dict[str, tuple[str, str]]:
    """{rId: (type, resolved part path)} for one package part."""
    folder, base = posixpath.split(part)
    rels_path = posixpath.join(folder, "_rels", base + ".rels")
    if rels_path not in names:
        return {}
    out = {}
    for rel in ET.fromstring(zf.read(rels_path)).iter(f"{_REL_NS}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out[rel.get("Id", "")] = (rel.get("Type", ""), path)
    return out


def _parse_comments(xml: bytes) -> list[tuple[str, str, str]]:
    root = ET.fromstring(xml)
    authors = [a.text or "" for a in root.iter(f"{_NS}author")]
    out = []
    for c in root.iter(f"{_NS}comment"):
        text = "".join(t.text or "" for t in c.iter(f"{_NS}t")).strip()
        if not text:
            continue
        try:
            author = authors[int(c.get("authorId", "-1"))]
        except (ValueError, IndexError):
            author = ""
        out.append((c.get("ref", ""), author, text))
    return out
