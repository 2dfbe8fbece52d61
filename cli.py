"""The `nianbao` command: the same functions as the library, for people and scripts.

Exit codes: 0 every input processed (findings are not errors); 1 an input failed;
2 the command was misused; 3 the model provider kept failing, so some reports were not
asked (each is listed; the built-in reader's results are stored); 130 interrupted
(everything finished so far is saved).

Logging: NIANBAO_LOG=info (or debug, warning) prints the log on stderr, keys masked:
every model retry with its reason, and instructor's and openai's own messages.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.text import Text

from . import __version__
from .batch import DEFAULT_FILE_TIMEOUT, BatchOptions, read_all, run_batch
from .load import DEFAULT_MAX_BYTES
from .extract.llm.breaker import not_asked as was_not_asked
from .pipeline import count_inputs, expand_inputs
from .report import Report
from .rules import RULES
from .store.rows import ReportRows

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
# Paths and report texts are printed literally: no rich markup ("[/x]" in a path once crashed
# `check`), no :emoji: codes, no highlighting. Colour, where wanted, is given as a style.
err = Console(stderr=True, highlight=False, soft_wrap=True, markup=False, emoji=False)
out = Console(highlight=False, soft_wrap=True, markup=False, emoji=False)

# Every command takes the database the same way: --db, else NIANBAO_DB, else nianbao.db.
DbOption = Annotated[
    Optional[Path],
    typer.Option("--db", envvar="NIANBAO_DB", show_envvar=False,
                 help="The SQLite database (env NIANBAO_DB; default nianbao.db; extract --json: none unless given)."),
]
DEFAULT_DB = Path("nianbao.db")
MaxBytes = Annotated[int, typer.Option("--max-bytes", help="Refuse inputs larger than this many bytes.")]
LlmPolicy = Annotated[
    Optional[str],
    typer.Option("--llm", help="never | auto (only what the built-in reader could not read) | always (both, cross-checked). "
                 "Default: auto when an endpoint is configured (OPENAI_API_KEY / OPENAI_BASE_URL), else never. Env NIANBAO_LLM."),
]
ModelOpt = Annotated[Optional[str], typer.Option("--model", help="Model name (env NIANBAO_MODEL), e.g. deepseek-chat, qwen-plus, gpt-4o-mini.")]
BaseUrlOpt = Annotated[Optional[str], typer.Option("--base-url", help="OpenAI-compatible endpoint (env OPENAI_BASE_URL).")]
ModeOpt = Annotated[Optional[str], typer.Option("--instructor-mode", help="TOOLS | JSON | JSON_SCHEMA | MD_JSON; default chosen per provider (env NIANBAO_INSTRUCTOR_MODE).")]
TimeoutOpt = Annotated[Optional[float], typer.Option("--timeout", help="Seconds per HTTP attempt (env NIANBAO_TIMEOUT, default 60).")]
ConcurrencyOpt = Annotated[Optional[int], typer.Option("--llm-concurrency", "--concurrency", help="Reports waiting on the model at once (env NIANBAO_CONCURRENCY, default 4).")]
JobsOpt = Annotated[Optional[int], typer.Option("--jobs", "-j", help="Worker processes that read and check (default: the machine's cores). Results and their order do not depend on it.")]
FileTimeoutOpt = Annotated[float, typer.Option("--file-timeout", help="Seconds one file may take to read; past it the file is stored as failed and the batch goes on.")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Ask the model again even when the database holds its answer.")]


def _llm_setup(policy: str | None, model: str | None, base_url: str | None, mode: str | None,
               timeout: float | None, concurrency: int | None, no_cache: bool, db_path: Path | None):
    """(LLMExtractor or None, concurrency, cache to close) from flags and the environment."""
    from .extract.llm.config import LLMConfig

    try:
        config = LLMConfig.from_env(model=model, base_url=base_url, mode=mode.upper() if mode else None,
                                    timeout=timeout, concurrency=concurrency, use_cache=not no_cache)
    except ValueError as exc:
        err.print(f"nianbao: {exc}")
        raise typer.Exit(2) from None
    policy = policy or os.environ.get("NIANBAO_LLM") or ("auto" if config.configured else "never")
    if policy not in ("never", "auto", "always"):
        err.print("nianbao: --llm takes never, auto or always")
        raise typer.Exit(2)
    _configure_logging(config.api_key)
    if policy == "never":
        return None, 1, None
    if not config.configured:
        err.print("nianbao: --llm needs an endpoint: set OPENAI_API_KEY (and OPENAI_BASE_URL for another provider), or --base-url")
        raise typer.Exit(2)
    from .extract.llm.cache import LLMCache
    from .extract.llm.client import Asker
    from .extract.llm.extractor import LLMExtractor

    cache = LLMCache(str(db_path)) if db_path and config.use_cache else None
    return LLMExtractor(Asker(config, cache), policy), max(1, config.concurrency), cache


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever sys.stderr is at the time (a test runner swaps it)."""

    @property
    def stream(self):  # type: ignore[override]
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:
        pass


_log_handler: _StderrHandler | None = None
_root_level = logging.WARNING


