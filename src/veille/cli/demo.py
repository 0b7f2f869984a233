"""`veille demo`: the README's main job (bundled corpus -> DuckDB -> summary and dyad plot)."""
from __future__ import annotations

import sys

import click

from ..demo import DEMO_DYAD, run_demo
from .common import report_rejects, settings_from
from .ingest import _Progress


@click.command("demo")
@click.option("--db", "db_path", default="veille-demo.duckdb", show_default=True, type=click.Path(dir_okay=False))
@click.option("--plot", default="veille-demo-dyad.png", show_default=True, type=click.Path(dir_okay=False),
              help="PNG of the Russia-North Korea timeline ('' for none).")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Extraction processes (default: settings).")
@click.pass_context
def demo(ctx: click.Context, db_path: str, plot: str, workers: int | None) -> int:
    """Ingest the bundled corpus (1,159 French Wikinews articles and the model article), then
    print a summary (documents, events by type, most active dyads) and plot a dyad.

    Re-running adds nothing: documents already in the database are skipped.

    Example: veille demo --db veille-demo.duckdb --plot dyad.png
    """
    settings = settings_from(ctx)
    progress = _Progress(sys.stderr.isatty())
    try:
        report, summary, plotted = run_demo(db_path, settings, plot=plot or None, workers=workers, progress=progress)
    finally:
        progress.close()
    n_rejected = report_rejects(report.rejects)
    click.echo(f"ingest: {report.documents} documents and {report.events} events added "
               f"({report.duplicates} already there, {n_rejected} rejected) into {db_path}")
    click.echo("")
    click.echo(summary.format())
    if plotted:
        click.echo(f"\ndyad plot {DEMO_DYAD[0]}-{DEMO_DYAD[1]} by month: {plotted}")
    return 2 if n_rejected else 0
