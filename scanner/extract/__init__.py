"""Text extraction from released document formats: PDF, DOCX, XLSX, HTML, e-mail, CSV.

``extract(path, data)`` picks the format by content (magic bytes) first and by extension
second, and returns the document's text with a segment table that maps every offset back
to a place in the document (page, paragraph, table cell, sheet cell, e-mail part, ...).
It returns None for plain text and anything that is not a document format; the caller
then scans the bytes as text itself.

Parser libraries (pypdf, python-docx, openpyxl) are imported only when a file needs them.
"""
from __future__ import annotations

import io
import os
import re

from scanner.extract._base import (
    Extracted,
    ExtractError,
    MissingDependency,
    Segment,
    decode_text,
    one_line,
)

__all__ = [
    "Extracted",
    "ExtractError",
    "MissingDependency",
    "Segment",
    "decode_text",
    "detect_format",
    "extract",
    "looks_like_document",
]

# Total uncompressed size we agree to inflate for one DOCX/XLSX (zip-bomb guard).
MAX_UNZIPPED = 512 * 1024 * 1024

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_HTML_EXT = {".html", ".htm", ".xhtml", ".shtml"}
_CSV_EXT = {".csv", ".tsv"}
_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)
# An RFC 822 header block: a recognised first header, then only header or folded lines.
_EML_FIRST = re.compile(
    rb"\A(?:Received|From|MIME-Version|Return-Path|Delivered-To|Message-ID|X-[A-Za-z0-9-]+)"
    rb"[ \t]*:",
    re.IGNORECASE,
)
_HEADER_LINE = re.compile(rb"\A(?:[!-9;-~]+[ \t]*:|[ \t])")
# Extensions that make a file go to extract() whatever its first bytes (it may raise).
DOCUMENT_EXTENSIONS = frozenset({
    ".pdf", ".docx", ".docm", ".xlsx", ".xlsm", ".csv", ".tsv", ".eml", ".zip",
    ".doc", ".xls", ".ppt", ".pptx", ".msg", ".odt", ".ods", ".odp",
}) | _HTML_EXT
_ZIP_KIND = {
    "ppt/presentation.xml": "PowerPoint (.pptx) files are not supported",
    "content.xml": "OpenDocument files are not supported",
}


def extract(path: str, data: bytes, allow_image_pdfs: bool = False) -> Extracted | None:
    """Extract the text of a document, or return None when ``data`` is not a document format.

    Raises ExtractError (one clear line) when the file is a document that cannot be read, and
    MissingDependency when the parser library for its format is not installed.
    """
    fmt = detect_format(path, data)
    if fmt is None:
        return None
    try:
        return _EXTRACTORS[fmt](path, data, allow_image_pdfs)
    except ExtractError:
        raise
    except Exception as e:  # last net: a parser failure the extractor did not anticipate
        raise ExtractError(f"cannot read {fmt.upper()}: {type(e).__name__}: {one_line(e)}") from None


def _pdf(path: str, data: bytes, allow_image_pdfs: bool) -> Extracted:
    from scanner.extract import pdf

    return pdf.extract_pdf(data, allow_image_pdfs=allow_image_pdfs)


def _docx(path: str, data: bytes, allow_image_pdfs: bool) -> Extracted:
    from scanner.extract import docx_doc

    return docx_doc.extract_docx(data)


def _xlsx(path: str, data: bytes, allow_image_pdfs: bool) -> Extracted:
    from scanner.extract import xlsx

    return xlsx.extract_xlsx(data)


def _html(path: str, data: bytes, allow_image_pdfs: bool) -> Extracted:
    from scanner.extract import html_doc

    return html_doc.extract_html(data)


def _eml(path: str, data: bytes, allow_image_pdfs: bool) -> Extracted:
    from scanner.extract import eml

    return eml.extract_eml(data, allow_image_pdfs=allow_image_pdfs)


def _csv(path: str, data: bytes, allow_image_pdfs: bool) -> Extracted:
    from scanner.extract import csv_doc

    return csv_doc.extract_csv(data, tab=_ext(path) == ".tsv")