def _configure_logging(api_key: str | None) -> None:
    """Quiet by default; NIANBAO_LOG=<level> shows the log (model retries, instructor, openai) with keys masked."""
    global _log_handler, _root_level
    from .extract.llm.redact import RedactingFilter

    root = logging.getLogger()
    if _log_handler is not None:  # an earlier command in this process installed one
        root.removeHandler(_log_handler)
        root.setLevel(_root_level)
        _log_handler = None
    level = os.environ.get("NIANBAO_LOG")
    if not level:
        return
    _log_handler = _StderrHandler()
    _log_handler.addFilter(RedactingFilter(api_key))
    _log_handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    _log_handler.setLevel(level.upper())
    root.addHandler(_log_handler)
    _root_level = root.level
    root.setLevel(min(root.level or logging.WARNING, _log_handler.level))


def _report_breaker(extractor, not_asked: list[str]) -> bool:
    """After a batch: say when the model was no longer asked, and for which reports. True if it tripped."""
    breaker = extractor.asker.breaker if extractor is not None else None
    if breaker is None or not breaker.tripped:
        return False
    err.print(f"nianbao: stopped asking the model after {breaker.tripped}", markup=False)
    err.print(f"{len(not_asked)} report(s) not asked (the built-in reader's results are stored):", markup=False)
    for source in not_asked:
        err.print(f"  {source}", markup=False)
    return True


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


def _program() -> str:
    """How the user called nianbao (`.venv/bin/nianbao` when not activated), so the next command they are told works as typed."""
    called = sys.argv[0] if sys.argv else ""
    return called if Path(called).name == "nianbao" and os.sep in called else "nianbao"


def _quoted(path: Path) -> str:
    import shlex

    return shlex.quote(str(path))


def _fail_line(report: Report) -> None:
    err.print(Text.assemble(("failed", "red"), f" {report.source}: {report.error}"))


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders (searched recursively for .txt/.md) or glob patterns.")],
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object per report (JSON Lines) on stdout.")] = False,
    with_text: Annotated[bool, typer.Option("--with-text", help="With --json: include the normalized text the spans point into.")] = False,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")] = False,
    llm: LlmPolicy = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    instructor_mode: ModeOpt = None,
    timeout: TimeoutOpt = None,
    concurrency: ConcurrencyOpt = None,
    no_cache: NoCacheOpt = False,
    jobs: JobsOpt = None,
    file_timeout: FileTimeoutOpt = DEFAULT_FILE_TIMEOUT,
    force: Annotated[bool, typer.Option("--force", help="Read every file again, even one unchanged since it was stored.")] = False,
) -> None:
    """Extract and check reports, store them in the database (and/or print JSON Lines).

    Every input ends stored: as a report, or as a failure with its reason. Re-running the
    same files replaces them (keyed on their sha256) and keeps every verdict a person gave.

    Examples:
      nianbao extract reports/ --db nianbao.db
      nianbao extract a.txt b.md --json > out.jsonl
      nianbao extract reports/ --llm auto --model deepseek-chat   (with OPENAI_API_KEY, OPENAI_BASE_URL set)
    """
    db_path = db if db is not None or as_json else DEFAULT_DB
    total = count_inputs(inputs)  # walked twice (count, then read) rather than 100,000 paths held in memory
    if not total:
        err.print("nianbao: no input files found (give files, folders or glob patterns)")
        raise typer.Exit(2)
    store = _store_for_writing(db_path, create=True) if db_path else None
    extractor, workers, cache = _llm_setup(llm, model, base_url, instructor_mode, timeout, concurrency, no_cache, db_path)
    options = BatchOptions(max_bytes=max_bytes, file_timeout=file_timeout, llm=extractor, llm_concurrency=workers,
                           force=force or no_cache,  # asking the model again means reading again
                           json_lines=as_json, json_with_text=with_text)
    if jobs is not None:
        options.jobs = max(1, jobs)
    not_asked: list[str] = []
    progress = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=err, disable=quiet or total < 2, transient=True,
    )
    task = progress.add_task("extracting", total=total)

    def on_report(report: ReportRows) -> None:
        if report.json_line is not None:
            out.file.write(report.json_line + "\n")
        if report.status != "ok":
            progress.console.print(f"failed {report.source}: {report.error}", markup=False, highlight=False)
        if extractor is not None and report.llm_not_asked:
            not_asked.append(report.source)
        progress.advance(task)

    try:
        with progress:
            result = run_batch(expand_inputs(inputs), store, options, sys.argv, on_report, after=_after_batch,
                               on_skipped=lambda n: progress.advance(task, n), total=total)
    finally:
        if store:
            store.close()
        if cache:
            cache.close()
    stats, seconds, run_id, status = result.stats, result.seconds, result.run_id, result.status
    if status == "interrupted":
        err.print("interrupted: every report finished so far is saved; re-run to continue")
    elif status == "failed":
        err.print(f"nianbao: cannot write to {db_path}: {result.error}; every report saved before this one is kept")
    if not quiet:
        done = stats["ok"] + stats["failed"]
        where = f"; saved to {db_path} (run {run_id})" if store else ""
        err.print(
            f"{done} report(s): {stats['ok']} ok, {stats['failed']} failed; findings: "
            f"{stats['error']} error, {stats['warning']} warning, {stats['info']} info{where}; "
            + (f"model: {stats['llm_calls']} call(s), {stats['llm_cache_hits']} cache hit(s); " if extractor else "")
            + (f"{stats['skipped']} unchanged, not read again (--force reads them); " if stats["skipped"] else "")
            + f"{seconds:.2f} s ({done / seconds if seconds else 0:.0f} reports/s)"
        )
    tripped = _report_breaker(extractor, not_asked)
    if not quiet and store and status == "done":  # the last line: what to run next
        err.print(f"look at the results: {_program()} serve --db {_quoted(db_path)}   (then open http://127.0.0.1:8765/)", markup=False)
    if status == "interrupted":
        raise typer.Exit(130)
    if status == "failed":
        raise typer.Exit(1)
    if tripped:
        raise typer.Exit(3)
    raise typer.Exit(1 if stats["failed"] else 0)


