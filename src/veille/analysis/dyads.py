"""Dyad timelines: how two entities treated each other, period by period.

An event belongs to the dyad (A, B) when its actor and recipient keys are A and B in
either order. Each event is counted in its own direction ("A->B" or "B->A"); a
symmetric event (a meeting of peers with no host) counts in both directions. Events
are placed in the period of their first day; events dated more coarsely than the
period (a year-precision event in a monthly timeline) are left out, and counted in
`DataFrame.attrs["too_coarse"]`, rather than piled into January.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pandas as pd

from ..errors import E, VeilleError
from ..ontology.model import PLOVER_TYPES
from ..store import Store
from ._open import StoreOrPath, opened, rows
from .plot import plot_dyad  # noqa: F401  (re-exported: timeline and plot from one module)
from .quads import QUAD_COLUMNS, QUAD_LABELS

PERIODS = ("week", "month")
TYPE_COLUMNS = tuple(f"type_{t}" for t in PLOVER_TYPES)
COLUMNS = ("period", "period_start", "period_end", "direction", "events", *QUAD_COLUMNS.values(),
           *TYPE_COLUMNS, "mean_score", "mean_goldstein")
_MAX_DAYS = {"week": 7, "month": 31}
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def check_period(by: str) -> str:
    if by not in PERIODS:
        raise VeilleError(E.E601, value=by, param="by", allowed=", ".join(PERIODS))
    return by


def period_of(day: dt.date, by: str) -> tuple[str, dt.date, dt.date]:
    """(label, first day, last day) of the period containing `day`."""
    if by == "week":
        start = day - dt.timedelta(days=day.weekday())
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}", start, start + dt.timedelta(days=6)
    start = day.replace(day=1)
    nxt = (start + dt.timedelta(days=32)).replace(day=1)
    return f"{day.year}-{day.month:02d}", start, nxt - dt.timedelta(days=1)


def parse_period(label: str, by: str) -> tuple[dt.date, dt.date]:
    """First and last day of a period label ('2017-03' for month, '2017-W10' for week)."""
    check_period(by)
    m = (_WEEK if by == "week" else _MONTH).match(label or "")
    try:
        if m and by == "week":
            start = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
            return start, start + dt.timedelta(days=6)
        if m:
            _, start, end = period_of(dt.date(int(m.group(1)), int(m.group(2)), 1), "month")
            return start, end
    except (ValueError, OverflowError):  # OverflowError: a period at the end of year 9999
        pass
    raise VeilleError(E.E607, value=label, by=by, param="period", example="2017-W10" if by == "week" else "2017-03")


def _next_start(start: dt.date, by: str) -> dt.date:
    return start + dt.timedelta(days=7) if by == "week" else (start + dt.timedelta(days=32)).replace(day=1)


_SQL = ("SELECT event_id, actor_key, recipient_key, \"symmetric\", type, quad_class, score, goldstein, "
        "date_first, date_last FROM events "
        "WHERE (actor_key = ? AND recipient_key = ?) OR (actor_key = ? AND recipient_key = ?) "
        "ORDER BY date_first NULLS LAST, doc_id, evidence_start, event_id")


def _directed(store: Store, a: str, b: str, by: str) -> tuple[list[dict[str, Any]], int]:
    """One row per (event, direction) with its period; and how many events were too coarse."""
    out, too_coarse = [], 0
    for r in rows(store, _SQL, [a, b, b, a]):
        first, last = r["date_first"], r["date_last"]
        if first is None or last is None or (last - first).days >= _MAX_DAYS[by]:
            too_coarse += 1
            continue
        label, start, end = period_of(first, by)
        forward = r["actor_key"] == a
        directions = [f"{a}->{b}", f"{b}->{a}"] if r["symmetric"] and a != b else \
            [f"{a}->{b}" if forward else f"{b}->{a}"]
        for direction in directions:
            out.append({**r, "period": label, "period_start": start, "period_end": end, "direction": direction})
    return out, too_coarse


def dyad_timeline(store_or_path: StoreOrPath, a: str, b: str, by: str = "month") -> pd.DataFrame:
    """Per period and direction: event count, counts by quad class and PLOVER type,
    mean PLOVER score and mean Goldstein score. Periods between the first and the last
    event are all present (zero counts, NaN means), for both directions.

    >>> dyad_timeline("news.duckdb", "FRA", "RUS", by="month")  # doctest: +SKIP
    """
    check_period(by)
    with opened(store_or_path) as store:
        directed, too_coarse = _directed(store, a, b, by)
    frame = _aggregate(directed, a, b, by)
    frame.attrs.update({"a": a, "b": b, "by": by, "too_coarse": too_coarse})
    return frame


def _aggregate(directed: list[dict[str, Any]], a: str, b: str, by: str) -> pd.DataFrame:
    if not directed:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in COLUMNS})
    starts = sorted({d["period_start"] for d in directed})
    grid, start = [], starts[0]
    while start <= starts[-1]:
        label, first, last = period_of(start, by)
        for direction in (f"{a}->{b}", f"{b}->{a}"):
            grid.append({"period": label, "period_start": first, "period_end": last, "direction": direction})
        start = _next_start(start, by)
    table: dict[tuple[str, str], dict[str, Any]] = {}
    for cell in grid:
        table[(cell["period"], cell["direction"])] = {
            **cell, "events": 0, **{c: 0 for c in QUAD_COLUMNS.values()}, **{c: 0 for c in TYPE_COLUMNS},
            "_scores": [], "_goldstein": []}
    for d in directed:
        cell = table[(d["period"], d["direction"])]
        cell["events"] += 1
        if d["quad_class"] in QUAD_COLUMNS:
            cell[QUAD_COLUMNS[d["quad_class"]]] += 1
        if d["type"] in PLOVER_TYPES:
            cell[f"type_{d['type']}"] += 1
        if d["score"] is not None:
            cell["_scores"].append(d["score"])
        if d["goldstein"] is not None:
            cell["_goldstein"].append(d["goldstein"])
    records = []
    for cell in table.values():
        scores, gold = cell.pop("_scores"), cell.pop("_goldstein")
        cell["mean_score"] = sum(scores) / len(scores) if scores else float("nan")
        cell["mean_goldstein"] = sum(gold) / len(gold) if gold else float("nan")
        records.append(cell)
    return pd.DataFrame.from_records(records, columns=list(COLUMNS))


def dyad_events(store_or_path: StoreOrPath, a: str, b: str, by: str, period: str) -> list[dict[str, Any]]:
    """The event records counted in one period of the dyad timeline (both directions),
    oldest first: what a click on a bar of the timeline shows."""
    check_period(by)
    first, _ = parse_period(period, by)
    label = period_of(first, by)[0]
    with opened(store_or_path) as store:
        directed, _ = _directed(store, a, b, by)
        ids = list(dict.fromkeys(d["event_id"] for d in directed if d["period"] == label))
        return [ev for ev in (store.event(i) for i in ids) if ev is not None]


def dyad_timeline_json(store_or_path: StoreOrPath, a: str, b: str, by: str = "month") -> dict[str, Any]:
    """`dyad_timeline` as JSON-ready data (what GET /dyads/{a}/{b} returns)."""
    return frame_json(dyad_timeline(store_or_path, a, b, by))


def frame_json(frame: pd.DataFrame) -> dict[str, Any]:
    """A timeline frame as JSON-ready data (NaN means become null, dates ISO strings)."""
    out = []
    for rec in frame.to_dict(orient="records"):
        for key, value in rec.items():
            if isinstance(value, float) and value != value:
                rec[key] = None
            elif isinstance(value, dt.date):
                rec[key] = value.isoformat()
            elif hasattr(value, "item"):
                rec[key] = value.item()
        out.append(rec)
    return {"a": frame.attrs.get("a"), "b": frame.attrs.get("b"), "by": frame.attrs.get("by"),
            "too_coarse": frame.attrs.get("too_coarse", 0), "quad_classes": {str(k): {"column": QUAD_COLUMNS[k], "label": QUAD_LABELS[k]} for k in QUAD_COLUMNS},
            "periods": out}
