"""Human output: findings grouped by file with the line highlighted, then a summary table."""
from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..model import SEVERITIES_DESC, ScanResult, Severity

SEVERITY_STYLE = {
    Severity.CRITICAL: "bold white on red",
    Severity.HIGH: "bold red",
    Severity.MEDIUM: "yellow",
    Severity.LOW: "cyan",
    Severity.INFO: "dim",
}


def render_text(result: ScanResult, console: Console, min_severity: Severity = Severity.INFO,
                fail_on: Severity = Severity.HIGH, quiet: bool = False) -> None:
    shown = [f for f in result.findings if f.severity >= min_severity]
    if not quiet:
        current = None
        for f in shown:
            if f.path != current:
                current = f.path
                console.print()
                console.print(Text(f.path, style="bold underline"))
            head = Text()
            head.append(f"{f.path}:{f.line}:{f.column}", style="bold")
            head.append("  ")
            head.append(f"{f.severity.value.upper():8}", style=SEVERITY_STYLE[f.severity])
            head.append(f" {f.kind.value}")
            if f.person is not None:
                head.append(f"  {f.person.id} {f.person.name}", style="magenta")
                if f.family_of is not None:
                    head.append(f" (family of {f.family_of.id})", style="magenta")
            if f.known_value:
                head.append("  [known value]", style="bold")
            if f.location:
                head.append("  " + " ".join(f"{k}={v}" for k, v in f.location.items()), style="dim")
            console.print(head, soft_wrap=True)
            before = [c for c in f.context_lines if c[0] < f.line]
            after = [c for c in f.context_lines if c[0] > f.line]
            for n, ctx_line in before:
                console.print(Text(f"  {n:>4}| {ctx_line}", style="dim"), soft_wrap=True)
            line = Text("    " if not f.context_lines else f"  {f.line:>4}> ")
            s, e = f.line_span
            line.append(f.line_text[:s])
            line.append(f.line_text[s:e], style="reverse " + SEVERITY_STYLE[f.severity])
            line.append(f.line_text[e:])
            console.print(line, soft_wrap=True)
            for n, ctx_line in after:
                console.print(Text(f"  {n:>4}| {ctx_line}", style="dim"), soft_wrap=True)
            console.print(Text(f"    why: {f.reason}", style="dim"), soft_wrap=True)
    # Errors themselves go to stderr (the CLI prints them); the summary counts them.
    if quiet:
        return
    console.print()
    table = Table(title="doxguard summary", show_header=True, header_style="bold")
    table.add_column("files")
    table.add_column("bytes", justify="right")
    for sev in SEVERITIES_DESC:
        table.add_column(sev.value, justify="right")
    table.add_column("errors", justify="right")
    table.add_column("seconds", justify="right")
    counts = result.by_severity()
    files = f"{result.files}" + (f" ({result.skipped_binary} binary skipped)" if result.skipped_binary else "")
    table.add_row(files, f"{result.bytes:,}", *[str(counts.get(s.value, 0)) for s in SEVERITIES_DESC],
                  str(len(result.errors)), f"{result.seconds:.2f}")
    console.print(table)
    failing = sum(1 for f in result.findings if f.severity >= fail_on)
    if result.errors:
        console.print(Text(f"FAILED: {len(result.errors)} path(s) could not be scanned in full", style="bold red"))
    if failing:
        console.print(Text(f"FAILED: {failing} finding(s) at or above {fail_on.value}", style="bold red"))
    elif not result.errors:
        console.print(Text(f"clean: no finding at or above {fail_on.value}", style="bold green"))