@app.command()
def check(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders or glob patterns.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the full JSON result per report.")] = False,
    fail_on: Annotated[str, typer.Option("--fail-on", help="Exit 1 also when a finding of this severity or worse is found: error, warning, never.")] = "never",
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    llm: LlmPolicy = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    instructor_mode: ModeOpt = None,
    timeout: TimeoutOpt = None,
) -> None:
    """Extract and check reports and print the findings; nothing is stored.

    Each finding shows its rule, the fields involved, the message for the reviewer and the
    line in the normalized text where it points.
    """
    if fail_on not in ("error", "warning", "never"):
        err.print("nianbao: --fail-on takes error, warning or never")
        raise typer.Exit(2)
    worst = {"error": {"error"}, "warning": {"error", "warning"}, "never": set()}[fail_on]
    if not any(True for _ in expand_inputs(inputs)):
        err.print("nianbao: no input files found")
        raise typer.Exit(2)
    extractor, _, _ = _llm_setup(llm, model, base_url, instructor_mode, timeout, 1, True, None)
    failed = flagged = 0
    not_asked: list[str] = []
    for report in read_all(expand_inputs(inputs), BatchOptions(max_bytes=max_bytes, llm=extractor, llm_concurrency=1)):
        failed += report.status != "ok"
        if extractor is not None and was_not_asked(report):
            not_asked.append(report.source)
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
    if _report_breaker(extractor, not_asked):
        raise typer.Exit(3)
    raise typer.Exit(1 if failed or flagged else 0)


@app.command()
def stats(
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    per_report: Annotated[bool, typer.Option("--per-report", help="Also list the reports that cost the most tokens.")] = False,
    price_input: Annotated[Optional[float], typer.Option("--price-input", help="Price per million prompt tokens (env NIANBAO_PRICE_INPUT).")] = None,
    price_output: Annotated[Optional[float], typer.Option("--price-output", help="Price per million completion tokens (env NIANBAO_PRICE_OUTPUT).")] = None,
) -> None:
    """Model usage per run (and per report): calls, tokens, cache hits, estimated cost."""
    p_in = price_input if price_input is not None else float(os.environ.get("NIANBAO_PRICE_INPUT", 0))
    p_out = price_output if price_output is not None else float(os.environ.get("NIANBAO_PRICE_OUTPUT", 0))
    store = _open_store(db)
    usage = (
        "COUNT(DISTINCT c.report_id) AS reports, SUM(c.cache_hit = 0) AS calls, SUM(c.ok = 0) AS failed_attempts, "
        "SUM(c.cache_hit) AS cache_hits, COALESCE(SUM(c.prompt_tokens), 0) AS prompt_tokens, "
        "COALESCE(SUM(c.completion_tokens), 0) AS completion_tokens, ROUND(AVG(CASE WHEN c.cache_hit = 0 THEN c.latency_ms END)) AS mean_latency_ms"
    )
    runs = list(store.db.query(
        f"SELECT r.id AS run, r.started_at, r.status, r.n_inputs, {usage} FROM runs r "
        "LEFT JOIN llm_calls c ON c.run_id = r.id GROUP BY r.id ORDER BY r.id"
    ))
    reports = list(store.db.query(
        f"SELECT p.source, p.organ, {usage} FROM llm_calls c JOIN reports p ON p.id = c.report_id "
        "GROUP BY c.report_id ORDER BY prompt_tokens + completion_tokens DESC LIMIT 20"
    )) if per_report else []
    store.close()
    for row in runs + reports:
        row["cost"] = round((row["prompt_tokens"] * p_in + row["completion_tokens"] * p_out) / 1e6, 4)
    if as_json:
        out.file.write(json.dumps({"runs": runs, "reports": reports}, ensure_ascii=False, indent=2) + "\n")
        return
    out.print("run  started                    status       inputs  calls  failed  cache hits  prompt tok  completion tok  cost", markup=False)
    for r in runs:
        out.print(f"{r['run']:<4} {r['started_at']:<26} {r['status']:<12} {r['n_inputs'] or 0:>6} {r['calls'] or 0:>6} "
                  f"{r['failed_attempts'] or 0:>7} {r['cache_hits'] or 0:>11} {r['prompt_tokens']:>11} {r['completion_tokens']:>15}  {r['cost']}", markup=False)
    for r in reports:
        out.print(f"  {r['source']} ({r['organ'] or '?'}): {r['calls']} call(s), {r['prompt_tokens']}+{r['completion_tokens']} tokens, cost {r['cost']}", markup=False)
    if not (p_in or p_out):
        out.print("(cost is 0: give --price-input/--price-output or NIANBAO_PRICE_INPUT/NIANBAO_PRICE_OUTPUT per million tokens)", markup=False)


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


# --- review ------------------------------------------------------------------------------------
review_app = typer.Typer(help="List findings for review, and confirm or dismiss them. Verdicts survive re-extraction.",
                         no_args_is_help=False, invoke_without_command=True, rich_markup_mode=None)
app.add_typer(review_app, name="review")


def _open_store(db: Path | None):
    """The database opened read-only, for commands that only read (works on a read-only file system)."""
    from .store import Store, StoreError

    try:
        return Store(db or DEFAULT_DB, readonly=True)
    except StoreError as exc:
        err.print(f"nianbao: {exc}", markup=False)
        raise typer.Exit(2) from None


