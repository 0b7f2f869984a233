"""Writers of `veille events --stories` (stories are built at the end of each
`veille ingest`, see `veille.analysis.stories`)."""
from __future__ import annotations

import csv
import json
import sys
from typing import Any, Callable

import click

from ..analysis.stories import Story
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
