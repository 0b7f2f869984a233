"""Helpers shared by CLI commands: settings from the context, options, output."""
from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Iterable

import click

from ..errors import E, VeilleError
from ..settings import Settings, load_settings


def settings_from(ctx: click.Context, **overrides) -> Settings:
    config = (ctx.find_root().obj or {}).get("config")
    return load_settings(config, **overrides)


def _db_from_settings(ctx: click.Context, param: click.Parameter, value: str | None) -> str:
    if value:
        return value
    configured = settings_from(ctx).store.db
    if not configured:
        raise VeilleError(E.E814)
    return configured


def db_option(help: str = "Database written by veille ingest"):
    """--db FILE or URL; when absent, `store.db` of the settings (E814 if that is empty too)."""
    return click.option("--db", "db_path", default=None, callback=_db_from_settings, metavar="FILE|URL",
                        help=f"{help}: a DuckDB file or postgresql://USER@HOST/DBNAME "
                             "(default: store.db of the settings).")


def parse_date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise VeilleError(E.E002, value=value) from None


def date_option(func):
    return click.option("--date", "date", default=None, metavar="YYYY-MM-DD",
                        help="Publication date used to resolve relative dates (a JSONL line's own 'date' wins).")(func)


def lang_option(func):
    return click.option("--lang", default=None, type=click.Choice(["fr", "en", "auto"]),
                        help="Language of the input (default from settings: fr).")(func)


def report_rejects(rejects: Iterable[VeilleError]) -> int:
    """Print each rejected input on stderr; return how many."""
    n = 0
    for err in rejects:
        click.echo(f"veille: rejected: {err}", err=True)
        n += 1
    return n


def write_lines(lines: Iterable[str]) -> None:
    out = sys.stdout
    for line in lines:
        out.write(line)
        out.write("\n")
    out.flush()


def finish_rows(ctx: click.Context, rows: list[dict], fmt: str, table, rejects: list) -> None:
    """Print rows as JSON lines or through `table(rows)`, report rejects, exit 2 if any."""
    if fmt == "jsonl":
        write_lines(json.dumps(r, ensure_ascii=False) for r in rows)
    else:
        write_lines(table(rows))
    if report_rejects(rejects):
        ctx.exit(2)