def _store_for_writing(db: Path | None, create: bool = False):
    """The database opened for writing; one line, no traceback, when that is not possible."""
    from .store import Store, StoreError
    from .store.connection import check_folder

    path = db or DEFAULT_DB
    try:
        check_folder(path)
    except StoreError as exc:
        err.print(f"nianbao: {exc}", markup=False)
        raise typer.Exit(2) from None
    if not create and not path.is_file():
        err.print(f"nianbao: no database at {path} (run nianbao extract first)", markup=False)
        raise typer.Exit(2)
    try:
        return Store(path)
    except StoreError as exc:
        err.print(f"nianbao: {exc}", markup=False)
        raise typer.Exit(2) from None


def _chosen_db(ctx: typer.Context, db: Path | None) -> Path | None:
    """A subcommand's own --db wins; else the group's (`review --db X confirm …`), which already holds NIANBAO_DB."""
    from click.core import ParameterSource

    return db if ctx.get_parameter_source("db") == ParameterSource.COMMANDLINE else (ctx.obj or db)


@review_app.callback()
def review_list(
    ctx: typer.Context,
    db: DbOption = None,
    rule: Annotated[Optional[str], typer.Option(help="Only this rule id.")] = None,
    severity: Annotated[Optional[str], typer.Option(help="error, warning or info.")] = None,
    organ: Annotated[Optional[str], typer.Option(help="Organ name contains this.")] = None,
    year: Annotated[Optional[int], typer.Option(help="Reporting year.")] = None,
    status: Annotated[Optional[str], typer.Option(help="open (default), confirmed, dismissed, sent, fixed, disputed or all.")] = "open",
    as_json: Annotated[bool, typer.Option("--json", help="JSON Lines, one finding per line.")] = False,
) -> None:
    """Findings to review, newest batch first (default: open ones).

    Examples:
      nianbao review --db nianbao.db --severity error
      nianbao review confirm F1a2b3c4d5e --note "已电话核实"
    """
    if ctx.invoked_subcommand:
        ctx.obj = db
        return
    from .review.data import list_findings

    store = _open_store(db)
    rows = list_findings(store, rule=rule, severity=severity, organ=organ, year=year, status=None if status == "all" else status)
    store.close()
    for row in rows:
        if as_json:
            out.file.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            where = f"{row['source']}:{row['line']}" if row["line"] else row["source"]
            out.print(f"{row['fingerprint']}  [{row['severity']}] {row['status']:<9} {row['organ'] or '?'} {row['year'] or ''}  "
                      f"{where}  {row['rule']}: {row['message']}", markup=False)
    if not as_json:
        err.print(f"{len(rows)} finding(s)")


def _verdict(ctx: typer.Context, db: Path | None, fingerprint: str, status: str, note: str | None) -> None:
    from .store.status import StatusError, change_status

    store = _store_for_writing(_chosen_db(ctx, db))
    try:
        updated = change_status(store, fingerprint, status, note)
    except StatusError as exc:
        err.print(f"nianbao: {exc}", markup=False)
        raise typer.Exit(1) from None
    except sqlite3.Error as exc:
        err.print(f"nianbao: cannot write to {store.path}: {exc}", markup=False)
        raise typer.Exit(1) from None
    finally:
        store.close()
    if not updated:
        err.print(f"nianbao: no finding {fingerprint} in the database; nothing recorded", markup=False)
        raise typer.Exit(1)
    out.print(f"{fingerprint}: {status}" + (f" ({note})" if note else ""), markup=False)


NoteOpt = Annotated[Optional[str], typer.Option("--note", help="Why: kept with the verdict.")]


@review_app.command()
def confirm(ctx: typer.Context, fingerprint: str, note: NoteOpt = None, db: DbOption = None) -> None:
    """Confirm a finding: the report really has this problem."""
    _verdict(ctx, db, fingerprint, "confirmed", note)


@review_app.command()
def dismiss(ctx: typer.Context, fingerprint: str, note: NoteOpt = None, db: DbOption = None) -> None:
    """Dismiss a finding: not a problem (say why in --note)."""
    _verdict(ctx, db, fingerprint, "dismissed", note)


@review_app.command()
def reopen(ctx: typer.Context, fingerprint: str, note: NoteOpt = None, db: DbOption = None) -> None:
    """Put a finding back to open."""
    _verdict(ctx, db, fingerprint, "open", note)


@review_app.command()
def dispute(ctx: typer.Context, fingerprint: str, note: NoteOpt = None, db: DbOption = None) -> None:
    """The organ disputes a finding it was sent (say why in --note)."""
    _verdict(ctx, db, fingerprint, "disputed", note)


@review_app.command()
def fixed(ctx: typer.Context, fingerprint: str, note: NoteOpt = None, db: DbOption = None) -> None:
    """Mark a sent finding fixed by hand (re-extracting a re-published report does it by itself)."""
    _verdict(ctx, db, fingerprint, "fixed", note)


organs_app = typer.Typer(help="Organ names as matched across years; correct a match with an alias.", invoke_without_command=True, rich_markup_mode=None)
app.add_typer(organs_app, name="organs")


