"""Finding and reading inputs: paths, folders (recursive, .gitignore), stdin; decoding; binary skip.

Fail closed: every path that cannot be read in full becomes a ScanError (exit 2), never a skip.
Binary files are the one deliberate skip, and they are counted in the summary.
"""
from __future__ import annotations

import errno
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
    """The bytes are binary: see `sniff_encoding`."""


# Byte-order marks -> (codec, bytes to skip). The utf-16/utf-32 codecs consume their own BOM.
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8", 3),
    (b"\xff\xfe\x00\x00", "utf-32", 0),
    (b"\x00\x00\xfe\xff", "utf-32", 0),
    (b"\xff\xfe", "utf-16", 0),
    (b"\xfe\xff", "utf-16", 0),
)
# C0 controls that plain text does carry (tab, newline, CR, form feed, vertical tab, backspace, escape).
_TEXT_CONTROLS = frozenset("\t\n\r\f\v\b\x1b")
MAX_CONTROL_SHARE = 0.05  # more NUL/control characters than this in the sniff window: binary


def sniff_encoding(head: bytes) -> tuple[str, int]:
    """(codec, BOM bytes to skip) for a file that starts with `head`; NotText if it is binary.

    Fail closed: a NUL byte alone does not make a file binary (a CSV export with one stray NUL,
    a log with NUL padding still holds text a gate must read). Binary means: no BOM, not UTF-16
    without a BOM (what `bcp -w` and .NET write), and the sniff window is not valid UTF-8 text
    with at most a few control characters.
    """
    for bom, codec, skip in _BOMS:
        if head.startswith(bom):
            return codec, skip
    sample = head[:BINARY_SNIFF]
    if b"\x00" not in sample:
        return "utf-8", 0
    codec = _utf16_without_bom(sample)
    if codec:
        return codec, 0
    if _text_with_nuls(sample):
        return "utf-8", 0
    raise NotText()


def _mostly_text(chars: str) -> bool:
    if not chars:
        return False
    bad = sum(1 for c in chars if not (c.isprintable() or c.isspace() or c in _TEXT_CONTROLS))
    return bad <= MAX_CONTROL_SHARE * len(chars)


def _strict_prefix(sample: bytes, codec: str) -> str | None:
    """`sample` decoded strictly, forgiving only a character cut off at the end of the window."""
    try:
        return sample.decode(codec)
    except UnicodeDecodeError as e:
        if e.start >= len(sample) - 4 and e.end >= len(sample) - 1:
            try:
                return sample[:e.start].decode(codec)
            except UnicodeDecodeError:
                return None
        return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 text of mostly Latin characters has NUL in every other byte, on one side only."""
    n = len(sample) // 2
    if n < 2:
        return None
    even_nul = sample[0:2 * n:2].count(0)
    odd_nul = sample[1:2 * n:2].count(0)
    for codec, zeros, other in (("utf-16-le", odd_nul, even_nul), ("utf-16-be", even_nul, odd_nul)):
        if zeros >= 0.5 * n and other <= MAX_CONTROL_SHARE * n:
            text = _strict_prefix(sample[:2 * n], codec)
            if text is not None and _mostly_text(text):
                return codec
    return None


def _text_with_nuls(sample: bytes) -> bool:
    text = _strict_prefix(sample, "utf-8")
    return text is not None and _mostly_text(text)


def decode(data: bytes) -> Decoded:
    """UTF-8 (with or without BOM), UTF-16/32 with BOM, UTF-16 without; undecodable bytes are
    replaced, not fatal. NotText for binary (see `sniff_encoding`)."""
    codec, skip = sniff_encoding(data[:BINARY_SNIFF])
    return _decode_with(data[skip:], codec)


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
        except OSError:
            errors.append(ScanError(raw, _not_a_file(p)))
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk_dir(p, raw, rules, errors)
        elif stat.S_ISREG(st.st_mode):
            if not rules.excluded(p, raw):
                yield Input(raw, p)
        else:
            errors.append(ScanError(raw, _not_a_file(p)))


def _not_a_file(path: Path) -> str:
    """Why `path` (not a folder) cannot be scanned as a file: one line, never file content."""
    try:
        st = path.stat()
    except OSError as e:
        if e.errno == errno.ELOOP:
            return "symbolic link loop; not scanned"
        if e.errno in (errno.ENOENT, errno.ENOTDIR):
            return "dangling symbolic link" if path.is_symlink() else "no such file or directory"
        return f"cannot access: {e.strerror or e.__class__.__name__}; not scanned"
    kind = ("FIFO" if stat.S_ISFIFO(st.st_mode) else "socket" if stat.S_ISSOCK(st.st_mode)
            else "device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else "special file")
    return f"not a regular file ({kind}); not scanned"


def _walk_dir(root: Path, shown_root: str, rules: IgnoreRules, errors: list[ScanError]) -> Iterator[Input]:
    """Real folders and files first (sorted); symbolic links are followed after the whole tree, so
    what is reachable both ways is scanned once, under its real path. A link to a folder above
    it is a loop: reported, not followed."""
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[tuple[int, int]] = set()
    deferred: list[tuple[Path, tuple[tuple[int, int], ...], bool]] = []  # (link, its folder's ancestors, is_dir)

    def visit_dir(folder: Path, ancestors: tuple[tuple[int, int], ...]) -> Iterator[Input]:
        try:
            st = folder.stat()
        except OSError as e:
            errors.append(ScanError(_show(folder), f"cannot access: {e.strerror or e.__class__.__name__}"))
            return
        key = (st.st_dev, st.st_ino)
        if key in ancestors:
            # A link back up the tree: an endless path. Its content is scanned once already, but
            # a tree that loops is reported (exit 2) rather than silently cut.
            errors.append(ScanError(_show(folder), "symbolic link loop (links to a folder above it); not followed"))
            return
        if key in seen_dirs:
            return  # the same folder reached by a second path: scanned once, under its first path
        seen_dirs.add(key)
        ancestors = ancestors + (key,)
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
                is_link = entry.is_symlink()
            except OSError:
                is_dir = is_file = is_link = False
            if is_dir:
                if entry.name in SKIP_DIRS or rules.excluded(path, shown) or rules.ignored(root, path, True):
                    continue
                if is_link:
                    deferred.append((path, ancestors, True))
                else:
                    yield from visit_dir(path, ancestors)
                continue
            if entry.name == ".gitignore" or rules.excluded(path, shown) or rules.ignored(root, path, False):
                continue
            if is_file:
                if is_link:
                    deferred.append((path, ancestors, False))
                else:
                    yield from visit_file(path)
            else:
                errors.append(ScanError(shown, _not_a_file(path)))

    def visit_file(path: Path) -> Iterator[Input]:
        try:
            st = path.stat()
        except OSError:
            pass  # vanished or unreadable: the reader reports it
        else:
            key = (st.st_dev, st.st_ino)
            if key in seen_files:
                return
            seen_files.add(key)
        yield Input(_show(path), path)

    def _show(path: Path) -> str:
        rel = path.relative_to(root) if path != root else Path(".")
        return str(Path(shown_root) / rel) if str(rel) != "." else shown_root

    yield from visit_dir(root, ())
    while deferred:
        link, ancestors, is_dir = deferred.pop(0)
        if is_dir:
            yield from visit_dir(link, ancestors)
        else:
            yield from visit_file(link)
