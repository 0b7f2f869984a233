"""`veille extract`: events of documents to stdout."""
from __future__ import annotations

import json

import click

from ..extraction import extract_paths
from .common import date_option, lang_option, parse_date, report_rejects, settings_from, write_lines


@click.command()
@click.argument("paths", nargs=-1, required=True)
@lang_option
@date_option
@click.option("--model", default=None, help="spaCy pipeline name or path to use instead of the configured one.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True)
@click.pass_context
def extract(ctx: click.Context, paths: tuple[str, ...], lang: str | None, date: str | None, model: str | None,
            fmt: str) -> int:
    """Extract events from .txt, .jsonl, .html files, directories or '-' (stdin).

    Example: veille extract article.txt --date 2023-11-17
    """
    settings = settings_from(ctx)
    if model:
        settings = settings.with_model(lang if lang in ("fr", "en") else settings.lang, model)
    rejects = []
    lines = []

    def emit(result) -> None:
        for ev in result.events:
            if fmt == "jsonl":
                click.echo(json.dumps(ev.to_dict(), ensure_ascii=False))
            else:
                r = ev.recipient.key if ev.recipient else "-"
                click.echo(f"{ev.doc_id}\t{ev.date}\t{ev.actor.key}\t{ev.type}\t{r}\t{ev.cameo}\t{ev.modality}\t{ev.evidence.trigger}")

    if fmt == "table":
        click.echo("doc_id\tdate\tactor\ttype\trecipient\tcameo\tmodality\ttrigger")
    for item in extract_paths(paths, settings, date=parse_date(date), lang=lang):
        if isinstance(item, Exception):
            rejects.append(item)
        else:
            emit(item)
    del lines
    return 2 if report_rejects(rejects) else 0