@organs_app.callback()
def organs_list(ctx: typer.Context, db: DbOption = None) -> None:
    """Every organ name in the database and the name it is matched as across years."""
    ctx.obj = db
    if ctx.invoked_subcommand:
        return
    store = _open_store(db)
    for name, canonical in sorted(store.organ_names().items()):
        years = [r["year"] for r in store.db.query("SELECT DISTINCT year FROM reports WHERE organ LIKE ? AND current = 1 ORDER BY year", [name + "%"])]
        out.print(f"{name}" + (f"  → {canonical}" if canonical != name else "") + f"  {years}", markup=False)
    store.close()


@organs_app.command()
def alias(ctx: typer.Context, name: str, canonical: Annotated[Optional[str], typer.Argument(help="Match NAME as this organ; omit to remove the alias.")] = None,
          db: DbOption = None) -> None:
    """Match NAME as CANONICAL across years (e.g. alias 安流镇 五华县安流镇), then re-check."""
    store = _store_for_writing(_chosen_db(ctx, db))
    store.set_alias(name, canonical)
    n = store.check_across_years()
    store.close()
    out.print(f"{name} → {canonical or '(itself)'}; {n} cross-year finding(s)", markup=False)


def _after_batch(store, run_id: int | None) -> int:
    """What a batch changes for the region: deadlines against the roster (returns late findings), and
    sent findings a re-published report no longer has become fixed."""
    from .region.scope import check_deadlines
    from .store.status import mark_fixed_by_republication

    late = check_deadlines(store, run_id)
    fixed = mark_fixed_by_republication(store)
    if fixed:
        err.print(f"{len(fixed)} sent finding(s) no longer in the re-published reports: marked fixed", markup=False)
    return late


