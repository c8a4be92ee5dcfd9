"""The pre-commit hook, driven by the real `pre-commit` and `git`, as a user installs it.

A snapshot of this working tree (tracked and untracked files, minus tests) is committed to a
temporary "hook repository", so the test sees the code as it is now without touching this
repository's git state. pre-commit builds the hook's virtualenv once per session (PRE_COMMIT_HOME
in a session temp folder).
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import CLEAN, DOX, REPO, ROSTER_CSV, assert_no_secret, clean_env

PRE_COMMIT = str(Path(sys.executable).with_name("pre-commit"))


def _git(*args, cwd, env=None, check=True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=check)


def _env(home: Path) -> dict:
    env = {k: v for k, v in clean_env().items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env["PRE_COMMIT_HOME"] = str(home)
    env["PRE_COMMIT_COLOR"] = "never"
    return env


def _snapshot_files(src: Path) -> list[Path]:
    try:
        out = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                             cwd=src, capture_output=True, check=True).stdout.decode()
        names = [n for n in out.split("\0") if n]
    except (OSError, subprocess.CalledProcessError):
        names = [str(p.relative_to(src)) for p in src.rglob("*") if p.is_file()]
    keep = []
    for n in names:
        if n.startswith(("tests/", "benchmarks/", ".venv", ".git/")) or "__pycache__" in n:
            continue
        if (src / n).is_file():
            keep.append(Path(n))
    return keep


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory) -> tuple[Path, str]:
    """A git repository holding this working tree as one commit: (path, rev)."""
    dest = tmp_path_factory.mktemp("hook-repo")
    for rel in _snapshot_files(REPO):
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / rel, dest / rel)
    assert (dest / ".pre-commit-hooks.yaml").is_file()
    env = _env(tmp_path_factory.mktemp("unused"))
    _git("init", "-q", cwd=dest, env=env)
    _git("add", "-A", cwd=dest, env=env)
    _git("-c", "user.name=snap", "-c", "user.email=snap@example.invalid", "-c", "commit.gpgsign=false",
         "commit", "-q", "-m", "snapshot", cwd=dest, env=env)
    rev = _git("rev-parse", "HEAD", cwd=dest, env=env).stdout.strip()
    return dest, rev


@pytest.fixture(scope="session")
def pc_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def _user_repo(root: Path, env: dict) -> Path:
    repo = root / "release-repo"
    repo.mkdir()
    _git("init", "-q", cwd=repo, env=env)
    _git("config", "user.name", "Records Clerk", cwd=repo, env=env)
    _git("config", "user.email", "clerk@example.invalid", cwd=repo, env=env)
    _git("config", "commit.gpgsign", "false", cwd=repo, env=env)
    return repo


def test_hook_blocks_a_staged_dox_and_passes_a_clean_commit(tmp_path, hook_repo, pc_home):
    hook_path, rev = hook_repo
    env = _env(pc_home)
    secrets = tmp_path / "secrets"  # the roster lives outside the repository it guards
    secrets.mkdir()
    (secrets / "roster.csv").write_text(ROSTER_CSV, encoding="utf-8")
    repo = _user_repo(tmp_path, env)
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {hook_path}\n"
        f"    rev: {rev}\n"
        "    hooks:\n"
        "      - id: doxguard\n"
        f"        args: [--roster, {secrets / 'roster.csv'}]\n", encoding="utf-8")
    (repo / "press.txt").write_text(CLEAN, encoding="utf-8")
    r = subprocess.run([PRE_COMMIT, "install"], cwd=repo, env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr

    _git("add", "-A", cwd=repo, env=env)
    ok = _git("commit", "-m", "clean press release", cwd=repo, env=env, check=False)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "doxguard" in ok.stdout + ok.stderr and "Passed" in ok.stdout + ok.stderr

    (repo / "forum_post.txt").write_text(DOX, encoding="utf-8")
    _git("add", "forum_post.txt", cwd=repo, env=env)
    blocked = _git("commit", "-m", "leak", cwd=repo, env=env, check=False)
    out = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, out
    assert "Failed" in out and "forum_post.txt" in out
    assert "CRITICAL" in out and "KCPD-1042" in out  # the user sees why
    assert_no_secret(out)
    log = _git("log", "--oneline", cwd=repo, env=env).stdout.splitlines()
    assert len(log) == 1, "the dox was committed"
    staged = _git("diff", "--cached", "--name-only", cwd=repo, env=env).stdout.split()
    assert staged == ["forum_post.txt"]


def test_hook_reads_roster_from_doxguard_toml(tmp_path, hook_repo, pc_home):
    """No args in the hook: the roster comes from the repository's .doxguard.toml (found from the
    repo root, where pre-commit runs hooks); `pre-commit run --files` as in a CI job.

    (`pre-commit try-repo` works too, but it ignores PRE_COMMIT_HOME and rebuilds the hook's
    virtualenv on every call, ~30 s each; this uses the store the other test built.)
    """
    hook_path, rev = hook_repo
    env = _env(pc_home)
    secrets = tmp_path / "secrets"
    secrets.mkdir()
    (secrets / "roster.csv").write_text(ROSTER_CSV, encoding="utf-8")
    repo = _user_repo(tmp_path, env)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_path}\n    rev: {rev}\n    hooks:\n      - id: doxguard\n", encoding="utf-8")
    (repo / ".doxguard.toml").write_text(f'roster = ["{(secrets / "roster.csv").as_posix()}"]\n', encoding="utf-8")
    (repo / "dox.txt").write_text(DOX, encoding="utf-8")
    (repo / "clean.txt").write_text(CLEAN, encoding="utf-8")
    _git("add", "-A", cwd=repo, env=env)

    clean = subprocess.run([PRE_COMMIT, "run", "doxguard", "--files", "clean.txt"], cwd=repo, env=env,
                           capture_output=True, text=True)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    r = subprocess.run([PRE_COMMIT, "run", "doxguard", "--files", "clean.txt", "dox.txt"], cwd=repo, env=env,
                       capture_output=True, text=True)
    out = r.stdout + r.stderr
    assert r.returncode == 1, out
    assert "dox.txt:2:" in out and "KCPD-1042" in out  # linked through the roster from the config
    assert "clean.txt:" not in out
    assert_no_secret(out)
