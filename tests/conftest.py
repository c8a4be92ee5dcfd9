import os
import subprocess
import sys
from pathlib import Path

import pytest

from scanner.engine import ScanOptions, Scanner
from scanner.roster import parse_roster

ROOT = Path(__file__).resolve().parent.parent

ROSTER_CSV = """id,name,aliases,role,family_of,address,phone,email,dob,ssn,school,plate
KCPD-1042,Jane Q. Doe,Janie Doe,officer,,"1418 W 71st Terrace, Kansas City, MO 64114",(816) 739-2281,jqdoe.home@gmail.com,1984-03-17,,,
KCPD-2231,Marcus T. Whitfield,,officer,,,816-304-7719,,,,,
KCPD-3307,José Ramírez,Joe Ramirez,detective,,,,,,,,
CITY-0007,Evelyn Hartley-Brooks,,official,,,,,,,,
KCPD-4410,Ann Lee,,officer,,,,,,,,
FAM-1042-1,Thomas Doe,Tom Doe,spouse,KCPD-1042,,(816) 739-2290,,,,,
FAM-1042-2,Lily Doe,,child,KCPD-1042,,,,,,Border Star Montessori,
"""


@pytest.fixture(scope="session")
def roster():
    return parse_roster(ROSTER_CSV, "roster.csv")


@pytest.fixture(scope="session")
def scanner(roster):
    return Scanner(roster, ScanOptions(reveal=True))


@pytest.fixture()
def roster_file(tmp_path):
    p = tmp_path / "roster.csv"
    p.write_text(ROSTER_CSV, encoding="utf-8")
    return p


def run_cli(*args, input=None, cwd=None, env=None):
    """Run the installed command the way a user does (python -m scanner == doxguard)."""
    e = dict(os.environ)
    e.pop("NO_COLOR", None)
    e.update(env or {})
    if isinstance(input, str):
        input = input.encode()
    r = subprocess.run([sys.executable, "-m", "scanner", *map(str, args)], input=input, capture_output=True,
                       cwd=cwd, env=e, timeout=120)
    return subprocess.CompletedProcess(r.args, r.returncode, r.stdout.decode("utf-8", "replace"),
                                       r.stderr.decode("utf-8", "replace"))