# --- the region --------------------------------------------------------------------------------
roster_app = typer.Typer(help="The roster of organs a region expects reports from, and their deadlines.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(roster_app, name="roster")


@roster_app.command("import")
def roster_import(
    csv_file: Annotated[Path, typer.Argument(help="CSV with columns organ, parent, level, aliases (optional: deadline); UTF-8 or GBK.")],
    db: DbOption = None,
) -> None:
    """Replace the roster with this CSV (all rows or none), then re-check deadlines.

    level: 省 / 市 / 县 (区, 县级市) / 部门 / 乡镇 / 街道, or a local level of your own.
    aliases: other names the organ reports under, separated by ; or 、.
    deadline: MM-DD (or 1月31日) of the following year, when this organ's differs from its level's.
    """
    from .region.roster import RosterError, parse_roster
    from .region.scope import check_deadlines
    from .store.roster import replace_roster

    try:
        organs = parse_roster(csv_file.read_bytes())
    except OSError as exc:
        err.print(f"nianbao: cannot read {csv_file}: {exc.strerror or exc}")
        raise typer.Exit(2) from None
    except RosterError as exc:
        err.print(f"nianbao: {csv_file} not imported, nothing changed:")
        for line, problem in exc.problems:
            err.print(f"  {csv_file}:{line}: {problem}", markup=False)
        raise typer.Exit(1) from None
    store = _store_for_writing(db, create=True)
    replace_roster(store, [{"organ": o.name, "parent": o.parent, "level": o.level, "aliases": o.aliases,
                            "deadline": o.deadline, "line": o.line} for o in organs])
    late = check_deadlines(store)
    store.close()
    out.print(f"imported {len(organs)} organ(s) from {csv_file}; {late} late report(s)", markup=False)


@roster_app.command("deadline")
def roster_deadline(
    level: Annotated[str, typer.Argument(help="A roster level: 省 市 县 部门 乡镇 街道 or your own.")],
    deadline: Annotated[Optional[str], typer.Argument(help="MM-DD (or 1月31日) of the following year; omit to go back to the default.")] = None,
    db: DbOption = None,
) -> None:
    """Set one level's deadline (乡镇 01-31: by 31 January of the following year), then re-check lateness."""
    from .region.deadlines import deadline_for, level_key, level_name, parse_deadline
    from .region.scope import check_deadlines
    from .store.roster import set_level_deadline

    key = level_key(level)
    parsed = parse_deadline(deadline) if deadline else None
    if deadline and parsed is None:
        err.print(f"nianbao: {deadline!r} is not a month and day (01-31 or 1月31日)")
        raise typer.Exit(2)
    store = _store_for_writing(db)
    set_level_deadline(store, key, parsed)
    late = check_deadlines(store)
    store.close()
    now = deadline_for(key, 2000, None, {key: parsed} if parsed else None)
    shown = now.day.strftime("%m-%d") if now.day else "none"
    out.print(f"{level_name(key)}: {shown} of the following year ({now.origin}); {late} late report(s)", markup=False)


@roster_app.command("status")
def roster_status(
    year: Annotated[int, typer.Option("--year", help="Reporting year.")],
    under: Annotated[Optional[str], typer.Option("--under", help="Only this organ and those below it in the roster.")] = None,
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    html: Annotated[Optional[Path], typer.Option("--html", help="Folder for the page (and the pages of the reports found).")] = None,
) -> None:
    """For each expected organ: report found, failed (with the reason) or missing; late, on time or unknown."""
    from .region.coverage import STATE_NAMES
    from .region.deadlines import LATENESS_NAMES
    from .region.scope import ScopeError, roster_status as status_of

    store = _open_store(db)
    try:
        cov = status_of(store, year, under)
    except ScopeError as exc:
        store.close()
        err.print(f"nianbao: {exc}")
        raise typer.Exit(2) from None
    if html:
        from .review.overview import page_name
        from .review.roster_page import render_coverage

        html.mkdir(parents=True, exist_ok=True)
        page = html / f"roster-{year}.html"
        page.write_text(render_coverage(cov, link=page_name), encoding="utf-8")
        _report_pages(store, [o.report_id for o in cov.organs if o.report_id], html, page.name)
        err.print(f"wrote {page}", markup=False)
    store.close()
    if as_json:
        out.file.write(json.dumps(cov.to_json(), ensure_ascii=False, indent=1) + "\n")
        return
    width = max((len(o.organ) for o in cov.organs), default=4)
    for o in cov.organs:
        when = f"published {o.published}" if o.published else ("no publication date" if o.state != "missing" else "")
        due = f"due {o.deadline}" if o.deadline else "no deadline set"
        judged = f"{o.lateness}{f' ({o.days_late} days)' if o.days_late else ''}" if o.lateness else ""
        line = f"{o.state:<8} {o.organ:<{width}}  {when:<24} {due:<15} {judged}"
        if o.error:
            line += f"  reason: {o.error}"
        out.print(line.rstrip(), markup=False)
    for u in cov.unmatched:
        why = f"fits several roster organs: {', '.join(u['candidates'])}" if u["candidates"] else "fits no roster organ"
        out.print(f"unmatched {u['organ'] or '?'} ({u['source']}): {why}", markup=False)
    c = cov.counts()
    err.print(f"{len(cov.organs)} organ(s): {c['found']} {STATE_NAMES['found']}, {c['failed']} {STATE_NAMES['failed']}, "
              f"{c['missing']} {STATE_NAMES['missing']}; {c['late']} {LATENESS_NAMES['late']}, "
              f"{c['date_unknown']} without a publication date")


YearOpt = Annotated[int, typer.Option("--year", help="Reporting year.")]
UnderOpt = Annotated[Optional[str], typer.Option("--under", help="Only this roster organ and those below it.")]


def _region_scope(store, year: int, under: str | None):
    """The current readable reports of the scope, or one line and exit 2."""
    from .region.scope import ScopeError, reports_in_scope

    try:
        return reports_in_scope(store, year, under)
    except ScopeError as exc:
        store.close()
        err.print(f"nianbao: {exc}", markup=False)
        raise typer.Exit(2) from None


def _report_pages(store, report_ids, folder: Path, back: str) -> None:
    """Each report's own review page beside a region page, so its links open."""
    from .review.data import load_report
    from .review.overview import page_name
    from .review.page import render_report

    for rid in report_ids:
        (folder / page_name(rid)).write_text(render_report(load_report(store, rid), back=back), encoding="utf-8")


@app.command()
def aggregate(
    year: YearOpt,
    under: UnderOpt = None,
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help='One JSON object: {"year", "reports", "cells", "blank", …}.')] = False,
    xlsx: Annotated[Optional[Path], typer.Option("--xlsx", help="Workbook: the compiled tables in the national layout, 明细, 核对.")] = None,
    html: Annotated[Optional[Path], typer.Option("--html", help="Folder for the compiled page (and the pages of the reports behind it).")] = None,
) -> None:
    """The compiled tables (汇总): every cell summed over the current reports of a year.

    A cell blank in every report stays blank (null), never 0; each cell keeps how many reports
    it sums and how many left it blank. The two national formats are compiled separately.
    """
    from .region.aggregate import compile_scope, to_json

    store = _open_store(db)
    reports = _region_scope(store, year, under)
    compiled = compile_scope(store, year, reports)
    scope = under or "全部机关"
    if xlsx:
        from .review.workbooks import compiled_xlsx

        xlsx.parent.mkdir(parents=True, exist_ok=True)
        compiled_xlsx(compiled, xlsx, scope)
        err.print(f"wrote {xlsx}", markup=False)
    if html:
        from .review.compiled import render_compiled
        from .review.overview import page_name

        html.mkdir(parents=True, exist_ok=True)
        page = html / f"aggregate-{year}.html"
        page.write_text(render_compiled(compiled, scope, link=page_name), encoding="utf-8")
        _report_pages(store, [r["id"] for r in reports], html, page.name)
        err.print(f"wrote {page} and {len(reports)} report page(s)", markup=False)
    store.close()
    if as_json:
        out.file.write(json.dumps(to_json(compiled), ensure_ascii=False) + "\n")
    elif not (xlsx or html):
        for c in compiled:
            out.print(f"{year} format {c.template}: {len(c.reports)} report(s)", markup=False)
            for fid in ("applications.new.total", "applications.total.total", "appeals.review.total"):
                if fid in c.sums:
                    out.print(f"  {fid}: {c.sums[fid] if c.sums[fid] is not None else 'blank'} "
                              f"({c.counted(fid)} summed, {c.blank[fid]} blank)", markup=False)
            for f in c.findings:
                out.print(f"  [{f.severity}] {f.rule}: {f.message}", markup=False)
    if len(compiled) > 1:
        err.print("two national formats in scope: each compiled separately", markup=False)
    if not reports:
        err.print(f"no current report on {year} in scope", markup=False)


