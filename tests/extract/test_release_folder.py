"""Issue 5 end to end: a release folder of real document formats, scanned by the installed command."""
import json
from email.message import EmailMessage

from tests.conftest import run_cli
from tests.extract.builders import encrypt_pdf, make_docx, make_pdf, make_xlsx

DOX = "Officer Jane Q. Doe lives at 88 Birch Lane, her cell is 816-739-2281."
CLEAN = "Officer Jane Q. Doe was honoured at City Hall for her service."


def _write_release(folder, text, tag):
    (folder / f"{tag}.pdf").write_bytes(make_pdf(["Cover page", text]))

    def build(doc):
        doc.add_paragraph("Memo")
        table = doc.add_table(rows=1, cols=2)
        table.cell(0, 1).text = text

    (folder / f"{tag}.docx").write_bytes(make_docx(build))
    (folder / f"{tag}.html").write_text(f"<html><head><script>var x=1;</script></head><body><p>{text}</p></body></html>")
    msg = EmailMessage()
    msg["From"] = "clerk@example.org"
    msg["To"] = "press@example.org"
    msg["Subject"] = "release"
    msg.set_content(text)
    (folder / f"{tag}.eml").write_bytes(bytes(msg))
    (folder / f"{tag}.csv").write_text(f'id,note\n1,"{text}"\n')
    (folder / f"{tag}.xlsx").write_bytes(make_xlsx(lambda wb: wb.active.append(["note", text])))


def test_release_folder(tmp_path, roster_file):
    dox, clean, broken = tmp_path / "dox", tmp_path / "clean", tmp_path / "broken"
    for d in (dox, clean, broken):
        d.mkdir()
    _write_release(dox, DOX, "leak")
    _write_release(clean, CLEAN, "ok")
    r = run_cli("scan", "-r", roster_file, "--format", "json", dox)
    assert r.returncode == 1, r.stderr
    found = {}
    for f in json.loads(r.stdout)["findings"]:
        if f["severity"] == "critical":
            found.setdefault(f["path"].rsplit(".", 1)[-1], []).append(f)
    assert set(found) == {"pdf", "docx", "html", "eml", "csv", "xlsx"}, found.keys()
    assert found["pdf"][0]["location"] == {"page": 2}
    assert found["docx"][0]["location"]["table"] == 1 and found["docx"][0]["location"]["cell"] == 2
    assert found["csv"][0]["location"] == {"row": 2, "column": 2}
    assert found["xlsx"][0]["location"]["sheet"]
    assert "816-739-2281" not in r.stdout

    r = run_cli("scan", "-r", roster_file, "--format", "json", clean)
    assert r.returncode == 0, r.stdout

    (broken / "cut.pdf").write_bytes(make_pdf(["x"])[:200])
    (broken / "locked.pdf").write_bytes(encrypt_pdf(make_pdf([DOX]), "pw"))
    r = run_cli("scan", "-r", roster_file, "--format", "json", broken)
    assert r.returncode == 2
    errors = {e["path"].rsplit("/", 1)[-1]: e["message"] for e in json.loads(r.stdout)["errors"]}
    assert set(errors) == {"cut.pdf", "locked.pdf"} and "password" in errors["locked.pdf"]
    assert "Traceback" not in r.stderr
