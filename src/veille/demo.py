"""The main job on the embedded default: the bundled corpus (1,159 French Wikinews
articles and the model article) into a DuckDB file, then a summary and a dyad plot."""
from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Callable

from .settings import Settings
from .store import Store

DEMO_DYAD = ("RUS", "PRK")  # the model article's relationship


def bundled_corpus() -> list[str]:
    """Paths of the bundled demo corpus files (inside the installed package)."""
    folder = resources.files("veille").joinpath("data", "corpus")
    return [str(folder.joinpath(name)) for name in ("model-article.jsonl", "wikinews-fr-2016-2018.jsonl.gz")]


@dataclass
class Summary:
    documents: int
    events: int
    rejects: int
    by_type: list[tuple[str, int]] = field(default_factory=list)
    by_modality: list[tuple[str, int]] = field(default_factory=list)
    dyads: list[tuple[str, str, int]] = field(default_factory=list)
    actors: list[tuple[str, int]] = field(default_factory=list)

    def format(self) -> str:
        lines = [f"documents: {self.documents}   events: {self.events}   rejected inputs: {self.rejects}", "",
                 "events by PLOVER type:"]
        lines += [f"  {t:10s} {n:6d}" for t, n in self.by_type]
        lines += ["", "events by modality:"] + [f"  {m:12s} {n:6d}" for m, n in self.by_modality]
        lines += ["", "most active dyads (actor -> recipient):"]
        lines += [f"  {a:5s} -> {r:5s} {n:6d}" for a, r, n in self.dyads]
        lines += ["", "most active actors:"] + [f"  {a:6s} {n:6d}" for a, n in self.actors]
        return "\n".join(lines)


def summarize(store: Store, top: int = 10) -> Summary:
    con = store.con
    counts = store.counts()

    def rows(sql: str, params: list | None = None) -> list[tuple]:
        return [tuple(r) for r in con.execute(sql, params or []).fetchall()]

    return Summary(
        documents=counts["documents"], events=counts["events"], rejects=counts["rejects"],
        by_type=rows("SELECT type, count(*) n FROM events GROUP BY type ORDER BY n DESC, type"),
        by_modality=rows("SELECT modality, count(*) n FROM events GROUP BY modality ORDER BY n DESC, modality"),
        dyads=rows("SELECT actor_key, recipient_key, count(*) n FROM events WHERE recipient_key IS NOT NULL "
                   "GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT ?", [top]),
        actors=rows("SELECT actor_key, count(*) n FROM events GROUP BY 1 ORDER BY n DESC, 1 LIMIT ?", [top]),
    )


def run_demo(db_path: str, settings: Settings, plot: str | None = None, workers: int | None = None,
             limit_paths: list[str] | None = None, progress: Callable | None = None):
    """Ingest the bundled corpus (idempotent) and return (ingest report, summary, plot path or None)."""
    from .ingest.run import ingest
    report = ingest(limit_paths or bundled_corpus(), db_path, settings, workers=workers, progress=progress)
    with Store.open(db_path, read_only=True) as store:
        summary = summarize(store)
    plotted = None
    if plot:
        from .analysis.dyads import dyad_timeline, plot_dyad
        frame = dyad_timeline(db_path, *DEMO_DYAD, by="month")
        plot_dyad(frame, *DEMO_DYAD, Path(plot))
        plotted = plot
    return report, summary, plotted
