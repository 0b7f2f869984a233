"""`veille quotes`: who said what in documents (wraps `veille.engine.quotes.quotes_of_paths`)."""
from __future__ import annotations


import click

from ..engine.quotes import quotes_of_paths
from ..records import Quote
from .common import date_option, finish_rows, lang_option, parse_date, settings_from

COLUMNS = ("doc_id", "kind", "speaker", "key", "role", "name", "cue", "start", "end", "content")


def quote_row(quote: Quote) -> dict:
    """The JSONL form: doc_id, kind, content, start, end, cue, speaker {text, key, role, name}."""
    sp = quote.speaker
    row = {"doc_id": quote.doc_id, "kind": quote.kind, "content": quote.content, "start": quote.start,
           "end": quote.end, "cue": quote.cue,
           "speaker": {"text": sp.text, "key": sp.key, "role": sp.role, "name": sp.name}}
    if len(sp.keys) > 1:
        row["speaker"]["keys"] = list(sp.keys)
    return row


@click.command("quotes")
@click.argument("paths", nargs=-1, required=True)
@date_option
@lang_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True,
              help="One JSON object per line, or an aligned table.")
@click.pass_context
def quotes(ctx: click.Context, paths: tuple[str, ...], date: str | None, lang: str | None, fmt: str) -> None:
    """Quotes of PATHS (.txt, .jsonl, .html, directories or '-'): direct, indirect and
    mixed speech, with the speaker resolved to an entity key like any actor.

    Example: veille quotes article.txt --date 2023-11-17 --format table
    """
    settings = settings_from(ctx)
    rows, rejects = [], []
    for item in quotes_of_paths(paths, settings, date=parse_date(date), lang=lang):
        if isinstance(item, Exception):
            rejects.append(item)
        else:
            rows.extend(quote_row(q) for q in item[1])
    finish_rows(ctx, rows, fmt, _table, rejects)


def _table(rows: list[dict]) -> list[str]:
    def cells(r: dict) -> list[str]:
        sp = r["speaker"]
        values = [r["doc_id"], r["kind"], sp["text"], sp["key"], sp["role"], sp["name"], r["cue"], r["start"], r["end"],
                  r["content"]]
        return ["" if v is None else str(v).replace("\n", " ") for v in values]
    table = [list(COLUMNS)] + [cells(r) for r in rows]
    widths = [min(40, max(len(row[i]) for row in table)) for i in range(len(COLUMNS) - 1)]
    out = []
    for row in table:
        fixed = [v[:w].ljust(w) for v, w in zip(row[:-1], widths)]
        out.append("  ".join(fixed + [row[-1]]).rstrip())
    return out
