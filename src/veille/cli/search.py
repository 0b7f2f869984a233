"""`veille search QUERY`: events by evidence text, documents by title and text
(wraps `veille.analysis.search`)."""
from __future__ import annotations

import json

import click

from ..analysis import search as search_db
from .common import db_option, write_lines


@click.command("search")
@click.argument("query")
@db_option()
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="At most N events and N documents.")
@click.option("--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True)
def search(query: str, db_path: str, limit: int, fmt: str) -> None:
    """Find events whose evidence sentence contains QUERY, and documents whose title or
    text does (case-insensitive substring).

    Example: veille search "sanctions" --db news.duckdb
    """
    found = search_db(db_path, query, limit=limit)
    if fmt == "json":
        write_lines([json.dumps(found, ensure_ascii=False)])
        return
    lines = [f"Events ({len(found['events'])})"]
    for ev in found["events"]:
        actor = (ev.get("actor") or {}).get("key") or "-"
        recipient = (ev.get("recipient") or {}).get("key") or "-"
        text = " ".join((ev.get("evidence") or {}).get("text", "").split())
        lines.append(f"  {ev.get('date') or '':<10}  {ev['type']:<9}  {actor}->{recipient}  {ev['event_id']}  {text}")
    lines += ["", f"Documents ({len(found['documents'])})"]
    for doc in found["documents"]:
        lines.append(f"  {doc.get('date') or '':<10}  {doc['doc_id']}  {doc.get('title') or ''}")
        lines.append(f"      {doc['snippet']}")
    write_lines(lines)
