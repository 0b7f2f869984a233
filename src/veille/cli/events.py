"""`veille events`: read stored events back (wraps `veille.store.Store.events`)."""
from __future__ import annotations

import csv
import json
import sys
from typing import Any, Callable

import click

from ..store import Store
from ..store.flat import FLAT_COLUMNS, flatten
from .common import db_option, parse_date, write_lines

FORMATS = ("table", "jsonl", "csv")
TABLE_TEXT_CHARS = 60
MAX_ROWS = 2**63 - 1  # DuckDB's LIMIT/OFFSET are 64-bit: larger values are a usage error, not a crash


def _jsonl(records: list[dict[str, Any]]) -> None:
    write_lines(json.dumps(r, ensure_ascii=False) for r in records)


def _csv(records: list[dict[str, Any]]) -> None:
    writer = csv.DictWriter(sys.stdout, fieldnames=FLAT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for r in records:
        writer.writerow(flatten(r))
    sys.stdout.flush()


def _entity(e: dict[str, Any] | None) -> str:
    if not e:
        return "-"
    return e.get("key") or e.get("text") or "?"


def _table(records: list[dict[str, Any]]) -> None:
    head = ("date", "type", "cameo", "actor", "recipient", "modality", "evidence")
    rows = [(r.get("date") or "", r["type"], r.get("cameo") or "", _entity(r.get("actor")), _entity(r.get("recipient")),
             r.get("modality") or "", " ".join((r.get("evidence") or {}).get("text", "").split())[:TABLE_TEXT_CHARS])
            for r in records]
    widths = [max([len(h)] + [len(row[i]) for row in rows]) for i, h in enumerate(head)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    write_lines([fmt.format(*head), *(fmt.format(*row) for row in rows)])
    click.echo(f"{len(records)} event(s)", err=True)


WRITERS: dict[str, Callable[[list[dict[str, Any]]], None]] = {"table": _table, "jsonl": _jsonl, "csv": _csv}


@click.command("events")
@db_option()
@click.option("--actor", default=None, metavar="KEY", help="Actor entity key (e.g. FRA, or an org id).")
@click.option("--recipient", default=None, metavar="KEY", help="Recipient entity key.")
@click.option("--type", "type_", default=None, metavar="TYPE", help="PLOVER event type, e.g. ACCUSE.")
@click.option("--since", default=None, metavar="YYYY-MM-DD", help="Events whose date reaches this day or later.")
@click.option("--until", default=None, metavar="YYYY-MM-DD", help="Events whose date starts on this day or earlier.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--limit", type=click.IntRange(min=0, max=MAX_ROWS), default=None, help="At most N events.")
@click.option("--offset", type=click.IntRange(min=0, max=MAX_ROWS), default=0, help="Skip the first N events.")
@click.option("--stories", "as_stories", is_flag=True,
              help="List stories instead: events reported by several articles, in any language, grouped "
                   "(built at the end of each veille ingest; docs/stories.md).")
def events(db_path: str, actor: str | None, recipient: str | None, type_: str | None, since: str | None,
           until: str | None, fmt: str, limit: int | None, offset: int, as_stories: bool) -> None:
    """Print stored events, oldest first, filtered by dyad, type and date.

    JSONL lines follow event.schema.json; CSV has one column per field. With --stories,
    one line per story (limit and offset count stories) with its representative evidence.

    Example: veille events --db news.duckdb --actor FRA --recipient RUS --since 2017-01-01 --format jsonl
    """
    if as_stories:
        from ..analysis.stories import stories
        from .stories import STORY_WRITERS
        with Store.open(db_path, read_only=True) as store:
            found = stories(store, actor=actor, recipient=recipient, type=type_, since=parse_date(since),
                            until=parse_date(until), limit=limit, offset=offset)
        STORY_WRITERS[fmt](found)
        return
    with Store.open(db_path, read_only=True) as store:
        records = store.events(actor=actor, recipient=recipient, type=type_, since=parse_date(since),
                               until=parse_date(until), limit=limit, offset=offset)
    WRITERS[fmt](records)

