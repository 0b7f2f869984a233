"""Group event mentions into stories. Pure functions: no database, no model.

Two mentions can be one story only if they share the block key: PLOVER type, polarity
(negated / future-or-hypothetical / asserted-or-alleged) and dyad (actor and recipient
keys, in either order when the event is symmetric). Within a block, mentions are taken
in a canonical order (event first day, last day, event id), never in ingest order, so
the same set of events always gives the same stories, however and whenever it was
ingested. Each mention joins the open story that it can join without any two of the
story's mentions being more than `window_days` apart (gap between their date
intervals: a month-precision mention is near every day of its month, but cannot bring
together two days three weeks apart), and whose closest member's evidence sentence is
at least `min_similarity` (cosine) from its own; the most similar such story wins, the
earlier one on a tie; otherwise the mention starts a new story. The date condition
holds for every pair, so chains of reports cannot creep across weeks.

Mentions without a date, or dated more coarsely than `max_span_days` (a year), are
never merged: their date cannot say they are the same occurrence.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import asdict, dataclass, field

import numpy as np

POLARITY = {"asserted": "real", "alleged": "real", "future": "irrealis", "hypothetical": "irrealis",
            "negated": "negated"}


@dataclass(frozen=True)
class StoryParams:
    window_days: int = 3  # largest gap between a mention's dates and the story's first mention
    min_similarity: float = 0.55  # cosine between evidence sentences (USE multilingual v3)
    max_span_days: int = 31  # mentions dated more coarsely (a year) stay alone

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


@dataclass(frozen=True)
class Mention:
    """One stored event, with what grouping and story summaries need."""
    event_id: str
    doc_id: str
    type: str
    actor: str | None  # entity key, else its text
    recipient: str | None
    symmetric: bool
    modality: str | None
    date_first: dt.date | None
    date_last: dt.date | None
    evidence: str
    lang: str | None = None
    doc_date: str | None = None  # publication date of the document
    url: str | None = None
    source: str | None = None  # where the document was read from

    def block(self) -> tuple[str, str, tuple[str, str]]:
        a, r = self.actor or "", self.recipient or ""
        dyad = tuple(sorted((a, r))) if self.symmetric else (a, r)
        return (self.type, POLARITY.get(self.modality or "asserted", "real"), dyad)  # type: ignore[return-value]

    def order(self) -> tuple:
        far = dt.date.max
        return (self.date_first or far, self.date_last or far, self.event_id)

    def datable(self, params: StoryParams) -> bool:
        if self.date_first is None or self.date_last is None:
            return False
        return (self.date_last - self.date_first).days <= params.max_span_days


@dataclass
class Group:
    """Indices (into the mention list) of one story, canonical order; `best` is the
    representative mention (the one closest to all the others). `latest_first` and
    `earliest_last` bound the story's dates: every two members are at most
    `latest_first - earliest_last` days apart."""
    members: list[int] = field(default_factory=list)
    best: int = -1
    latest_first: dt.date | None = None
    earliest_last: dt.date | None = None

    def add(self, i: int, m: Mention) -> None:
        self.members.append(i)
        if m.date_first and m.date_last:
            self.latest_first = max(filter(None, (self.latest_first, m.date_first)))
            self.earliest_last = min(filter(None, (self.earliest_last, m.date_last)))

    def spread_with(self, m: Mention) -> int:
        """Largest gap in days between two members if `m` joined."""
        assert self.latest_first and self.earliest_last and m.date_first and m.date_last
        return max(0, (max(self.latest_first, m.date_first) - min(self.earliest_last, m.date_last)).days)


def _new(i: int, m: Mention) -> Group:
    g = Group()
    g.add(i, m)
    return g


def comparable(mentions: list[Mention], params: StoryParams) -> list[bool]:
    """Whether `group_mentions` may ever compare each mention's evidence with another's:
    it is datable and another datable mention of its block is at most `window_days` from
    it (a story's members are all that close to each other, so a mention with no such
    neighbour stays alone whatever the vectors). Only those need an embedding."""
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        if m.datable(params):
            blocks[m.block()].append(i)
    out = [False] * len(mentions)
    for idx in blocks.values():
        idx.sort(key=lambda i: mentions[i].date_first)  # type: ignore[arg-type, return-value]
        for pos, i in enumerate(idx):
            a = mentions[i]
            for j in idx[pos + 1:]:
                b = mentions[j]  # b starts no earlier than a
                if (b.date_first - a.date_last).days > params.window_days:  # type: ignore[operator]
                    break  # too far, and so are all later ones
                out[i] = out[j] = True  # within the window (or b lies inside a's dates)
    return out


def group_mentions(mentions: list[Mention], vectors: np.ndarray, params: StoryParams) -> list[Group]:
    """Stories as groups of indices into `mentions`; `vectors[i]` is the unit-length
    embedding of `mentions[i].evidence` (read only where `comparable` is true). Groups come in canonical order of their first
    mention."""
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for i in sorted(range(len(mentions)), key=lambda i: mentions[i].order()):
        blocks[mentions[i].block()].append(i)
    groups: list[Group] = []
    for key in sorted(blocks):
        groups.extend(_group_block(blocks[key], mentions, vectors, params))
    for g in groups:
        g.best = _medoid(g.members, vectors)
    groups.sort(key=lambda g: mentions[g.members[0]].order())
    return groups


def _group_block(indices: list[int], mentions: list[Mention], vectors: np.ndarray,
                 params: StoryParams) -> list[Group]:
    done: list[Group] = []
    open_: list[Group] = []
    for i in indices:
        m = mentions[i]
        if not m.datable(params):
            done.append(_new(i, m))
            continue
        # mentions come by first day: a story none of whose members can be near this
        # mention can take no later mention either
        still = []
        for g in open_:
            (done if (m.date_first - g.earliest_last).days > params.window_days else still).append(g)  # type: ignore[operator]
        open_ = still
        best, best_sim = None, params.min_similarity
        for g in open_:
            if g.spread_with(m) > params.window_days:
                continue
            sim = float(np.max(vectors[g.members] @ vectors[i]))
            if sim >= best_sim and (best is None or sim > best_sim):
                best, best_sim = g, sim
        if best is None:
            open_.append(_new(i, m))
        else:
            best.add(i, m)
    return done + open_


def _medoid(members: list[int], vectors: np.ndarray) -> int:
    if len(members) == 1:
        return members[0]
    sims = vectors[members] @ vectors[members].T
    totals = sims.sum(axis=1)
    return members[int(np.argmax(totals))]  # argmax takes the first on a tie: canonical order
