from __future__ import annotations

import io
import random
import subprocess
import sys
import zipfile

import pytest

from scanner.extract import (
    Extracted,
    ExtractError,
    Segment,
    detect_format,
    extract,
    looks_like_document,
)
from tests.extract.builders import make_docx, make_pdf, make_xlsx


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, body in members.items():
            zf.writestr(name, body)
    return out.getvalue()


@pytest.mark.parametrize("path,data", [
    ("notes.txt", b"Officer Jane Doe lives at 12 Elm St\n"),
    ("notes.md", b"# From: the chief\n"),
    ("empty", b""),
    ("script.py", b"print('<html>')\n"),
    ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
])
def test_plain_text_and_unknown_is_none(path, data):
    assert extract(path, data) is None
    assert detect_format(path, data) is None


@pytest.mark.parametrize("path,data,fmt", [
    ("x.bin", b"%PDF-1.7\n", "pdf"),
    ("x.txt", b"<!DOCTYPE html><p>x", "html"),
    ("x", b"  \n<HTML lang=en><body>x", "html"),
    ("x.htm", b"just text", "html"),
    ("x.eml", b"hello", "eml"),
    ("x", b"Received: from a\r\n\tby b\r\nFrom: a@b.c\r\nSubject: s\r\n\r\nbody", "eml"),
    ("x", b"MIME-Version: 1.0\nFrom: a@b.c\n\nbody", "eml"),
    ("x.CSV", b"a,b\n", "csv"),
    ("x.tsv", b"a\tb\n", "csv"),
])
def test_detection(path, data, fmt):
    assert detect_format(path, data) == fmt
    assert looks_like_document(path, data[:8192])


def test_office_files_are_detected_by_content():
    assert detect_format("a.bin", make_docx(lambda d: d.add_paragraph("x"))) == "docx"
    assert detect_format("a.bin", make_xlsx(lambda wb: None)) == "xlsx"
    assert detect_format("a.docx", make_xlsx(lambda wb: None)) == "xlsx"  # content wins over the name


@pytest.mark.parametrize("members,message", [
    ({"a.txt": b"Jane Doe 12 Elm St"}, "unsupported archive"),
    ({"ppt/presentation.xml": b"<x/>"}, "PowerPoint"),
    ({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}, "OpenDocument"),
])
def test_other_zips_fail_closed(members, message):
    with pytest.raises(ExtractError, match=message):
        extract("bundle.zip", _zip(members))


def test_legacy_and_encrypted_office_files_fail_closed():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    with pytest.raises(ExtractError, match="legacy Office"):
        extract("old.doc", ole)
    with pytest.raises(ExtractError, match="password-protected Office"):
        extract("locked.docx", ole + "EncryptedPackage".encode("utf-16-le"))


def test_segment_lookup_helper():
    res = Extracted("abc\n\ndef", [Segment(0, {"page": 1}), Segment(5, {"page": 2})], [], "pdf")
    assert res.location_at(0) == {"page": 1}
    assert res.location_at(4) == {"page": 1}
    assert res.location_at(5) == {"page": 2}
    assert Extracted("x", [Segment(1, {"page": 1})], [], "pdf").location_at(0) == {}


def test_segments_are_sorted_and_in_range_for_every_format():
    samples = {
        "a.pdf": make_pdf(["one", "two"]),
        "a.docx": make_docx(lambda d: (d.add_paragraph("p"), d.add_table(rows=1, cols=2))),
        "a.xlsx": make_xlsx(lambda wb: wb.active.append(["a", "b"])),
        "a.html": b"<p>a</p><p>b</p>",
        "a.csv": b"a,b\n1,2\n",
    }
    for path, data in samples.items():
        res = extract(path, data)
        starts = [s.start for s in res.segments]
        assert starts == sorted(set(starts)), path
        assert all(0 <= s < max(len(res.text), 1) for s in starts), path


@pytest.mark.parametrize("path,data", [
    ("a.pdf", make_pdf(["Officer Jane Doe lives at 12 Elm St"] * 3)),
    ("a.docx", make_docx(lambda d: [d.add_paragraph(f"para {i}") for i in range(20)])),
    ("a.xlsx", make_xlsx(lambda wb: [wb.active.append([i, f"v{i}"]) for i in range(50)])),
])
def test_damaged_documents_never_leak_a_traceback(path, data):
    rng = random.Random(path)
    for _ in range(25):
        damaged = bytearray(data)
        if rng.random() < 0.5:
            damaged = damaged[: rng.randrange(8, len(damaged))]
        else:
            for _ in range(rng.randrange(1, 40)):
                damaged[rng.randrange(8, len(damaged))] = rng.randrange(256)
        try:
            res = extract(path, bytes(damaged))
        except ExtractError as e:
            assert "\n" not in str(e) and str(e)
        else:
            assert res is None or isinstance(res, Extracted)


def test_importing_the_package_does_not_import_parsers():
    code = (
        "import sys, scanner.extract\n"
        "heavy = [m for m in ('pypdf', 'docx', 'openpyxl', 'scanner.extract.pdf') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
