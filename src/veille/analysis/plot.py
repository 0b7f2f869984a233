"""Dyad timeline plot (matplotlib, Agg backend: no display needed).

Top panel: events per period by quad class, A->B above the axis and B->A mirrored
below it. Bottom panel: mean Goldstein score per period for each direction."""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from ..errors import E, VeilleError
from .quads import QUAD_COLUMNS, QUAD_LABELS

QUAD_COLOURS = {1: "#4c9be8", 2: "#1f5fa8", 3: "#f0a04b", 4: "#c8372d"}


def plot_dyad(frame: pd.DataFrame, a: str, b: str, out: str | os.PathLike[str], title: str | None = None) -> Path:
    """Write the timeline `dyad_timeline(store, a, b, by)` of entities `a` and `b` as a PNG
    to `out`; return the path."""
    import matplotlib
    matplotlib.use("Agg", force=True)
    from matplotlib import ticker
    from matplotlib.figure import Figure  # no pyplot: no global figure state

    by = frame.attrs.get("by", "month")
    fig = Figure(figsize=(11, 6.5), dpi=100)
    top, bottom = fig.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [3, 2]})
    periods = list(dict.fromkeys(frame["period"])) if len(frame) else []
    x = list(range(len(periods)))
    for sign, direction in ((1, f"{a}->{b}"), (-1, f"{b}->{a}")):
        part = frame[frame["direction"] == direction].set_index("period").reindex(periods)
        base = [0.0] * len(periods)
        for quad, column in QUAD_COLUMNS.items():
            values = [sign * float(v or 0) for v in part[column].fillna(0)] if len(part) else []
            label = QUAD_LABELS[quad] if sign == 1 else None
            top.bar(x, values, bottom=base, color=QUAD_COLOURS[quad], label=label, width=0.8,
                    edgecolor="white", linewidth=0.5)
            base = [p + v for p, v in zip(base, values)]
        marker = "o-" if sign == 1 else "s--"
        bottom.plot(x, list(part["mean_goldstein"].astype(float)) if len(part) else [], marker,
                    label=f"{direction.replace('->', ' → ')}", color="#333333" if sign == 1 else "#888888")
    top.axhline(0, color="black", linewidth=0.8)
    top.set_ylabel(f"events per {by}\n(↑ {a} → {b}, ↓ {b} → {a})")
    top.yaxis.set_major_locator(ticker.MaxNLocator(integer=True))
    top.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _: f"{abs(v):g}"))
    top.legend(title="quad class", loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small")
    top.grid(axis="y", alpha=0.3)
    bottom.axhline(0, color="black", linewidth=0.5)
    bottom.set_ylim(-10.5, 10.5)
    bottom.set_ylabel("mean Goldstein score")
    bottom.set_xlabel(by)
    bottom.legend(title="direction", loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small")
    bottom.grid(alpha=0.3)
    step = max(1, len(periods) // 24)
    bottom.set_xticks(x[::step], periods[::step], rotation=45, ha="right")
    fig.suptitle(title or f"Dyad {a} – {b}: events per {by} by quad class, and mean Goldstein score")
    if not periods:
        top.text(0.5, 0.5, "no dated events for this dyad", ha="center", va="center", transform=top.transAxes)
    fig.tight_layout()
    out = Path(out)
    try:
        fig.savefig(out, format="png")
    except OSError as exc:
        raise VeilleError(E.E606, path=out, reason=exc.strerror or exc) from None
    return out
