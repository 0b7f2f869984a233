"""`veille eval`: score the pipeline against gold files."""
from __future__ import annotations

import json

import click

from ..eval.runner import evaluate
from .common import settings_from


@click.command("eval")
@click.argument("gold", nargs=-1)
@click.option("--by-type", is_flag=True, help="Precision, recall and F1 per PLOVER type, and type confusions.")
@click.option("--errors", is_flag=True, help="List every false positive and false negative triple, and the matched events whose date (DATE), place country (PLACE) or keys (KEYS) are wrong.")
@click.option("--timeml", "timeml_dir", default=None, type=click.Path(exists=True, file_okay=False),
              help="Also score dates against a directory of TimeML (.tml) files.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.pass_context
def eval_command(ctx: click.Context, gold: tuple[str, ...], by_type: bool, errors: bool, timeml_dir: str | None,
                 as_json: bool) -> int:
    """Score events (and quotes) against gold JSONL files (coding-guide.md, section 8).

    Example: veille eval gold/seed.jsonl gold/fr-dev.jsonl --by-type
    """
    if not gold and not timeml_dir:
        raise click.UsageError("give at least one GOLD file or --timeml DIR")
    settings = settings_from(ctx)
    report = evaluate(list(gold), settings)
    if timeml_dir:
        from ..eval.timeml import evaluate_timeml
        report.timeml = evaluate_timeml(timeml_dir)
    click.echo(json.dumps(report.as_dict(), indent=1) if as_json else report.format(by_type=by_type, errors=errors))
    return 0
