"""`veille ingest`: documents and events into a database (wraps `veille.ingest.run.ingest`)."""
from __future__ import annotations

import logging
import sys
import time

import click

from ..ingest.run import ENGINES, IngestProgress, ingest as run_ingest
from ..store.dialect import redact
from .common import date_option, db_option, lang_option, parse_date, report_rejects, settings_from

PLAIN_EVERY_SECONDS = 10.0


class _Progress:
    """A tqdm bar (docs/s, ETA) on a terminal; a log line every few seconds otherwise."""

    def __init__(self, tty: bool) -> None:
        self.tty = tty
        self.bar = None
        self.last_line = 0.0

    def __call__(self, p: IngestProgress) -> None:
        if self.tty:
            if self.bar is None:
                from tqdm import tqdm
                self.bar = tqdm(total=p.total, unit="doc", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)
            self.bar.n = p.done
            self.bar.set_postfix(events=p.events, skipped=p.duplicates, rejected=p.rejected, refresh=False)
            self.bar.refresh()
            return
        now = time.monotonic()
        if now - self.last_line >= PLAIN_EVERY_SECONDS:
            self.last_line = now
            rate = p.done / p.elapsed if p.elapsed > 0 else 0.0
            of = f"/{p.total}" if p.total else ""
            eta = f", ETA {int((p.total - p.done) / rate)}s" if p.total and rate > 0 and p.total > p.done else ""
            click.echo(f"veille ingest: {p.done}{of} documents ({p.stored} stored, {p.duplicates} already there, "
                       f"{p.rejected} rejected), {p.events} events, {rate:.1f} docs/s{eta}", err=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@db_option("Where to store (a DuckDB file is created if missing)")
@click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True,
              help="Where extraction runs: this machine, or a dask cluster (needs veille.scale).")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes for extraction (default from settings: ingest.workers).")
@click.option("--scheduler", default=None, metavar="ADDR",
              help="With --engine dask: address of a running Dask scheduler (tcp://HOST:8786) instead of a "
                   "local cluster of --workers processes.")
@click.option("--work-dir", default=None, type=click.Path(file_okay=False),
              help="With --engine dask: where shards and Parquet outputs go, kept after the run (default: a "
                   "temporary directory beside --db, removed). Must be shared storage with --scheduler.")
@click.option("--shard-size", type=click.IntRange(min=1), default=None,
              help="With --engine dask: documents per shard (default: shrinking shards, each 1/(2 x worker "
                   "threads) of the documents left, 16 to 1000).")
@date_option
@lang_option
@click.option("--progress/--no-progress", "show_progress", default=None,
              help="Progress bar (default: on when stderr is a terminal; log lines otherwise).")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], db_path: str, engine: str, workers: int | None,
           scheduler: str | None, work_dir: str | None, shard_size: int | None, date: str | None,
           lang: str | None, show_progress: bool | None) -> int:
    """Extract events from PATHS and store documents and events in --db.

    Idempotent and resumable: documents already in the database (same normalised
    text or URL) are skipped, so re-running after an interruption finishes the job
    and adds nothing twice. Exit code 2 if some inputs were rejected (each is
    reported on stderr and recorded in the database).

    Example: veille ingest corpus.jsonl.gz articles/ --db news.duckdb --workers 4

    On Dask (docs/scale.md): veille ingest corpus.jsonl.gz --db news.duckdb --engine dask --workers 2
    """
    settings = settings_from(ctx)
    tty = sys.stderr.isatty() if show_progress is None else show_progress
    progress = _Progress(tty)
    try:
        if engine == "dask":
            from ..scale import dask_ingest
            from ..scale.cluster import require_dask
            require_dask()  # importing distributed sets its loggers to INFO: follow -v like veille's own
            logging.getLogger("distributed").setLevel(logging.getLogger().level)
            report = dask_ingest(list(paths), db_path, settings, date=parse_date(date), lang=lang, workers=workers,
                                 scheduler=scheduler, progress=progress, work_dir=work_dir, shard_size=shard_size)
        else:
            report = run_ingest(list(paths), db_path, settings, date=parse_date(date), lang=lang, workers=workers,
                                progress=progress, engine=engine, scheduler=scheduler)
    finally:
        progress.close()
    n_rejected = report_rejects(report.rejects) + report_rejects(getattr(report, "failed", []))
    click.echo(f"veille ingest: {report.documents} documents and {report.events} events added to {redact(db_path)}; "
               f"{report.duplicates} already there, {n_rejected} rejected "
               f"({report.docs_per_second:.1f} docs/s, {report.workers} worker(s)).", err=True)
    ctx.exit(2 if n_rejected else 0)
    return 0
