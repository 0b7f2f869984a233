"""`veille export`: bulk export of stored events (wraps `veille.store.export.export_events`)."""
from __future__ import annotations

import click

from ..store.export import FORMATS, export_events
from ..store.query import EventQuery
from .common import db_option, parse_date


@click.command("export")
@db_option()
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True,
              help="csv (flat columns), parquet (events table), jsonl (event.schema.json), "
                   "gdelt (GDELT 2.0 event-table TSV + veille columns).")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="Output file ('-' for stdout, text formats).")
@click.option("--actor", default=None, metavar="KEY", help="Only events of this actor key.")
@click.option("--recipient", default=None, metavar="KEY", help="Only events with this recipient key.")
@click.option("--type", "type_", default=None, metavar="TYPE", help="Only this PLOVER type.")
@click.option("--since", default=None, metavar="YYYY-MM-DD")
@click.option("--until", default=None, metavar="YYYY-MM-DD")
def export(db_path: str, fmt: str, out: str, actor: str | None, recipient: str | None, type_: str | None,
           since: str | None, until: str | None) -> None:
    """Export stored events to a file.

    Example: veille export --db news.duckdb --format gdelt --out events.tsv
    """
    query = EventQuery(actor=actor, recipient=recipient, type=type_, since=parse_date(since), until=parse_date(until))
    n = export_events(db_path, fmt, out, query)
    if out != "-":
        click.echo(f"veille export: {n} events written to {out} ({fmt}).", err=True)
