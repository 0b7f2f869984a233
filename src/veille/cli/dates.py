"""`veille dates`: temporal expressions of documents (wraps `veille.engine.timex.dates_of_paths`)."""
from __future__ import annotations


import click

from ..engine.timex import dates_of_paths
from .common import date_option, finish_rows, lang_option, parse_date, settings_from

COLUMNS = ("doc_id", "start", "end", "text", "type", "value", "precision")


@click.command("dates")
@click.argument("path")
@date_option
@lang_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True,
              help="One JSON object per line, or an aligned table.")
@click.pass_context
def dates(ctx: click.Context, path: str, date: str | None, lang: str | None, fmt: str) -> None:
    """Temporal expressions of PATH (.txt, .jsonl, a directory or '-'), normalised
    against the publication date (TimeML values).

    Example: veille dates article.txt --date 2023-11-17 --format table
    """
    settings = settings_from(ctx)
    lang = settings.lang if lang in (None, "auto") else lang
    rows, rejects = [], []
    for item in dates_of_paths([path], parse_date(date), lang):
        if isinstance(item, tuple):
            doc, found = item
            rows.extend({"doc_id": doc.id, **{k: getattr(t, k) for k in COLUMNS[1:]}} for t in found)
        else:
            rejects.append(item)
    finish_rows(ctx, rows, fmt, _table, rejects)


def _table(rows: list[dict]) -> list[str]:
    cells = [[str(c) for c in COLUMNS]] + [["" if r[c] is None else str(r[c]) for c in COLUMNS] for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(COLUMNS))]
    return ["  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() for row in cells]
