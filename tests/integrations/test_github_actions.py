"""The GitHub Actions example: its structure, and its scan step run as the runner would run it."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from .conftest import CLEAN, DOX, REPO, ROSTER_CSV, SCHEMA, assert_no_secret, clean_env, dox

WORKFLOW = REPO / "examples" / "github-actions" / "doxguard.yml"


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def _steps(workflow):
    (job,) = workflow["jobs"].values()
    return job["steps"]


def test_workflow_shape(workflow):
    assert workflow["permissions"]["security-events"] == "write"
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "pull_request" in triggers and "push" in triggers
    steps = _steps(workflow)
    scan = next(s for s in steps if "doxguard scan" in s.get("run", ""))
    assert "--format sarif" in scan["run"] and "--output doxguard.sarif" in scan["run"]
    assert "continue-on-error" not in scan  # exit 1 and 2 fail the job
    assert scan["env"]["DOXGUARD_ROSTER_KEY"] == "${{ secrets.DOXGUARD_ROSTER_KEY }}"
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert upload["with"]["sarif_file"] == "doxguard.sarif"
    assert upload["if"].startswith("always()")
    assert steps.index(upload) > steps.index(scan)
    assert any("pip install" in s.get("run", "") and "doxguard" in s["run"] for s in steps)


def _run_step(run: str, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    """As the runner does for `shell: bash`: bash --noprofile --norc -eo pipefail {script}."""
    script = cwd / "step.sh"
    script.write_text(run + "\n", encoding="utf-8")
    env = dict(env, PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}")
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_scan_step_fails_on_a_dox_and_writes_valid_sarif(workflow, tmp_path):
    """The repository layout the example describes: hashed roster + .doxguard.toml, key as a secret."""
    scan = next(s for s in _steps(workflow) if "doxguard scan" in s.get("run", ""))
    key = "repository-secret-key"
    (tmp_path / "roster.csv").write_text(ROSTER_CSV, encoding="utf-8")
    env = clean_env(DOXGUARD_ROSTER_KEY=key, DOXGUARD_FINGERPRINT_KEY="fp-secret", CI="true", GITHUB_ACTIONS="true")
    r = dox("roster", "hash", "roster.csv", "-o", "roster.hashed.csv", cwd=tmp_path, env=env)
    assert r.returncode == 0, r.stderr
    (tmp_path / "roster.csv").unlink()  # only the hashed roster is committed
    (tmp_path / ".doxguard.toml").write_text('roster = "roster.hashed.csv"\n', encoding="utf-8")
    release = tmp_path / "release"
    release.mkdir()
    (release / "press.txt").write_text(CLEAN, encoding="utf-8")

    ok = _run_step(scan["run"], tmp_path, env)
    assert ok.returncode == 0, ok.stderr
    schema = jsonschema.Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    schema.validate(json.loads((tmp_path / "doxguard.sarif").read_text(encoding="utf-8")))

    (release / "forum.txt").write_text(DOX, encoding="utf-8")
    bad = _run_step(scan["run"], tmp_path, env)
    assert bad.returncode == 1, bad.stderr
    sarif = (tmp_path / "doxguard.sarif").read_text(encoding="utf-8")
    doc = json.loads(sarif)
    schema.validate(doc)
    results = doc["runs"][0]["results"]
    assert any(r["level"] == "error" and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
               == "release/forum.txt" for r in results)
    assert_no_secret(sarif, bad.stdout, bad.stderr)

    # a fork's pull request gets no secrets (they expand to ""): no key, exit 2, the job fails closed
    no_key = _run_step(scan["run"], tmp_path, dict(env, DOXGUARD_ROSTER_KEY=""))
    assert no_key.returncode == 2 and "no key" in no_key.stderr
