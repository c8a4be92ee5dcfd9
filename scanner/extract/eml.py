"""E-mail (.eml, RFC 822/MIME) with the standard library ``email`` package.

Text: the From/Sender/Reply-To/To/Cc/Bcc/Subject headers (one ``Name: value`` line each),
then every text/plain and text/html body part (HTML through the HTML extractor; both
alternatives are kept: either may hold what the other lacks), then attachments. An
attachment in a document format (PDF, DOCX, XLSX, HTML, CSV, another e-mail) goes through
``extract`` itself; other text attachments are decoded as text; binary ones (images, ...)
are skipped with a warning. Charsets are decoded leniently (undecodable bytes replaced).

Locations: ``{"part": "header", "name": "From"}``, ``{"part": "body"}`` (HTML bodies add
``"element"``), ``{"part": "attachment", "filename": "x.txt"}``; for an attachment that has
its own locations they are nested: ``{"part": "attachment", "filename": "r.pdf",
"location": {"page": 2}}``.
"""
from __future__ import annotations

import email
from email import policy as _policy

from scanner.extract._base import (
    Extracted,
    ExtractError,
    TextBuilder,
    decode_with_charset,
    one_line,
)

HEADERS = ("From", "Sender", "Reply-To", "To", "Cc", "Bcc", "Subject")
_MAX_DEPTH = 5


def extract_eml(data: bytes, allow_image_pdfs: bool = False, _depth: int = 0) -> Extracted:
    try:
        msg = email.message_from_bytes(data, policy=_policy.default)
    except Exception as e:  # the parser is lenient; guard anyway
        raise ExtractError(f"cannot parse e-mail: {one_line(e)}") from None
    b = TextBuilder()
    warnings: list[str] = []
    try:
        _message(msg, b, warnings, allow_image_pdfs, _depth)
    except ExtractError:
        raise
    except Exception as e:
        raise ExtractError(f"cannot read e-mail: {one_line(e)}") from None
    return b.result("eml", warnings)


def _message(msg, b: TextBuilder, warnings: list[str], allow_image_pdfs: bool, depth: int) -> None:
    first = True
    for name in HEADERS:
        for value in msg.get_all(name) or []:
            try:
                text = str(value)
            except Exception:  # a header the policy cannot parse: keep it raw
                text = str(getattr(value, "_raw", value))
            text = " ".join(text.split())
            if text:
                b.add(f"{name}: {text}", {"part": "header", "name": name}, sep="\n\n" if first else "\n")
                first = False
    attachments = []
    for part in _leaves(msg):
        if _is_attachment(part):
            attachments.append(part)
            continue
        ctype = part.get_content_type()
        if ctype in ("text/plain", "text/html"):
            text, warns = _decode(part)
            warnings.extend(warns)
            if ctype == "text/html":
                from scanner.extract.html_doc import html_to_extracted

                b.add_extracted(html_to_extracted(text), lambda loc: {"part": "body", **loc})
            else:
                b.add(text.strip("\r\n"), {"part": "body"})
        elif ctype == "message/rfc822" or ctype.startswith("text/"):
            attachments.append(part)
        elif not part.is_multipart():
            warnings.append(f"e-mail part {ctype} without a filename skipped (not text)")
    for n, part in enumerate(attachments, 1):
        _attachment(part, n, b, warnings, allow_image_pdfs, depth)


def _leaves(msg):
    """Non-multipart parts in order; an attached message/rfc822 is a leaf (handled as attachment)."""
    if msg.is_multipart() and msg.get_content_type() != "message/rfc822":
        for sub in msg.iter_parts():
            yield from _leaves(sub)
    elif msg.get_content_maintype() != "multipart":
        yield msg


def _is_attachment(part) -> bool:
    """An attachment: so marked, or a named part that is not a text/plain or text/html body."""
    if part.get_content_disposition() == "attachment":
        return True
    try:
        named = part.get_filename() is not None
    except Exception:
        named = False
    return named and part.get_content_type() not in ("text/plain", "text/html")


def _attachment(part, n: int, b: TextBuilder, warnings: list[str], allow_image_pdfs: bool, depth: int) -> None:
    from scanner.extract import extract

    ctype = part.get_content_type()
    try:
        filename = part.get_filename()
    except Exception:
        filename = None
    filename = filename or (f"message-{n}.eml" if ctype == "message/rfc822" else f"attachment-{n}")
    base = {"part": "attachment", "filename": filename}
    # Messages name the attachment by its position and type, never by its file name: the name is
    # content of the scanned e-mail ("Jane Doe SSN ....pdf") and stderr lands in CI logs.
    label = f"attachment {n} ({ctype})"

    def wrap(loc: dict) -> dict:
        return {**base, "location": loc} if loc else dict(base)

    if ctype == "message/rfc822":
        inner = part.get_payload()
        inner = inner[0] if isinstance(inner, list) and inner else inner
        payload = inner.as_bytes(policy=_policy.default) if hasattr(inner, "as_bytes") else b""
        path = filename if filename.lower().endswith(".eml") else filename + ".eml"
    else:
        payload = part.get_payload(decode=True) or b""
        path = filename
    if depth >= _MAX_DEPTH:
        raise ExtractError(f"{label}: e-mail attachments nested too deep")
    try:
        if path.lower().endswith(".eml") or ctype == "message/rfc822":
            res = extract_eml(payload, allow_image_pdfs, depth + 1)
        else:
            res = extract(path, payload, allow_image_pdfs=allow_image_pdfs)
    except ExtractError as e:
        raise type(e)(f"{label}: {e}") from None
    if res is not None:
        warnings.extend(f"{label}: {w}" for w in res.warnings)
        b.add_extracted(res, wrap)
        return
    if ctype.startswith("text/") or _looks_textual(payload):
        text, warns = decode_with_charset(payload, part.get_content_charset())
        warnings.extend(f"{label}: {w}" for w in warns)
        b.add(text.strip("\r\n"), base)
        return
    # the file name is scanned content (it may be "Jane Doe SSN ..."): never quoted on stderr
    warnings.append(f"{label} skipped: not a text or document format")


def _looks_textual(payload: bytes) -> bool:
    sample = payload[:4096]
    if not sample or b"\x00" in sample:
        return False
    try:
        sample.decode("utf-8")
        return True
    except UnicodeDecodeError as e:
        return e.start >= len(sample) - 3  # cut inside a multi-byte character


def _decode(part) -> tuple[str, list[str]]:
    payload = part.get_payload(decode=True)
    if payload is None:
        payload = str(part.get_payload()).encode("utf-8", "replace")
    return decode_with_charset(payload, part.get_content_charset())

