"""The `nianbao` command: the same functions as the library, for people and scripts.

Exit codes: 0 every input processed (findings are not errors); 1 an input failed;
2 the command was misused; 130 interrupted (everything finished so far is saved).
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from . import __version__
from .load import DEFAULT_MAX_BYTES
from .pipeline import expand_inputs, process_path
from .report import Report
from .rules import RULES

app = typer.Typer(
    help=(
        "nianbao (年报): read government information-disclosure annual reports "
        "(政府信息公开工作年度报告), extract every section and table cell with its place in the "
        "source, check the arithmetic and the prose, and store it all in SQLite for review.\n\n"
        "Typical use:  nianbao extract reports/ --db nianbao.db"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)

DbOption = Annotated[
    Optional[Path],
    typer.Option("--db", help="SQLite database to write (env NIANBAO_DB). Default nianbao.db, or none with --json."),
]
MaxBytes = Annotated[int, typer.Option("--max-bytes", help="Refuse inputs larger than this many bytes.")]


def _version(value: bool) -> None:
    if value:
        out.print(f"nianbao {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")] = False,
) -> None:
    pass


def _line(span_start: int | None, text: str) -> str:
    return "" if span_start is None else f"line {text.count(chr(10), 0, span_start) + 1}"


def _fail_line(report: Report) -> None:
    err.print(f"[red]failed[/red] {report.source}: {report.error}", markup=True)


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders (searched recursively for .txt/.md) or glob patterns.")],
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object per report (JSON Lines) on stdout.")] = False,
    with_text: Annotated[bool, typer.Option("--with-text", help="With --json: include the normalized text the spans point into.")] = False,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")] = False,
) -> None:
    """Extract and check reports, store them in the database (and/or print JSON Lines).

    Every input ends stored: as a report, or as a failure with its reason. Re-running the
    same files replaces them (keyed on their sha256) and keeps every verdict a person gave.

    Examples:
      nianbao extract reports/ --db nianbao.db
      nianbao extract a.txt b.md --json > out.jsonl
    """
    from .store import Store

    db_path = db or (Path(os.environ["NIANBAO_DB"]) if os.environ.get("NIANBAO_DB") else None)
    if db_path is None and not as_json:
        db_path = Path("nianbao.db")
    items = list(expand_inputs(inputs))
    if not items:
        err.print("nianbao: no input files found (give files, folders or glob patterns)")
        raise typer.Exit(2)
    store = Store(db_path) if db_path else None
    run_id = store.start_run(sys.argv) if store else None
    stats: Counter[str] = Counter()
    stage_seconds: Counter[str] = Counter()
    started = time.perf_counter()
    status = "interrupted"
    progress = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=err, disable=quiet or len(items) < 2, transient=True,
    )
    try:
        with progress:
            task = progress.add_task("extracting", total=len(items))
            for path, problem in items:
                report = (
                    Report(source=str(path), sha256=_missing_sha(path), status="failed", error=problem)
                    if problem else process_path(path, max_bytes)
                )
                if store:
                    store.save(report, run_id)
                if as_json:
                    out.file.write(json.dumps(report.to_json(with_text), ensure_ascii=False) + "\n")
                stats["ok" if report.status == "ok" else "failed"] += 1
                stats.update(f.severity for f in report.findings)
                stage_seconds.update(report.timings)
                if report.status != "ok":
                    progress.console.print(f"failed {report.source}: {report.error}", markup=False, highlight=False)
                progress.advance(task)
        status = "done"
    except KeyboardInterrupt:
        err.print("interrupted: every report finished so far is saved; re-run to continue")
    finally:
        seconds = time.perf_counter() - started
        if store and run_id is not None:
            store.finish_run(run_id, status, {
                "n_inputs": len(items), "n_ok": stats["ok"], "n_failed": stats["failed"],
                "n_errors": stats["error"], "n_warnings": stats["warning"], "n_info": stats["info"],
                "seconds": round(seconds, 3), "timings": json.dumps({k: round(v, 4) for k, v in stage_seconds.items()}),
            })
            store.close()
    if not quiet:
        done = stats["ok"] + stats["failed"]
        where = f"; saved to {db_path} (run {run_id})" if store else ""
        err.print(
            f"{done} report(s): {stats['ok']} ok, {stats['failed']} failed; findings: "
            f"{stats['error']} error, {stats['warning']} warning, {stats['info']} info{where}; "
            f"{seconds:.2f} s ({done / seconds if seconds else 0:.0f} reports/s)"
        )
    if status == "interrupted":
        raise typer.Exit(130)
    raise typer.Exit(1 if stats["failed"] else 0)


def _missing_sha(path: Path) -> str:
    import hashlib

    return hashlib.sha256(b"missing:" + str(path).encode()).hexdigest()


@app.command()
def check(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders or glob patterns.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the full JSON result per report.")] = False,
    fail_on: Annotated[str, typer.Option("--fail-on", help="Exit 1 also when a finding of this severity or worse is found: error, warning, never.")] = "never",
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
) -> None:
    """Extract and check reports and print the findings; nothing is stored.

    Each finding shows its rule, the fields involved, the message for the reviewer and the
    line in the normalized text where it points.
    """
    if fail_on not in ("error", "warning", "never"):
        err.print("nianbao: --fail-on takes error, warning or never")
        raise typer.Exit(2)
    worst = {"error": {"error"}, "warning": {"error", "warning"}, "never": set()}[fail_on]
    items = list(expand_inputs(inputs))
    if not items:
        err.print("nianbao: no input files found")
        raise typer.Exit(2)
    failed = flagged = 0
    for path, problem in items:
        report = Report(str(path), _missing_sha(path), status="failed", error=problem) if problem else process_path(path, max_bytes)
        failed += report.status != "ok"
        flagged += any(f.severity in worst for f in report.findings)
        if as_json:
            out.file.write(json.dumps(report.to_json(), ensure_ascii=False) + "\n")
            continue
        if report.status != "ok":
            _fail_line(report)
        head = f"{report.source}: {report.organ or '?'} {report.year or '?'}"
        out.print(f"{head} — {len(report.findings)} finding(s)", markup=False)
        for f in report.findings:
            where = _line(f.start, report.text)
            out.print(f"  [{f.severity}] {f.rule} {where}: {f.message}", markup=False)
    raise typer.Exit(1 if failed or flagged else 0)


@app.command("rules")
def list_rules(as_json: Annotated[bool, typer.Option("--json", help="Print the rules as a JSON list.")] = False) -> None:
    """List every rule: id, severity, what it checks, and its basis."""
    rows = [{"id": r.id, "severity": r.severity, "description": r.description, "basis": r.basis} for r in RULES.values()]
    if as_json:
        out.file.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    width = max(len(r["id"]) for r in rows)
    for row in rows:
        out.print(f"{row['id']:<{width}}  {row['severity']:<7}  {row['description']}  [{row['basis']}]", markup=False)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
