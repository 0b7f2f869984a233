"""`veille actors`: most active entities and dyads (wraps `veille.analysis.top_actors`)."""
from __future__ import annotations

import json

import click

from ..analysis import top_actors
from .common import db_option, write_lines


def _table(head: tuple[str, ...], rows: list[list[str]]) -> list[str]:
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(head)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    return [fmt.format(*head), *(fmt.format(*r) for r in rows)]


@click.command("actors")
@db_option()
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="Entities and dyads to list.")
@click.option("--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True)
def actors(db_path: str, limit: int, fmt: str) -> None:
    """Most active entities (events as actor or recipient) and dyads (both directions).

    Example: veille actors --db news.duckdb --limit 10
    """
    found = top_actors(db_path, limit=limit)
    if fmt == "json":
        write_lines([json.dumps(found, ensure_ascii=False)])
        return
    ents = [[e["key"], str(e["events"]), str(e["as_actor"]), str(e["as_recipient"]), e["top_name"] or ""]
            for e in found["entities"]]
    dyads = [[f"{d['a']}/{d['b']}", str(d["events"]), str(d["a_to_b"]), str(d["b_to_a"]),
              "" if d["mean_goldstein"] is None else f"{d['mean_goldstein']:.2f}"] for d in found["dyads"]]
    write_lines(["Entities", *_table(("key", "events", "as_actor", "as_recipient", "most frequent name"), ents), "",
                 "Dyads", *_table(("dyad", "events", "a->b", "b->a", "mean_goldstein"), dyads)])
