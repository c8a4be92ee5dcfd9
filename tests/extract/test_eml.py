from __future__ import annotations

from email.message import EmailMessage

import pytest

from scanner.extract import ExtractError, extract
from tests.extract.builders import make_docx, make_pdf


def _message() -> EmailMessage:
    m = EmailMessage()
    m["From"] = "Sgt. Pat Smith <psmith@kcpd.example>"
    m["To"] = "Records Unit <records@city.example>"
    m["Cc"] = "jane.doe@home.example"
    m["Subject"] = "Doe file \u2014 caf\u00e9"
    m["X-Internal"] = "not extracted"
    m.set_content("Officer Jane Doe lives at 12 Elm St.\n")
    m.add_alternative(
        "<html><head><style>p{}</style></head><body><p>Her cell: <b>816-555-0101</b></p>"
        "<script>evil()</script></body></html>",
        subtype="html",
    )
    m.add_attachment("kids: Lincoln Elementary\n".encode("utf-8"), maintype="text", subtype="plain",
                     filename="notes.txt")
    return m


@pytest.fixture(scope="module")
def mail():
    return extract("message.eml", _message().as_bytes())


def test_exact_text(mail):
    assert mail.format == "eml"
    assert mail.text == (
        'From: "Sgt. Pat Smith" <psmith@kcpd.example>\n'
        "To: Records Unit <records@city.example>\n"
        "Cc: jane.doe@home.example\n"
        "Subject: Doe file \u2014 caf\u00e9\n\n"
        "Officer Jane Doe lives at 12 Elm St.\n\n"
        "Her cell: 816-555-0101\n\n"
        "kids: Lincoln Elementary"
    )


def test_locations(mail):
    at = mail.location_at
    assert at(mail.text.index("psmith@")) == {"part": "header", "name": "From"}
    assert at(mail.text.index("jane.doe@")) == {"part": "header", "name": "Cc"}
    assert at(mail.text.index("caf\u00e9")) == {"part": "header", "name": "Subject"}
    assert at(mail.text.index("12 Elm St")) == {"part": "body"}
    assert at(mail.text.index("816-555")) == {"part": "body", "element": "p"}
    assert at(mail.text.index("Lincoln")) == {"part": "attachment", "filename": "notes.txt"}


def test_detected_by_content_without_extension():
    res = extract("inbox/12345", _message().as_bytes())
    assert res is not None and res.format == "eml"


def test_document_attachments_are_extracted_with_nested_locations():
    m = _message()
    m.add_attachment(make_pdf(["cover", "Roe lives at 9 Pine Rd"]), maintype="application", subtype="pdf",
                     filename="report.pdf")
    m.add_attachment(make_docx(lambda d: d.add_paragraph("DOB 1980-02-03")), maintype="application",
                     subtype="octet-stream", filename="memo.docx")
    m.add_attachment(b"\x89PNG\r\n\x1a\n\x00\x00\x00", maintype="image", subtype="png", filename="photo.png")
    res = extract("m.eml", m.as_bytes())
    assert res.location_at(res.text.index("9 Pine Rd")) == {
        "part": "attachment", "filename": "report.pdf", "location": {"page": 2}}
    assert res.location_at(res.text.index("1980-02-03")) == {
        "part": "attachment", "filename": "memo.docx", "location": {"paragraph": 1}}
    assert any("(image/png) skipped" in w and "photo.png" not in w for w in res.warnings)


def test_forwarded_message_is_read():
    inner = EmailMessage()
    inner["From"] = "jane.doe@home.example"
    inner["Subject"] = "my address"
    inner.set_content("12 Elm St")
    m = _message()
    m.add_attachment(inner)
    res = extract("m.eml", m.as_bytes())
    loc = res.location_at(res.text.index("12 Elm St", res.text.index("my address")))
    assert loc["part"] == "attachment" and loc["location"] == {"part": "body"}


def test_unreadable_attachment_fails_the_message():
    m = _message()
    m.add_attachment(make_pdf([None]), maintype="application", subtype="pdf", filename="scan.pdf")
    with pytest.raises(ExtractError, match=r"^attachment \d+ \(application/pdf\): no text layer on page 1"):
        extract("m.eml", m.as_bytes())
    res = extract("m.eml", m.as_bytes(), allow_image_pdfs=True)
    assert any(w.startswith("attachment ") and "(application/pdf)" in w and "no text layer" in w for w in res.warnings)


def test_bad_charsets_are_decoded_leniently():
    raw = (
        b"From: a@b.example\r\nSubject: =?bogus-charset?q?hi?=\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=x-unknown-8bit\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        b"M\xfcller at 12 Elm St\r\n"
    )
    res = extract("m.eml", raw)
    assert "ller at 12 Elm St" in res.text
    assert res.location_at(res.text.index("12 Elm")) == {"part": "body"}
    assert res.warnings  # the unknown charset is reported


def test_plain_memo_with_a_from_line_is_not_mail():
    assert extract("memo.txt", b"From: the Chief\nHello all, the meeting moved.\n") is None
