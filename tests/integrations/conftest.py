"""Integration tests: the installed `doxguard` command driven the way users drive it.

`dox(...)` runs the installed console script in a temp folder (a subprocess), with the environment
cleaned of anything that would change doxguard's behaviour (keys, NO_COLOR, CI) unless the test
sets it. Every feature has at least one test that way. Tables of many cases use `cli(...)`, the
same typer app invoked in-process with the same argv, cwd and environment: a subprocess costs
~0.5 s of start-up (imports and regex compilation), which would put this folder far over a minute.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
REPO = HERE.parent.parent
SCHEMA = Path(os.environ.get("DOXGUARD_SARIF_SCHEMA", "/work/shared/schemas/sarif-schema-2.1.0.json"))
if not SCHEMA.is_file():  # a copy travels with the tests for machines without the shared folder
    SCHEMA = DATA / "sarif-schema-2.1.0.json"


def _doxguard_exe() -> str:
    exe = Path(sys.executable).with_name("doxguard")
    if exe.is_file():
        return str(exe)
    found = shutil.which("doxguard")
    if not found:
        raise RuntimeError("the doxguard console script is not installed (pip install -e .)")
    return found


DOXGUARD = _doxguard_exe()

# A roster whose values the current detectors can all see (phone, e-mail, SSN, address, DOB, school).
ROSTER_CSV = """id,name,aliases,role,family_of,address,phone,email,dob,ssn,school,plate
KCPD-1042,Jane Q. Doe,Janie Doe,officer,,"1418 W 71st Terrace, Kansas City, MO 64114",(816) 739-2281,jqdoe.home@gmail.com,1984-03-17,,,
KCPD-2231,Marcus T. Whitfield,,officer,,,816-304-7719,,,,,
KCPD-0876,Darnell Okafor,,officer,,"7720 East 109th Street, Kansas City, MO 64134",9137072284,,1979-11-23,512-44-7391,,
CITY-0007,Evelyn Hartley-Brooks,,official,,,,,,,,
FAM-1042-1,Thomas Doe,Tom Doe,spouse,KCPD-1042,,(816) 739-2290,,,,,
FAM-1042-2,Lily Doe,,child,KCPD-1042,,,,,,Border Star Montessori,
"""

# Raw private values of the roster and of the sample documents: no output may contain any of these
# (nor their digits run together) unless --reveal is given.
SECRETS = ["739-2281", "7392281", "304-7719", "3047719", "707-2284", "7072284", "9137072284", "512-44-7391",
           "512447391", "jqdoe.home", "1418 W 71st", "7720 East 109th", "4111 1111 1111 1111", "4111111111111111",
           "601-22-1893", "601221893"]

DOX = (
    "Posted on the forum:\n"
    "Officer Jane Doe lives at 1418 W 71st Terrace, Kansas City, MO 64114. Her cell is (816) 739-2281.\n"
    "Darnell Okafor's SSN is 512-44-7391.\n"
)
CLEAN = (
    "Press release: the City Council met at City Hall on Tuesday to discuss the budget.\n"
    "Questions go to the communications office.\n"
)


def clean_env(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("DOXGUARD_") and k not in ("NO_COLOR", "CI", "FORCE_COLOR")}
    env.update(extra)
    return env


def dox(*args, cwd=None, env=None, input: bytes | str | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run `doxguard ARGS` and return text stdout/stderr (bytes in .stdout_bytes)."""
    if isinstance(input, str):
        input = input.encode("utf-8")
    r = subprocess.run([DOXGUARD, *map(str, args)], cwd=cwd, env=env or clean_env(), input=input,
                       capture_output=True, timeout=timeout)
    out = subprocess.CompletedProcess(r.args, r.returncode, r.stdout.decode("utf-8", "replace"),
                                      r.stderr.decode("utf-8", "replace"))
    out.stdout_bytes = r.stdout
    return out


def cli(*args, cwd=None, env: dict | None = None, input: bytes | str | None = None) -> subprocess.CompletedProcess:
    """`doxguard ARGS` in-process (typer's CliRunner): same app, argv, cwd and environment rules."""
    from typer.testing import CliRunner

    from scanner.cli import app

    overrides: dict = {k: None for k in os.environ
                       if k.startswith("DOXGUARD_") or k in ("NO_COLOR", "CI", "FORCE_COLOR")}
    overrides.update(env or {})
    old = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        res = CliRunner().invoke(app, [str(a) for a in args], input=input, env=overrides, catch_exceptions=False)
    finally:
        os.chdir(old)
    out = subprocess.CompletedProcess(["doxguard", *map(str, args)], res.exit_code, res.stdout, res.stderr)
    out.stdout_bytes = res.stdout_bytes
    return out


def assert_no_secret(*texts: str, secrets=SECRETS) -> None:
    for text in texts:
        squashed = re.sub(r"[\s().-]", "", text)
        for s in secrets:
            assert s not in text, f"unmasked value {s!r} in output"
            digits = re.sub(r"[\s().-]", "", s)
            if digits.isdigit() and len(digits) >= 7:
                assert digits not in squashed, f"unmasked digits of {s!r} in output"


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A folder with a roster, a dox document and a clean one."""
    (tmp_path / "roster.csv").write_text(ROSTER_CSV, encoding="utf-8")
    (tmp_path / "dox.txt").write_text(DOX, encoding="utf-8")
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    return tmp_path