@app.command()
def trends(
    organ: Annotated[str, typer.Argument(help="A roster organ (or one of its aliases), or an organ name as printed.")],
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help='One JSON object: {"organ", "years", "cells": {field: {year: value}}, …}.')] = False,
    xlsx: Annotated[Optional[Path], typer.Option("--xlsx", help="Workbook: a sheet per table with a native line chart.")] = None,
    html: Annotated[Optional[Path], typer.Option("--html", help="Folder for the organ's trend page (and its reports' pages).")] = None,
) -> None:
    """One organ across its years: every field, year by year, with a chart per table."""
    from .region.scope import ScopeError, organ_trend

    store = _open_store(db)
    try:
        t = organ_trend(store, organ)
    except ScopeError as exc:
        store.close()
        err.print(f"nianbao: {exc}", markup=False)
        raise typer.Exit(1) from None
    if xlsx:
        from .review.workbooks import trend_xlsx

        xlsx.parent.mkdir(parents=True, exist_ok=True)
        trend_xlsx(t, xlsx)
        err.print(f"wrote {xlsx}", markup=False)
    if html:
        from .review.overview import page_name
        from .review.trend_page import render_trend, trend_page_name

        html.mkdir(parents=True, exist_ok=True)
        page = html / trend_page_name(t.organ)
        page.write_text(render_trend(t, link=page_name), encoding="utf-8")
        _report_pages(store, [t.reports[y]["id"] for y in t.years], html, page.name)
        err.print(f"wrote {page}", markup=False)
    store.close()
    if as_json:
        out.file.write(json.dumps(t.to_json(), ensure_ascii=False) + "\n")
    elif not (xlsx or html):
        from .region.trends import CHART_SERIES

        out.print(f"{t.organ}: " + ", ".join(str(y) for y in t.years), markup=False)
        for table in CHART_SERIES:
            for name, values in t.series(table):
                out.print(f"  {name}: " + "  ".join("blank" if v is None else f"{v:g}" for v in values), markup=False)


@app.command()
def rankings(
    year: YearOpt,
    under: UnderOpt = None,
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object: every indicator with its formula and ranked entries.")] = False,
    xlsx: Annotated[Optional[Path], typer.Option("--xlsx", help="Workbook: a sheet per indicator.")] = None,
    html: Annotated[Optional[Path], typer.Option("--html", help="Folder for the rankings page (and the reports' pages).")] = None,
) -> None:
    """Rank the organs of a year on defined indicators, each printed with its formula.

    Ties share a rank; a blank input or a zero denominator is said, never counted as 0%.
    """
    from .region.scope import ScopeError, region_rankings

    store = _open_store(db)
    try:
        ranked = region_rankings(store, year, under)
    except ScopeError as exc:
        store.close()
        err.print(f"nianbao: {exc}", markup=False)
        raise typer.Exit(2) from None
    scope = under or "全部机关"
    if xlsx:
        from .review.workbooks import rankings_xlsx

        xlsx.parent.mkdir(parents=True, exist_ok=True)
        rankings_xlsx(ranked, xlsx, year, scope)
        err.print(f"wrote {xlsx}", markup=False)
    if html:
        from .review.overview import page_name
        from .review.rankings_page import render_rankings

        html.mkdir(parents=True, exist_ok=True)
        page = html / f"rankings-{year}.html"
        page.write_text(render_rankings(ranked, year, scope, link=page_name), encoding="utf-8")
        _report_pages(store, sorted({e.report_id for r in ranked for e in r.entries}), html, page.name)
        err.print(f"wrote {page}", markup=False)
    store.close()
    if as_json:
        out.file.write(json.dumps({"year": year, "under": under, "indicators": [r.to_json() for r in ranked]}, ensure_ascii=False) + "\n")
    elif not (xlsx or html):
        for r in ranked:
            out.print(f"{r.indicator.name}  [{r.indicator.id}]\n  = {r.indicator.formula}", markup=False)
            for e in r.entries:
                place = "-" if e.rank is None else f"{e.rank}{'=' if e.tied else ''}"
                out.print(f"  {place:>4}  {e.organ}  {e.shown(r.indicator.share)}", markup=False)


@app.command()
def letters(
    year: YearOpt,
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for the letters (one DOCX per organ).")],
    under: UnderOpt = None,
    db: DbOption = None,
    sender: Annotated[Optional[str], typer.Option("--sender", help="The office signing the letters (default: each organ's parent in the roster).")] = None,
    draft: Annotated[bool, typer.Option("--draft", help="Write the letters but leave the findings confirmed (not sent).")] = False,
) -> None:
    """Rectification letters (整改通知): one DOCX per organ with its confirmed findings, then marked sent.

    Each finding comes with the quoted passage, the table cells as printed, the rule and its basis.
    """
    from .region.letters import file_name, gather, write_docx
    from .region.scope import ScopeError
    from .store.status import change_status

    store = _store_for_writing(db)
    try:
        found = gather(store, year, under)
    except ScopeError as exc:
        store.close()
        err.print(f"nianbao: {exc}", markup=False)
        raise typer.Exit(2) from None
    out_dir.mkdir(parents=True, exist_ok=True)
    sent = 0
    for letter in found:
        if sender:
            letter.sender = sender
        path = out_dir / file_name(letter)
        write_docx(letter, path)
        if not draft:
            for item in letter.items:
                sent += change_status(store, item.fingerprint, "sent", f"整改通知：{path.name}", by="letters") > 0
        out.print(f"{path}  {letter.organ}: {len(letter.items)} finding(s)", markup=False)
    store.close()
    err.print(f"{len(found)} letter(s); " + ("drafts: nothing marked sent" if draft else f"{sent} finding(s) marked sent"), markup=False)


