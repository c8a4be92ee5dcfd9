"""The `doxguard` command: a thin typer layer over the library. Maps outcomes to exit codes.

0 = scanned in full, nothing at or above --fail-on; 1 = a finding at or above it; 2 = the scan
could not be done in full (usage, unreadable path, bad roster or config). Bad input gets one
line per problem on stderr, never a traceback.
"""
from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from .model import ScanResult, Severity

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Scan documents for the private information of protected persons.")
roster_app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                         help="Validate or hash a roster of protected persons.")
app.add_typer(roster_app, name="roster")


class Format(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    sarif = "sarif"


class Level(str, Enum):
    critical = "critical"
    high = "high"
    medium = "medium"
    low = "low"
    info = "info"


class Fatal(Exception):
    """A problem that stops the command: printed as one line, exit 2."""

    def __init__(self, lines: list[str] | str):
        self.lines = [lines] if isinstance(lines, str) else lines
        super().__init__("; ".join(self.lines))


def _err(line: str) -> None:
    sys.stderr.write(f"doxguard: {line}\n")


def _build_scanner(roster_paths: list[str], config_path: Optional[str], reveal: bool,
                   region: Optional[str] = None, allow: Optional[list[str]] = None,
                   roster_key_file: Optional[str] = None):
    """Config + roster -> (Scanner, Config). Raises Fatal with one line per problem."""
    from .config import ConfigError, check_region, load_config
    from .engine import ScanOptions, Scanner
    from .known import RosterKeyError, read_key
    from .roster import Roster, RosterError, load_rosters

    try:
        cfg = load_config(config_path)
    except ConfigError as e:
        raise Fatal(str(e)) from None
    if region:
        try:
            region = check_region(region)
        except ValueError as e:
            raise Fatal(f"--region: {e}") from None
    paths = list(roster_paths) or cfg.roster
    roster = Roster()
    if paths:
        try:
            roster = load_rosters(paths)
        except RosterError as e:
            named_in = f" (roster named in {cfg.path})" if not roster_paths and cfg.path else ""
            raise Fatal([f"{x}{named_in}" for x in e.errors]) from None
    try:
        key = read_key(roster_key_file)
    except (OSError, RosterKeyError) as e:
        raise Fatal(f"cannot read roster key: {e}") from None
    opts = ScanOptions(region=region or cfg.region or "US", kinds=cfg.kinds,
                       allow=[*cfg.allow, *(allow or [])], reveal=reveal, roster_key=key)
    if cfg.link_window:
        opts.link_window = cfg.link_window
    try:
        return Scanner(roster, opts), cfg
    except RosterKeyError as e:
        raise Fatal(str(e)) from None


def _stdin_is_piped() -> bool:
    try:
        return not sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def _console(output: Optional[Path], no_color: bool):
    from rich.console import Console

    if output is not None:
        fh = open(output, "w", encoding="utf-8")
        return Console(file=fh, no_color=True, force_terminal=False, width=200, highlight=False), fh
    color = not no_color and not os.environ.get("NO_COLOR")
    return Console(no_color=not color, highlight=False, soft_wrap=True), None


@app.command()
def scan(
    paths: List[str] = typer.Argument(None, help="Files or folders; '-' (or nothing, with piped input) reads stdin."),
    roster: List[str] = typer.Option([], "--roster", "-r", help="Roster CSV/JSON (repeatable; also from config)."),
    fmt: Format = typer.Option(Format.text, "--format", "-f", help="Output format."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report to FILE."),
    fail_on: Optional[Level] = typer.Option(None, "--fail-on", help="Exit 1 if a finding is at or above this severity [default: high]."),
    reveal: bool = typer.Option(False, "--reveal", help="Print values unmasked (the output then holds the PII)."),
    baseline: Optional[str] = typer.Option(None, "--baseline", help="Ignore findings whose fingerprint is in this baseline."),
    write_baseline: Optional[str] = typer.Option(None, "--write-baseline", help="Write the findings' fingerprints to FILE."),
    exclude: List[str] = typer.Option([], "--exclude", help="Glob of paths to skip (repeatable)."),
    config: Optional[str] = typer.Option(None, "--config", help="Config file (default: nearest .doxguard.toml or pyproject.toml)."),
    allow: List[str] = typer.Option([], "--allow", help="A public value that never reports (repeatable)."),
    region: Optional[str] = typer.Option(None, "--region", help="Default phone region (default US)."),
    roster_key_file: Optional[str] = typer.Option(None, "--roster-key-file", help="Key for a hashed roster (or DOXGUARD_ROSTER_KEY)."),
    no_color: bool = typer.Option(False, "--no-color", help="No colour (also NO_COLOR, and always in pipes)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Text output: print nothing but errors (the exit code is the answer)."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="Worker processes (default: CPU count)."),
    context: int = typer.Option(0, "--context", "-C", min=0, help="Lines of context around each finding in text output."),
    min_severity: Level = typer.Option(Level.info, "--min-severity", help="Report only findings at or above this severity."),
    allow_image_pdfs: bool = typer.Option(False, "--allow-image-pdfs", help="A PDF page without a text layer is a warning, not an error."),
) -> None:
    """Scan files, folders or stdin and exit 0 (clean), 1 (findings) or 2 (could not scan in full)."""
    try:
        code = _scan(paths or [], roster, fmt, output, fail_on, reveal, baseline, write_baseline, exclude,
                     config, allow, region, roster_key_file, no_color, quiet, jobs, context, min_severity,
                     allow_image_pdfs)
    except Fatal as e:
        for line in e.lines:
            _err(line)
        code = EXIT_ERROR
    raise typer.Exit(code)


def _scan(paths, roster, fmt, output, fail_on, reveal, baseline, write_baseline, exclude, config, allow,
          region, roster_key_file, no_color, quiet, jobs, context, min_severity, allow_image_pdfs) -> int:
    from .report.progress import make_progress
    from .runner import run_scan
    from .suppress import BaselineError, load_baseline, write_baseline as write_baseline_file

    scanner, cfg = _build_scanner(roster, config, reveal, region, allow, roster_key_file)
    threshold = Severity(fail_on.value if fail_on else (cfg.fail_on or "high"))
    if not paths:
        if not _stdin_is_piped():
            raise Fatal("nothing to scan: give PATHs, or '-' / a pipe for stdin (see doxguard scan --help)")
        paths = ["-"]
    base_fps: set[str] | None = None
    if baseline:
        try:
            base_fps = load_baseline(baseline, scanner.fp_key)
        except BaselineError as e:
            raise Fatal(str(e)) from None
    scanner.options.context = context
    scanner.options.render_lines = fmt == Format.text
    progress = make_progress(stream=sys.stderr, enabled=not quiet)  # no-op unless a terminal and a long scan
    try:
        result = run_scan(scanner, paths, [*cfg.exclude, *exclude], jobs=jobs, allow_image_pdfs=allow_image_pdfs,
                          on_file=lambda outcome: progress.advance(outcome.bytes))
    finally:
        progress.close()
    floor = Severity(min_severity.value)
    if floor > Severity.INFO:
        result.findings = [f for f in result.findings if f.severity >= floor]
    if write_baseline:
        # Every current finding, including those the old baseline silences: `--baseline B
        # --write-baseline B` refreshes B (new findings in, fixed ones out).
        try:
            write_baseline_file(write_baseline, result.findings, scanner.fp_key)
        except BaselineError as e:
            raise Fatal(str(e)) from None
    if base_fps is not None:
        result.findings = [f for f in result.findings if f.fingerprint not in base_fps]
    _report(result, fmt, output, no_color, quiet, threshold, scanner)
    if result.errors:
        for err in result.errors:
            _err(str(err))
        return EXIT_ERROR
    return EXIT_FINDINGS if any(f.severity >= threshold for f in result.findings) else EXIT_CLEAN


def _report(result: ScanResult, fmt: Format, output: Optional[Path], no_color: bool, quiet: bool,
            threshold: Severity, scanner) -> None:
    if fmt == Format.text:
        from .report.text import render_text

        try:
            console, fh = _console(output, no_color)
        except OSError as e:
            raise Fatal(f"{output}: cannot write output: {e.strerror}") from None
        render_text(result, console, fail_on=threshold, quiet=quiet)
        if fh:
            fh.close()
        return
    if fmt in (Format.json, Format.jsonl):
        from .report.json import write_json, write_jsonl

        write = write_json if fmt == Format.json else write_jsonl
    else:
        from .report.sarif import render_sarif

        def write(res, out):
            out.write(render_sarif(res))
    if output is None:
        write(result, sys.stdout)
        return
    try:
        with open(output, "w", encoding="utf-8") as out:
            write(result, out)
    except OSError as e:
        raise Fatal(f"{output}: cannot write output: {e.strerror}") from None


class Style(str, Enum):
    label = "label"
    mask = "mask"


@app.command()
def redact(
    path: str = typer.Argument("-", help="File to redact, or '-' for stdin."),
    roster: List[str] = typer.Option([], "--roster", "-r", help="Roster CSV/JSON (repeatable; also from config)."),
    config: Optional[str] = typer.Option(None, "--config", help="Config file (default: nearest .doxguard.toml or pyproject.toml)."),
    threshold: Level = typer.Option(Level.info, "--min-severity", "--threshold",
                                    help="Redact findings at or above this severity (default: every finding; "
                                         "'medium' keeps names)."),
    style: Style = typer.Option(Style.label, "--style", help="label: [REDACTED:kind]; mask: as many █ as characters."),
    in_place: bool = typer.Option(False, "--in-place", "-i", help="Rewrite FILE instead of printing to stdout."),
    backup_suffix: Optional[str] = typer.Option(
        None, "--backup-suffix", help="With --in-place, keep the original as FILE+SUFFIX (e.g. .orig). "
                                      "Off by default: the backup holds the values you redacted."),
    roster_key_file: Optional[str] = typer.Option(None, "--roster-key-file", help="Key for a hashed roster (or DOXGUARD_ROSTER_KEY)."),
) -> None:
    """Print the text with every finding replaced (e.g. [REDACTED:ssn]); bytes elsewhere unchanged."""
    from .redact import NotText, redact_bytes

    try:
        if in_place and path == "-":
            raise Fatal("--in-place needs a FILE, not stdin")
        if backup_suffix is not None and not in_place:
            raise Fatal("--backup-suffix only works with --in-place")
        if backup_suffix is not None and (not backup_suffix or "/" in backup_suffix):
            raise Fatal(f"--backup-suffix must be a non-empty file-name suffix like .orig, not {backup_suffix!r}")
        scanner, _ = _build_scanner(roster, config, reveal=True, roster_key_file=roster_key_file)
        try:
            data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
        except OSError as e:
            raise Fatal(f"{path}: cannot read: {e.strerror or e.__class__.__name__}") from None
        _refuse_binary_document(path, data)
        try:
            out, count = redact_bytes(data, lambda text: scanner.scan_text(text, path=path),
                                      Severity(threshold.value), style.value)
        except NotText:
            raise Fatal(f"{path}: binary file; nothing redacted") from None
        if not in_place:
            sys.stdout.buffer.write(out)
            sys.stdout.flush()
            return
        if count:
            _replace_file(Path(path), out, backup_suffix)
        sys.stderr.write(f"{path}: redacted {count} finding(s)"
                         + (f"; original kept as {path}{backup_suffix}" if count and backup_suffix else "") + "\n")
    except Fatal as e:
        for line in e.lines:
            _err(line)
        raise typer.Exit(EXIT_ERROR)


def _refuse_binary_document(path: str, data: bytes) -> None:
    """redact rewrites text; a PDF/DOCX/XLSX would be corrupted and its real text left alone."""
    from .extract import ExtractError, detect_format

    try:
        fmt = detect_format(path, data)
    except ExtractError as e:
        raise Fatal(f"{path}: {e}; nothing redacted") from None
    if fmt in ("pdf", "docx", "xlsx"):
        raise Fatal(f"{path}: {fmt.upper()} document: redact works on text; redact the source document "
                    "(doxguard scan shows where)")


def _replace_file(target: Path, data: bytes, backup_suffix: Optional[str]) -> None:
    """Write `data` over `target` atomically (temp file + rename), keeping its mode."""
    import shutil
    import tempfile

    try:
        if backup_suffix:
            shutil.copy2(target, target.with_name(target.name + backup_suffix))
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".doxguard", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            shutil.copymode(target, tmp)
            os.replace(tmp, target)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError as e:
        raise Fatal(f"{target}: cannot write: {e.strerror or e.__class__.__name__}") from None


@roster_app.command("check")
def roster_check(roster: str = typer.Argument(..., help="Roster CSV or JSON.")) -> None:
    """Validate a roster and print counts; exit 2 with line numbers on errors."""
    from .roster import RosterError, load_roster

    try:
        r = load_roster(roster, check_values=True)
    except RosterError as e:
        for err in e.errors:
            _err(str(err))
        raise typer.Exit(EXIT_ERROR)
    c = r.counts()
    print(f"{roster}: ok")
    print(f"  persons:        {c['persons']}")
    print(f"  protected:      {c['protected']}")
    print(f"  family members: {c['family_members']}")
    print(f"  aliases:        {c['aliases']}")
    kv = ", ".join(f"{k} {v}" for k, v in c["known_values"].items()) or "none"
    print(f"  known values:   {kv}")
    if r.hashed:
        print("  values are hashed (scan needs DOXGUARD_ROSTER_KEY or --roster-key-file)")
    for w in r.warnings:
        print(f"  warning: {w}")


@roster_app.command("hash")
def roster_hash(
    roster: str = typer.Argument(..., help="Plaintext roster CSV or JSON."),
    out: Path = typer.Option(..., "--output", "-o", help="Where to write the hashed roster (CSV)."),
    key_file: Optional[str] = typer.Option(None, "--key-file", help="Key file (default: DOXGUARD_ROSTER_KEY)."),
) -> None:
    """Write a roster whose private values are keyed hashes (names stay plain)."""
    from .hashing import HashError, hash_roster_file

    try:
        n = hash_roster_file(roster, out, key_file)
    except HashError as e:
        for line in e.lines:
            _err(line)
        raise typer.Exit(EXIT_ERROR)
    print(f"{out}: wrote {n} hashed value(s)")


@app.command()
def rules() -> None:
    """List the detectors, their kinds and default severities."""
    from .detectors import registry

    print(f"{'rule':14} {'kind':14} {'severity':9} description")
    print(f"{'name':14} {'name':14} {'low':9} roster person's name or alias (automaton; titles, order, folding)")
    for rule, cls in registry().items():
        print(f"{rule:14} {cls.kind.value:14} {cls.default_severity.value:9} {cls.description}")


def main() -> None:
    """Entry point: usage errors become one `doxguard: ...` line (exit 2), never a box or a traceback."""
    from typer._click import exceptions as click_exc  # typer vendors click

    try:
        rv = app(standalone_mode=False)
    except click_exc.NoArgsIsHelpError as e:
        sys.stdout.write(e.format_message() + "\n")
        sys.exit(EXIT_ERROR)
    except click_exc.UsageError as e:
        where = e.ctx.command_path if e.ctx else "doxguard"
        _err(f"{e.format_message()} (see '{where} --help')")
        sys.exit(EXIT_ERROR)
    except click_exc.ClickException as e:
        _err(e.format_message())
        sys.exit(EXIT_ERROR)
    except (getattr(click_exc, "Abort", KeyboardInterrupt), KeyboardInterrupt):
        _err("interrupted")
        sys.exit(EXIT_ERROR)
    except BrokenPipeError:
        sys.exit(EXIT_ERROR)
    sys.exit(rv if isinstance(rv, int) else 0)