_EXTRACTORS = {"pdf": _pdf, "docx": _docx, "xlsx": _xlsx, "html": _html, "eml": _eml, "csv": _csv}


def detect_format(path: str, data: bytes) -> str | None:
    """``"pdf"``, ``"docx"``, ``"xlsx"``, ``"html"``, ``"eml"``, ``"csv"`` or None (plain text).

    Raises ExtractError for document containers we recognise but cannot read (other zip
    archives, legacy or encrypted Office files) and for a document extension whose content
    does not match: a gate must not pass a file it could not read.
    """
    ext = _ext(path)
    head = data[:1024]
    if head.lstrip(b"\xef\xbb\xbf \t\r\n\x00").startswith(b"%PDF-") or (ext == ".pdf" and b"%PDF-" in head):
        return "pdf"
    if data.startswith(b"PK\x03\x04") or (data.startswith(b"PK\x05\x06") and ext in (".docx", ".xlsx", ".zip")):
        return _zip_kind(data)
    if data.startswith(_OLE2):
        if _ENCRYPTED_PACKAGE in data:
            raise ExtractError("password-protected Office document: remove the password and scan again")
        raise ExtractError(
            "legacy Office/Outlook file (.doc/.xls/.ppt/.msg) is not supported: save it as .docx, .xlsx or PDF"
        )
    if ext == ".pdf":
        raise ExtractError("not a PDF file (no %PDF- header): corrupt or mislabelled")
    if ext in (".docx", ".docm", ".xlsx", ".xlsm"):
        raise ExtractError(f"not a valid {ext[1:].upper()} file (not a zip archive): corrupt or mislabelled")
    if ext in _CSV_EXT:
        return "csv"
    if ext == ".eml":
        return "eml"
    if ext in _HTML_EXT:
        return "html"
    if _looks_like_html(head):
        return "html"
    if _looks_like_eml(data):
        return "eml"
    return None


def looks_like_document(path: str, head: bytes) -> bool:
    """Cheap pre-check on the first bytes (8 KiB is plenty): should the whole file go to extract()?

    False means extract() would return None for any file starting with ``head``.
    """
    if _ext(path) in DOCUMENT_EXTENSIONS:
        return True
    first = head[:1024]
    return (
        first.lstrip(b"\xef\xbb\xbf \t\r\n\x00").startswith(b"%PDF-")
        or head.startswith((b"PK\x03\x04", _OLE2))
        or _looks_like_html(first)
        or _looks_like_eml(head)
    )


def _ext(path: str) -> str:
    return os.path.splitext(path or "")[1].lower()


def _zip_kind(data: bytes) -> str:
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except Exception as e:  # BadZipFile, NotImplementedError (bad version field), OSError, ...
        raise ExtractError(f"corrupt zip archive: {one_line(e)}") from None
    names = {i.filename for i in infos}
    if "word/document.xml" in names or "word/document2.xml" in names:
        kind = "docx"
    elif "xl/workbook.xml" in names:
        kind = "xlsx"
    else:
        for member, message in _ZIP_KIND.items():
            if member in names:
                raise ExtractError(message)
        raise ExtractError("unsupported archive (zip): unpack it and scan its files")
    if sum(i.file_size for i in infos) > MAX_UNZIPPED:
        raise ExtractError(f"{kind.upper()} inflates to more than {MAX_UNZIPPED >> 20} MiB: refusing to unpack")
    return kind


def _looks_like_html(head: bytes) -> bool:
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            sample = head[len(bom):].decode(enc, errors="ignore")
            break
    else:
        sample = head.decode("latin-1")
    return bool(_HTML_START.match(sample))


def _looks_like_eml(data: bytes) -> bool:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not _EML_FIRST.match(data):
        return False
    block = data[:8192]
    end = re.search(rb"\r?\n\r?\n", block)
    if end:
        lines = block[: end.start()].splitlines()
    elif len(data) < 8192:
        return False  # the whole file is one header-like block with no body: not a message
    else:
        lines = block.splitlines()[:-1]  # the header block goes on past 8 KiB; last line may be cut
    return bool(lines) and all(_HEADER_LINE.match(line) for line in lines)
