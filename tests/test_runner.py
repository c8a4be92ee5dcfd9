"""Streaming in chunks finds exactly what whole-text scanning finds, at the same offsets."""
import io
import random

import pytest

from scanner import runner
from scanner.walk import Input


def _doc(seed: int) -> str:
    rnd = random.Random(seed)
    parts = []
    for i in range(300):
        choice = rnd.random()
        if choice < 0.2:
            parts.append(f"Jane Q. Doe lives at 88 Birch Lane. Her SSN is 123-45-{6700 + i:04d}.")
        elif choice < 0.3:
            parts.append("Doe said the card 4111 1111 1111 1111 was stolen.")
        elif choice < 0.4:
            parts.append("Sgt. Whitfield responded to 3900 Prospect Ave.")
        else:
            parts.append("Nothing to see in this filler sentence about the weather " * rnd.randint(1, 3))
        parts.append(rnd.choice([" ", "\n", "\n\n", "  "]))
    return "".join(parts)


def _key(f):
    return (f.start, f.end, f.line, f.column, f.end_line, f.end_column, f.kind, f.severity, f.value,
            f.person.id if f.person else None)


@pytest.mark.parametrize("chunk,seed", [(200, 1), (333, 2), (1000, 3), (57, 4)])
def test_chunked_equals_whole(monkeypatch, scanner, chunk, seed):
    text = _doc(seed)
    whole = [_key(f) for f in scanner.scan_text(text, path="d")]
    monkeypatch.setattr(runner, "CHUNK_CHARS", chunk)
    monkeypatch.setattr(runner, "READ_BYTES", 97)
    data = text.encode()
    out = runner.scan_input(scanner, Input("-", None), stdin=io.BytesIO(data))
    got = [_key(f) for f in out.findings]
    # chunks overlap by more than any decision looks at, so the findings are identical
    assert got == whole


def test_hard_cut_in_one_huge_line_keeps_offsets(monkeypatch, scanner):
    text = ("x" * 950 + " SSN 123-45-6789 ") * 20
    monkeypatch.setattr(runner, "CHUNK_CHARS", 400)
    out = runner.scan_input(scanner, Input("-", None), stdin=io.BytesIO(text.encode()))
    starts = [f.start for f in out.findings]
    expected = [i + 5 for i in range(len(text)) if text.startswith(" SSN 1", i)]
    assert starts == expected
    assert all(text[f.start:f.end] == "123-45-6789" for f in out.findings)
    assert all(f.line == 1 and f.column == f.start + 1 for f in out.findings)


def test_parallel_chunks_of_one_file_equal_sequential(monkeypatch, tmp_path, scanner):
    """--jobs across the chunks of one large file: the same findings, in the same order."""
    text = "".join(_doc(seed) + "\n\n" for seed in range(5, 12))
    p = tmp_path / "big.txt"
    p.write_text(text)
    monkeypatch.setattr(runner, "CHUNK_CHARS", 20_000)
    one = runner.run_scan(scanner, [str(p)], jobs=1)
    two = runner.run_scan(scanner, [str(p)], jobs=2)
    assert len(text) > 4 * runner.CHUNK_CHARS
    assert [_key(f) for f in two.findings] == [_key(f) for f in one.findings]
    assert len(one.findings) > 100 and not one.errors and not two.errors


def test_lowercase_writer_decision_does_not_depend_on_chunking(monkeypatch):
    """A bare lower-case surname counts only after a lower-case full name *before* it."""
    from scanner.engine import ScanOptions, Scanner
    from scanner.roster import parse_roster

    sc = Scanner(parse_roster("id,name\nA,Jane Doe\n", "r.csv"), ScanOptions(reveal=True))
    text = "Jane Doe came. " + "x " * 3000 + "then doe left. " + "y " * 10 + "jane doe again."
    whole = [(f.start, f.value) for f in sc.scan_text(text)]
    monkeypatch.setattr(runner, "CHUNK_CHARS", 6010)  # the lower-case full name sits in a look-ahead
    out = runner.scan_input(sc, Input("-", None), stdin=io.BytesIO(text.encode()))
    assert [(f.start, f.value) for f in out.findings] == whole == [(0, "Jane Doe"), (6050, "jane doe")]
