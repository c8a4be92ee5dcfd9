"""Finding and reading inputs: paths, folders (recursive, .gitignore), stdin; decoding; binary skip.

Fail closed: every path that cannot be read in full becomes a ScanError (exit 2), never a skip.
Binary files are the one deliberate skip, and they are counted in the summary.
"""
from __future__ import annotations

import fnmatch
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .model import ScanError

SKIP_DIRS = {".git", ".hg", ".svn", "__pycache__", ".venv", "node_modules", ".tox", ".mypy_cache", ".pytest_cache"}
BINARY_SNIFF = 8192


@dataclass
class Input:
    path: str          # as shown to the user
    fs_path: Path | None  # None for stdin


@dataclass
class Decoded:
    text: str
    replaced: int = 0   # undecodable bytes replaced with U+FFFD (recovered, reported as a note)
    encoding: str = "utf-8"


class NotText(Exception):
    """The bytes are binary (NUL bytes, no UTF-16/32 BOM)."""


def decode(data: bytes) -> Decoded:
    """UTF-8 (with or without BOM), UTF-16/32 with BOM; undecodable bytes are replaced, not fatal."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode_with(data[3:], "utf-8")
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return _decode_with(data, "utf-32")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode_with(data, "utf-16")
    if b"\x00" in data[:BINARY_SNIFF]:
        raise NotText()
    return _decode_with(data, "utf-8")


def _decode_with(data: bytes, encoding: str) -> Decoded:
    try:
        return Decoded(data.decode(encoding), 0, encoding)
    except UnicodeDecodeError:
        text = data.decode(encoding, errors="replace")
        return Decoded(text, text.count("\ufffd"), encoding)


class IgnoreRules:
    """.gitignore files of a folder tree (pathspec's gitwildmatch), plus --exclude globs."""

    def __init__(self, excludes: list[str]):
        self.excludes = list(excludes)
        self._specs: dict[Path, object] = {}

    def _spec_for(self, folder: Path):
        if folder not in self._specs:
            gi = folder / ".gitignore"
            spec = None
            if gi.is_file():
                try:
                    import pathspec

                    lines = gi.read_text(encoding="utf-8", errors="replace").splitlines()
                    spec = pathspec.PathSpec.from_lines("gitwildmatch", lines)
                except Exception:
                    spec = None
            self._specs[folder] = spec
        return self._specs[folder]

    def excluded(self, path: Path, display: str) -> bool:
        name = path.name
        for pat in self.excludes:
            if fnmatch.fnmatch(display, pat) or fnmatch.fnmatch(name, pat) or fnmatch.fnmatch(display, f"*/{pat}"):
                return True
        return False

    def ignored(self, root: Path, path: Path, is_dir: bool) -> bool:
        """Checked against every .gitignore from `root` down to the path's folder."""
        folder = root
        rel_parts = path.relative_to(root).parts
        for depth in range(len(rel_parts)):
            spec = self._spec_for(folder)
            if spec is not None:
                rel = "/".join(rel_parts[depth:]) + ("/" if is_dir else "")
                if spec.match_file(rel):
                    return True
            folder = folder / rel_parts[depth]
        return False


def iter_inputs(paths: list[str], excludes: list[str], errors: list[ScanError]) -> Iterator[Input]:
    """Expand PATHs: files as given, folders recursively (sorted, .gitignore honoured, no symlink loops)."""
    rules = IgnoreRules(excludes)
    for raw in paths:
        if raw == "-":
            yield Input("-", None)
            continue
        p = Path(raw)
        try:
            st = p.stat()
        except FileNotFoundError:
            if p.is_symlink():
                errors.append(ScanError(raw, "dangling symbolic link"))
            else:
                errors.append(ScanError(raw, "no such file or directory"))
            continue
        except OSError as e:
            errors.append(ScanError(raw, f"cannot access: {e.strerror or e.__class__.__name__}"))
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk_dir(p, raw, rules, errors)
        elif stat.S_ISREG(st.st_mode):
            if not rules.excluded(p, raw):
                yield Input(raw, p)
        else:
            errors.append(ScanError(raw, "not a regular file (device, FIFO or socket); not scanned"))


def _walk_dir(root: Path, shown_root: str, rules: IgnoreRules, errors: list[ScanError]) -> Iterator[Input]:
    seen_dirs: set[tuple[int, int]] = set()

    def walk(folder: Path) -> Iterator[Input]:
        try:
            st = folder.stat()
        except OSError as e:
            errors.append(ScanError(_show(folder), f"cannot access: {e.strerror or e.__class__.__name__}"))
            return
        key = (st.st_dev, st.st_ino)
        if key in seen_dirs:
            errors.append(ScanError(_show(folder), "symbolic link loop; folder already scanned"))
            return
        seen_dirs.add(key)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as e:
            errors.append(ScanError(_show(folder), f"cannot list folder: {e.strerror or e.__class__.__name__}"))
            return
        for entry in entries:
            path = Path(entry.path)
            shown = _show(path)
            try:
                is_dir = entry.is_dir()  # follows symlinks
                is_file = entry.is_file()
            except OSError:
                is_dir = is_file = False
            if is_dir:
                if entry.name in SKIP_DIRS or rules.excluded(path, shown) or rules.ignored(root, path, True):
                    continue
                yield from walk(path)
                continue
            if entry.name == ".gitignore" or rules.excluded(path, shown) or rules.ignored(root, path, False):
                continue
            if is_file:
                yield Input(shown, path)
            elif entry.is_symlink() and not path.exists():
                errors.append(ScanError(shown, "dangling symbolic link"))
            else:
                errors.append(ScanError(shown, "not a regular file (device, FIFO or socket); not scanned"))

    def _show(path: Path) -> str:
        rel = path.relative_to(root) if path != root else Path(".")
        return str(Path(shown_root) / rel) if str(rel) != "." else shown_root

    yield from walk(root)