@app.command()
def show(
    report: Annotated[str, typer.Argument(help="Report id (or its first characters), source path or file name.")],
    db: DbOption = None,
    html: Annotated[Optional[Path], typer.Option("--html", help="Write the review page here (a single file that opens from disk).")] = None,
) -> None:
    """One report's review page (--html), or its findings in the terminal."""
    from .review.data import load_report, match_reports, suggest_reports
    from .review.page import render_report

    store = _open_store(db)
    found = match_reports(store, report)
    if len(found) != 1:
        candidates = found or suggest_reports(store, report)
        store.close()
        if found:
            err.print(f"nianbao: {report!r} matches {len(found)} reports; give more of the id, or the path:", markup=False)
        else:
            err.print(f"nianbao: no report matches {report!r}; " + ("did you mean one of these?" if candidates else "the database holds none"), markup=False)
        for c in candidates:
            err.print(f"  {c['id'][:12]}  {c['source']}  {c['organ'] or '?'} {c['year'] or ''}", markup=False)
        raise typer.Exit(1)
    data = load_report(store, found[0]["id"])
    store.close()
    if html:
        html.parent.mkdir(parents=True, exist_ok=True)
        html.write_text(render_report(data), encoding="utf-8")
        err.print(f"wrote {html}")
        return
    r = data["report"]
    out.print(f"{r['source']}: {r['organ'] or '?'} {r['year'] or ''} ({r['status']})", markup=False)
    for f in data["findings"]:
        out.print(f"  {f['fingerprint']} [{f['severity']}] {f['status']:<9} {f['rule']}: {f['message']}", markup=False)


@app.command()
def overview(
    db: DbOption = None,
    html: Annotated[Path, typer.Option("--html", help="Write the overview here; each report's page goes beside it.")] = Path("out/index.html"),
) -> None:
    """The whole batch at a glance: the board (findings per status, per organ) in the terminal, and
    static pages (index plus one page per report)."""
    from .review.data import load_report
    from .review.overview import overview_data, page_name, render_overview
    from .review.page import render_report

    from .review.board import board_lines

    store = _open_store(db)
    data = overview_data(store)
    for line in board_lines(data["board"]):
        out.print(line, markup=False)
    html.parent.mkdir(parents=True, exist_ok=True)
    html.write_text(render_overview(data), encoding="utf-8")
    for row in data["all"]:
        (html.parent / page_name(row["id"])).write_text(
            render_report(load_report(store, row["id"]), back=html.name), encoding="utf-8")
    store.close()
    err.print(f"wrote {html} and {len(data['all'])} report page(s)")


@app.command()
def export(
    db: DbOption = None,
    xlsx: Annotated[Optional[Path], typer.Option("--xlsx", help="Workbook: a sheet of cells, a sheet of findings.")] = None,
    csv_dir: Annotated[Optional[Path], typer.Option("--csv", help="Folder for cells.csv and findings.csv.")] = None,
    json_path: Annotated[Optional[Path], typer.Option("--json", help="One JSON file: every report with its cells and findings.")] = None,
) -> None:
    """Export cells and findings (with their verdicts and notes) for an office to send on."""
    from .review import export as ex

    if not (xlsx or csv_dir or json_path):
        err.print("nianbao: give --xlsx FILE, --csv DIR and/or --json FILE")
        raise typer.Exit(2)
    store = _open_store(db)
    for target, writer in ((xlsx, ex.to_xlsx), (csv_dir, ex.to_csv), (json_path, ex.to_json)):
        if target:
            target.parent.mkdir(parents=True, exist_ok=True)
            writer(store, target)
            err.print(f"wrote {target}")
    store.close()


@app.command()
def prune(
    db: DbOption = None,
    history: Annotated[bool, typer.Option("--history", help="Also drop the earlier versions of files that are still there.")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only list what would be dropped.")] = False,
) -> None:
    """Drop the reports whose files are gone (every version). Verdicts are kept.

    Re-extracting an edited file keeps its earlier version as history (not counted);
    --history drops those too.
    """
    store = _store_for_writing(db)
    try:
        dropped = store.prune(history=history, dry_run=dry_run)
    except sqlite3.Error as exc:
        err.print(f"nianbao: cannot write to {store.path}: {exc}", markup=False)
        raise typer.Exit(1) from None
    finally:
        store.close()
    for row in dropped:
        out.print(f"{row['id'][:12]}  {row['source']}" + ("" if row["current"] else "  (earlier version)"), markup=False)
    err.print(f"{len(dropped)} report version(s) {'would be ' if dry_run else ''}dropped")


@app.command("metadata")
def datasette_metadata(db: DbOption = None) -> None:
    """Print a datasette metadata file (labels, descriptions, facets): datasette DB -m metadata.json."""
    from .review.datasette import metadata

    out.file.write(json.dumps(metadata(db or DEFAULT_DB), ensure_ascii=False, indent=2) + "\n")


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on. Anything but 127.0.0.1 exposes the pages (and verdict buttons) to your network.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8765,
) -> None:
    """The overview and review pages, live, with confirm / dismiss buttons that write to the database."""
    from .review.server import make_server

    db = db or DEFAULT_DB
    _open_store(db).close()
    if host not in ("127.0.0.1", "localhost", "::1"):  # then any Host header is answered
        err.print(f"warning: listening on {host}: anyone who can reach this address can read the reports; verdicts still need this session's token")
    try:
        server = make_server(db, host, port)
    except OSError as exc:
        import errno

        said = f"port {port} is in use (another nianbao serve?); choose another with --port" if exc.errno == errno.EADDRINUSE \
            else f"cannot listen on {host}:{port}: {exc.strerror or exc}"
        err.print(f"nianbao: {said}", markup=False)
        raise typer.Exit(2) from None
    err.print(f"serving {db} on http://{host}:{server.server_address[1]}/  (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
