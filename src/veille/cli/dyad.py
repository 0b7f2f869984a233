"""`veille dyad A B`: relationship timeline of two entity keys (wraps
`veille.analysis.dyad_timeline`, and `plot_dyad` for --plot)."""
from __future__ import annotations

import math
import sys

import click

from ..analysis import dyad_timeline, plot_dyad
from ..analysis.dyads import PERIODS, QUAD_COLUMNS, TYPE_COLUMNS
from .common import db_option, write_lines

_FIXED = ("period", "direction", "events", *QUAD_COLUMNS.values())


def _cell(value: object) -> str:
    if isinstance(value, float):
        return "" if math.isnan(value) else f"{value:.2f}"
    return str(value)


def _columns(frame) -> list[str]:
    """Fixed columns, then only the PLOVER types that occur, then the means."""
    types = [c for c in TYPE_COLUMNS if len(frame) and frame[c].sum() > 0]
    return [*_FIXED, *types, "mean_score", "mean_goldstein"]


@click.command("dyad")
@click.argument("a")
@click.argument("b")
@db_option()
@click.option("--by", type=click.Choice(PERIODS), default="month", show_default=True, help="Period length.")
@click.option("--plot", "plot_path", default=None, type=click.Path(dir_okay=False), metavar="FILE.png",
              help="Also draw the timeline as a PNG.")
@click.option("--format", "fmt", type=click.Choice(("table", "csv")), default="table", show_default=True)
def dyad(a: str, b: str, db_path: str, by: str, plot_path: str | None, fmt: str) -> None:
    """Timeline of events between entity keys A and B, both directions, per week or month:
    counts by quad class and PLOVER type, mean PLOVER score and mean Goldstein score.
    Symmetric events (meetings of peers) count in both directions.

    Example: veille dyad FRA RUS --db news.duckdb --by month --plot fra-rus.png
    """
    frame = dyad_timeline(db_path, a, b, by=by)
    columns = _columns(frame)
    if fmt == "csv":
        frame.to_csv(sys.stdout, columns=columns, index=False, lineterminator="\n")
    else:
        rows = [[_cell(v) for v in rec] for rec in frame[columns].itertuples(index=False)]
        head = [c.removeprefix("type_") for c in columns]
        widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(head)]
        fmt_line = "  ".join(f"{{:>{w}}}" if i > 1 else f"{{:<{w}}}" for i, w in enumerate(widths))
        write_lines([fmt_line.format(*head), *(fmt_line.format(*r) for r in rows)])
    total = int(frame["events"].sum()) if len(frame) else 0
    click.echo(f"{a}/{b}: {total} directed event count(s) in {len(frame) // 2} {by}(s)", err=True)
    if frame.attrs.get("too_coarse"):
        click.echo(f"{frame.attrs['too_coarse']} event(s) dated more coarsely than a {by} were left out", err=True)
    if plot_path:
        click.echo(f"plot written to {plot_dyad(frame, a, b, plot_path)}", err=True)
