"""Detection quality of doxguard on a labelled corpus (precision/recall/F1, links, gate).

    python benchmarks/quality.py                       # tests/corpus
    python benchmarks/quality.py /work/shared/eval-sample --verbose
    python benchmarks/quality.py --json                # metrics as JSON on stdout
    python benchmarks/quality.py --findings out.json   # score a saved `scan --format json` output

A corpus folder holds roster.csv, doxguard.toml (optional), labels.jsonl and the documents the
labels name. The scanner is run once over all documents, from the corpus folder, as

    <python> -m scanner scan --roster roster.csv --config doxguard.toml --format json --reveal FILES

and scored as the evaluation set is:
- a document fails the gate iff a finding of severity high/critical (or an error) is reported for it;
- a finding matches a labelled span of the same kind whose [start, end) range overlaps it;
  a finding that matches no span is a false positive; a span no finding matches is a miss;
  spans marked optional are neither misses nor do they make a finding that hits them a false positive;
- link accuracy: of the matched findings, the share whose person.id equals the span's person
  (null == null).
Also reported, for information: matched findings whose severity is below the span's min_severity.
Always exits 0 (it measures, it does not gate); tests/test_quality.py holds the floors.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT / "tests" / "corpus"
SEVERITY_RANK = {"info": 0, "low": 1, "medium": 2, "high": 3, "critical": 4}
GATE_SEVERITIES = {"high", "critical"}
CATEGORY_ORDER = ["clean_press", "incident", "near_miss", "dox_post", "known_leak", "generic_pii", "obfuscated"]


# ---------------------------------------------------------------------------------------- input
def load_labels(corpus: Path) -> list[dict]:
    labels = []
    with (corpus / "labels.jsonl").open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                rec = json.loads(line)
                rec.setdefault("spans", [])
                labels.append(rec)
    return labels


def scan_command(corpus: Path, docs: list[str]) -> list[str]:
    cmd = [sys.executable, "-m", "scanner", "scan", "--roster", "roster.csv"]
    if (corpus / "doxguard.toml").exists():
        cmd += ["--config", "doxguard.toml"]
    return cmd + ["--format", "json", "--reveal", *docs]


def _run(corpus: Path, docs: list[str], timeout: float) -> tuple[dict | None, int, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    env["NO_COLOR"] = "1"
    try:
        proc = subprocess.run(scan_command(corpus, docs), cwd=corpus, env=env, capture_output=True,
                              text=True, encoding="utf-8", timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, -1, f"timed out after {timeout:.0f}s"
    try:
        data = json.loads(proc.stdout)
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
    except ValueError:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no output"]
        return None, proc.returncode, tail[0][:300]
    return data, proc.returncode, ""


def run_scanner(corpus: Path, docs: list[str], timeout: float = 600) -> dict:
    """One scan over all docs; if its output is not JSON, one scan per doc so a crash is local."""
    t0 = time.perf_counter()
    data, rc, problem = _run(corpus, docs, timeout)
    run = {"returncode": rc, "batch_ok": data is not None, "problem": problem}
    if data is None:
        data = {"findings": [], "errors": []}
        for doc in docs:
            one, rc1, problem1 = _run(corpus, [doc], timeout)
            if one is None:
                data["errors"].append({"path": doc, "message": f"scanner gave no JSON (exit {rc1}): {problem1}"})
            else:
                data["findings"] += one.get("findings", [])
                data["errors"] += one.get("errors", [])
    run["seconds"] = round(time.perf_counter() - t0, 3)
    data["_run"] = run
    return data


def _doc_key(corpus: Path, path: str) -> str:
    p = Path(path)
    if not p.is_absolute():
        p = corpus / p
    try:
        return p.resolve().relative_to(corpus.resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


# ---------------------------------------------------------------------------------------- scoring
def _overlaps(f: dict, s: dict) -> bool:
    return f["kind"] == s["kind"] and f["start"] < s["end"] and s["start"] < f["end"]


def _pid(f: dict) -> str | None:
    p = f.get("person")
    return p.get("id") if isinstance(p, dict) else None


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def score(corpus: Path, labels: list[dict], data: dict) -> dict:
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for f in data.get("findings", []):
        by_doc[_doc_key(corpus, f.get("path", ""))].append(f)
    errors_by_doc: dict[str, list[str]] = defaultdict(list)
    for e in data.get("errors", []):
        errors_by_doc[_doc_key(corpus, e.get("path", ""))].append(e.get("message", ""))
    labelled = {rec["doc"] for rec in labels}
    stray = sorted(k for k in by_doc if k not in labelled)

    kinds: dict[str, Counter] = defaultdict(Counter)
    fps, fns, under, wrong_gate, mislinks = [], [], [], [], []
    gate = {c: Counter() for c in CATEGORY_ORDER}
    link_ok = link_n = 0
    for rec in labels:
        doc, cat = rec["doc"], rec.get("category", "?")
        spans = rec["spans"]
        found = by_doc.get(doc, [])
        text = None
        for f in found:
            hits = [s for s in spans if _overlaps(f, s)]
            real = [s for s in hits if not s.get("optional")]
            if not hits:
                kinds[f["kind"]]["fp"] += 1
                fps.append({"doc": doc, "category": cat, "kind": f["kind"], "severity": f.get("severity"),
                            "start": f["start"], "end": f["end"], "value": f.get("value"),
                            "person": _pid(f), "reason": f.get("reason", "")})
                continue
            if not real:
                kinds[f["kind"]]["optional"] += 1
                continue
            kinds[f["kind"]]["tp"] += 1
            link_n += 1
            kinds[f["kind"]]["linked_n"] += 1
            if any(_pid(f) == s.get("person") for s in real):
                link_ok += 1
                kinds[f["kind"]]["linked_ok"] += 1
            else:
                mislinks.append({"doc": doc, "kind": f["kind"], "text": real[0]["text"],
                                 "expected": real[0].get("person"), "got": _pid(f)})
            want = max(SEVERITY_RANK[s.get("min_severity", "info")] for s in real)
            if SEVERITY_RANK.get(f.get("severity"), 0) < want:
                under.append({"doc": doc, "kind": f["kind"], "text": real[0]["text"],
                              "severity": f.get("severity"), "min_severity": real[0].get("min_severity"),
                              "reason": f.get("reason", "")})
        for s in spans:
            if s.get("optional"):
                continue
            kinds[s["kind"]]["support"] += 1
            if any(_overlaps(f, s) for f in found):
                kinds[s["kind"]]["hit"] += 1
            else:
                fns.append({"doc": doc, "category": cat, "kind": s["kind"], "text": s["text"],
                            "person": s.get("person"), "min_severity": s.get("min_severity")})
        failing = [f for f in found if f.get("severity") in GATE_SEVERITIES]
        got = "fail" if failing or errors_by_doc.get(doc) else "pass"
        g = gate.setdefault(cat, Counter())
        g["docs"] += 1
        g["correct"] += got == rec["expect_gate"]
        if got != rec["expect_gate"]:
            if got == "fail":
                why = errors_by_doc.get(doc, [])[:1] or [
                    f"{f['severity']} {f['kind']} {f.get('value')!r}: {f.get('reason', '')}" for f in failing[:3]]
            else:
                top = sorted(found, key=lambda f: -SEVERITY_RANK.get(f.get("severity"), 0))[:3]
                why = [f"max {f['severity']} {f['kind']} {f.get('value')!r}: {f.get('reason', '')}" for f in top] \
                    or ["no findings"]
            wrong_gate.append({"doc": doc, "category": cat, "expected": rec["expect_gate"], "got": got,
                               "why": why})

    kind_table = {}
    for k in sorted(kinds):
        c = kinds[k]
        p = _ratio(c["tp"], c["tp"] + c["fp"])
        r = _ratio(c["hit"], c["support"])
        f1 = 2 * p * r / (p + r) if p is not None and r is not None and p + r else (
            0.0 if p is not None and r is not None else None)
        kind_table[k] = {"support": c["support"], "hit": c["hit"], "tp": c["tp"], "fp": c["fp"],
                         "fn": c["support"] - c["hit"], "optional_hits": c["optional"],
                         "precision": p, "recall": r, "f1": f1,
                         "link_accuracy": _ratio(c["linked_ok"], c["linked_n"])}
    gate_table = {c: {"docs": g["docs"], "correct": g["correct"], "accuracy": _ratio(g["correct"], g["docs"])}
                  for c, g in gate.items() if g["docs"]}
    tot_tp = sum(v["tp"] for v in kind_table.values())
    tot_fp = sum(v["fp"] for v in kind_table.values())
    tot_hit = sum(v["hit"] for v in kind_table.values())
    tot_sup = sum(v["support"] for v in kind_table.values())
    return {
        "corpus": str(corpus),
        "documents": len(labels),
        "kinds": kind_table,
        "micro": {"precision": _ratio(tot_tp, tot_tp + tot_fp), "recall": _ratio(tot_hit, tot_sup)},
        "link_accuracy": _ratio(link_ok, link_n),
        "gate": gate_table,
        "gate_accuracy": _ratio(sum(g["correct"] for g in gate_table.values()),
                                sum(g["docs"] for g in gate_table.values())),
        "wrong_gate": wrong_gate,
        "false_positives": fps,
        "false_negatives": fns,
        "mislinks": mislinks,
        "under_severity": under,
        "errors": [{"doc": d, "messages": m} for d, m in sorted(errors_by_doc.items())],
        "unlabelled_paths": stray,
        "run": data.get("_run", {}),
    }


def evaluate(corpus: Path | str = DEFAULT_CORPUS, findings: dict | None = None, timeout: float = 600) -> dict:
    """Run the scanner over a corpus (or take a saved findings JSON) and return the metrics."""
    corpus = Path(corpus).resolve()
    labels = load_labels(corpus)
    if findings is None:
        findings = run_scanner(corpus, [rec["doc"] for rec in labels], timeout=timeout)
    return score(corpus, labels, findings)


# ---------------------------------------------------------------------------------------- output
def _pct(x: float | None) -> str:
    return "   -  " if x is None else f"{100 * x:5.1f}%"


def print_report(m: dict, verbose: bool, top: int) -> None:
    out = sys.stdout
    run = m.get("run", {})
    out.write(f"corpus: {m['corpus']}  ({m['documents']} documents")
    if run:
        out.write(f", scan exit {run.get('returncode')}, {run.get('seconds')}s")
        if not run.get("batch_ok", True):
            out.write(f"; batch scan failed ({run.get('problem')}), scanned per file")
    out.write(")\n\n")
    out.write(f"{'kind':<13}{'support':>8}{'TP':>6}{'FP':>6}{'FN':>6}{'prec':>9}{'recall':>9}{'F1':>9}{'link':>9}\n")
    for k, v in m["kinds"].items():
        out.write(f"{k:<13}{v['support']:>8}{v['tp']:>6}{v['fp']:>6}{v['fn']:>6}{_pct(v['precision']):>9}"
                  f"{_pct(v['recall']):>9}{_pct(v['f1']):>9}{_pct(v['link_accuracy']):>9}\n")
    mi = m["micro"]
    out.write(f"{'(all)':<13}{'':>26}{_pct(mi['precision']):>9}{_pct(mi['recall']):>9}{'':>9}"
              f"{_pct(m['link_accuracy']):>9}\n\n")
    out.write(f"link accuracy: {_pct(m['link_accuracy']).strip()}   "
              f"severity below label minimum: {len(m['under_severity'])} matched findings\n\n")
    out.write(f"{'gate by category':<18}{'docs':>6}{'correct':>9}{'accuracy':>10}\n")
    for c, g in m["gate"].items():
        out.write(f"{c:<18}{g['docs']:>6}{g['correct']:>9}{_pct(g['accuracy']):>10}\n")
    out.write(f"{'(all)':<18}{'':>15}{_pct(m['gate_accuracy']):>10}\n")
    if m["wrong_gate"]:
        out.write(f"\nwrong gate ({len(m['wrong_gate'])}):\n")
        for w in m["wrong_gate"]:
            out.write(f"  {w['doc']} [{w['category']}] expected {w['expected']}, got {w['got']}\n")
            if verbose:
                for line in w["why"]:
                    out.write(f"      {line}\n")
    if m["errors"]:
        out.write(f"\nerrors ({len(m['errors'])}):\n")
        for e in m["errors"][:top]:
            out.write(f"  {e['doc']}: {e['messages'][0]}\n")
    if m["unlabelled_paths"]:
        out.write(f"\nfindings for paths not in labels.jsonl: {', '.join(m['unlabelled_paths'][:5])}\n")
    if verbose:
        fp_groups = Counter((f["kind"], str(f["value"])) for f in m["false_positives"])
        out.write(f"\nfalse positives ({len(m['false_positives'])}), most frequent first:\n")
        for (kind, value), n in fp_groups.most_common(top):
            ex = next(f for f in m["false_positives"] if f["kind"] == kind and str(f["value"]) == value)
            out.write(f"  {n:>3}x {kind:<12} {value!r:<40} e.g. {ex['doc']} ({ex['severity']}: {ex['reason']})\n")
        out.write(f"\nfalse negatives ({len(m['false_negatives'])}):\n")
        for f in m["false_negatives"][:top]:
            out.write(f"  {f['doc']:<28} {f['kind']:<12} {f['text']!r} ({f['person']}, {f['min_severity']})\n")
        if m["mislinks"]:
            out.write(f"\nwrong person on matched findings ({len(m['mislinks'])}):\n")
            for x in m["mislinks"][:top]:
                out.write(f"  {x['doc']:<28} {x['kind']:<10} {x['text']!r}: expected {x['expected']}, got {x['got']}\n")
        if m["under_severity"]:
            out.write(f"\nseverity below label minimum ({len(m['under_severity'])}):\n")
            for x in m["under_severity"][:top]:
                out.write(f"  {x['doc']:<28} {x['kind']:<10} {x['text']!r}: {x['severity']} < {x['min_severity']}"
                          f" ({x['reason']})\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS),
                    help="corpus folder with roster.csv, doxguard.toml, labels.jsonl (default: tests/corpus)")
    ap.add_argument("--json", action="store_true", help="print the metrics as JSON instead of tables")
    ap.add_argument("--verbose", "-v", action="store_true", help="list false positives/negatives and wrong gates")
    ap.add_argument("--top", type=int, default=25, help="how many FPs/FNs to list with --verbose (default 25)")
    ap.add_argument("--findings", help="score this saved `doxguard scan --format json` output instead of scanning")
    ap.add_argument("--timeout", type=float, default=600, help="seconds allowed for the scan")
    args = ap.parse_args(argv)
    findings = None
    if args.findings:
        findings = json.loads(Path(args.findings).read_text(encoding="utf-8"))
    metrics = evaluate(args.corpus, findings=findings, timeout=args.timeout)
    if args.json:
        json.dump(metrics, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print_report(metrics, args.verbose, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
