"""`veille stories`: group stored events into stories (wraps
`veille.analysis.stories.build_stories`); also the writers of `veille events --stories`."""
from __future__ import annotations

import csv
import json
import sys
from typing import Any, Callable

import click

from ..analysis.stories import Story, build_stories
from ..store import Store
from .common import write_lines

TABLE_TEXT_CHARS = 70
CSV_COLUMNS = ("story_id", "type", "actor", "recipient", "symmetric", "polarity", "mentions", "documents", "sources",
               "date_first", "date_last", "first_seen", "last_seen", "evidence", "evidence_event_id", "event_ids",
               "doc_ids", "urls", "langs")


def _jsonl(found: list[Story]) -> None:
    write_lines(json.dumps(s.to_dict(), ensure_ascii=False) for s in found)


def _csv(found: list[Story]) -> None:
    writer = csv.DictWriter(sys.stdout, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for s in found:
        row: dict[str, Any] = s.to_dict()
        for key in ("event_ids", "doc_ids", "urls", "langs"):
            row[key] = ";".join(row[key])
        writer.writerow(row)
    sys.stdout.flush()


def _table(found: list[Story]) -> None:
    head = ("date", "type", "actor", "recipient", "mentions", "docs", "sources", "langs", "evidence")
    rows = [(s.date_first or "", s.type, s.actor or "-", s.recipient or "-", str(s.mentions), str(s.documents),
             str(s.sources), ",".join(s.langs), s.evidence[:TABLE_TEXT_CHARS]) for s in found]
    widths = [max([len(h)] + [len(row[i]) for row in rows]) for i, h in enumerate(head)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    write_lines([fmt.format(*head).rstrip(), *(fmt.format(*row).rstrip() for row in rows)])
    click.echo(f"{len(found)} story(ies), {sum(s.mentions for s in found)} event(s)", err=True)


STORY_WRITERS: dict[str, Callable[[list[Story]], None]] = {"table": _table, "jsonl": _jsonl, "csv": _csv}


@click.command("stories")
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False), help="Database written by veille ingest.")
def stories(db_path: str) -> None:
    """Group the database's events into stories (one occurrence reported by several
    articles, in any language) and store them; run it after each ingest. Read them
    with veille events --stories.

    Example: veille stories --db news.duckdb
    """
    with Store.open(db_path) as store:
        report = build_stories(store)
    click.echo(f"{report.events} event(s) in {report.stories} story(ies), {report.multi} with more than one event; "
               f"{report.encoded} sentence(s) encoded ({report.encoder})", err=True)
