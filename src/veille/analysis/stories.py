"""Stories: one occurrence reported by several articles, in any language.

`build_stories(store)` groups every stored event (see `stories_group` for the rule),
and writes the stories in one transaction (`veille.ingest.run.ingest` calls it at the
end of every run); it always regroups all events, so building
after each ingest gives exactly what one build at the end would. Evidence embeddings
are cached in the database per encoder, so a rebuild only encodes new events, and only
of events that can be compared with another one (`stories_group.comparable`: datable,
in a block with another datable event); the others are never read by the grouping.
`stories(store, **filters)` reads them back; when the stored stories are missing or
stale (events were added since the build) it groups in memory instead, without writing.

A story's id is derived from its first event (`s-` + event id), so it stays the same
across rebuilds unless an earlier report of the same occurrence arrives later.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import urlsplit

import numpy as np

from ..store import Store
from ..store.query import EventQuery
from .stories_encoder import SentenceEncoder, default_encoder
from .stories_group import POLARITY, Group, Mention, StoryParams, comparable, group_mentions

log = logging.getLogger(__name__)

_ENCODE_CHUNK = 256  # sentences per encoder call (and per cache write)


@dataclass(frozen=True)
class Story:
    story_id: str
    type: str
    actor: str | None
    recipient: str | None
    symmetric: bool
    polarity: str
    mentions: int  # events in the story
    documents: int  # distinct documents reporting it
    sources: int  # distinct outlets: URL host, else the file it was read from
    date_first: str | None  # first and last day of the reported occurrence
    date_last: str | None
    first_seen: str | None  # first and last publication date of a reporting document
    last_seen: str | None
    evidence: str  # representative evidence sentence (closest to all the others)
    evidence_event_id: str
    event_ids: list[str] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    langs: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class StoryBuild:
    events: int
    stories: int
    multi: int  # stories with more than one event
    encoded: int  # evidence sentences encoded in this build (the others came from the cache)
    encoder: str
    params: StoryParams


# -- building -------------------------------------------------------------------------
def mentions_of(store: Store) -> list[Mention]:
    return [Mention(**row) for row in store.story_mentions()]


def embed(mentions: list[Mention], encoder: SentenceEncoder, store: Store | None = None,
          needed: list[bool] | None = None) -> tuple[np.ndarray, int]:
    """Unit vectors of the mentions' evidence, from the store's cache where possible
    (new ones are added to it when the store is writable). Returns (vectors, encoded).
    With `needed`, only those mentions get a vector (the others a zero row, and nothing
    is encoded nor loaded for them)."""
    if needed is None:
        needed = [True] * len(mentions)
    wanted = [m for m, n in zip(mentions, needed) if n]
    cached = store.story_vectors(encoder.name) if store is not None and wanted else {}
    missing = [m for m in wanted if m.event_id not in cached]
    fresh: dict[str, list[float]] = {}
    for i in range(0, len(missing), _ENCODE_CHUNK):
        chunk = missing[i:i + _ENCODE_CHUNK]
        vectors = encoder.encode([m.evidence for m in chunk])
        part = {m.event_id: v.tolist() for m, v in zip(chunk, vectors)}
        fresh.update(part)
        if store is not None and not store.read_only:
            store.add_story_vectors(encoder.name, part)
    if not mentions:
        return np.zeros((0, 1), dtype=np.float32), 0
    table = {**cached, **fresh}
    dim = len(next(iter(table.values()))) if table else 1
    out = np.zeros((len(mentions), dim), dtype=np.float32)
    for i, (m, n) in enumerate(zip(mentions, needed)):
        if n:
            out[i] = table[m.event_id]
    return out, len(missing)


def _host(url: str | None) -> str | None:
    if not url:
        return None
    return urlsplit(url).netloc.lower().removeprefix("www.") or None


def _outlet(m: Mention) -> str:
    host = _host(m.url)
    if host:
        return host
    source = m.source or m.doc_id
    head, sep, tail = source.rpartition(":")  # 'corpus.jsonl:12' -> 'corpus.jsonl'
    return head if sep and tail.isdigit() else source


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def make_story(group: Group, mentions: list[Mention]) -> Story:
    ms = [mentions[i] for i in group.members]
    first, best = ms[0], mentions[group.best]
    doc_ids = list(dict.fromkeys(m.doc_id for m in ms))
    seen = sorted(m.doc_date for m in ms if m.doc_date)
    firsts = [m.date_first for m in ms if m.date_first]
    lasts = [m.date_last for m in ms if m.date_last]
    return Story(
        story_id=f"s-{first.event_id}", type=first.type, actor=first.block()[2][0] or None,
        recipient=first.block()[2][1] or None, symmetric=first.symmetric,
        polarity=POLARITY.get(first.modality or "asserted", "real"), mentions=len(ms), documents=len(doc_ids),
        sources=len({_outlet(m) for m in ms}), date_first=_iso(min(firsts) if firsts else None),
        date_last=_iso(max(lasts) if lasts else None), first_seen=seen[0] if seen else None,
        last_seen=seen[-1] if seen else None, evidence=" ".join(best.evidence.split()),
        evidence_event_id=best.event_id, event_ids=[m.event_id for m in ms], doc_ids=doc_ids,
        urls=list(dict.fromkeys(m.url for m in ms if m.url)),
        langs=sorted({m.lang for m in ms if m.lang}))


def compute_stories(store: Store, encoder: SentenceEncoder | None = None,
                    params: StoryParams = StoryParams()) -> tuple[list[Story], int]:
    """Group the store's events into stories without writing them (except cached vectors,
    if the store is writable). Returns (stories in order, sentences encoded)."""
    found, _, encoded = _compute(store, encoder or default_encoder(), params)
    return found, encoded


def _compute(store: Store, encoder: SentenceEncoder,
             params: StoryParams) -> tuple[list[Story], dict[str, str], int]:
    mentions = mentions_of(store)
    if not mentions:
        return [], {}, 0
    vectors, encoded = embed(mentions, encoder, store, comparable(mentions, params))
    groups = group_mentions(mentions, vectors, params)
    doc_of = {m.event_id: m.doc_id for m in mentions}
    return _ordered([make_story(g, mentions) for g in groups]), doc_of, encoded


def _ordered(stories: list[Story]) -> list[Story]:
    return sorted(stories, key=lambda s: (s.date_first is None, s.date_first or "", s.story_id))


def build_stories(store: Store, encoder: SentenceEncoder | None = None,
                  params: StoryParams = StoryParams()) -> StoryBuild:
    """Regroup all events of a writable store and replace its stories."""
    encoder = encoder or default_encoder()
    fingerprint = store.events_fingerprint()
    found, doc_of, encoded = _compute(store, encoder, params)
    story_rows, member_rows = [], []
    for s in found:
        story_rows.append({
            "story_id": s.story_id, "type": s.type, "actor": s.actor, "recipient": s.recipient,
            "symmetric": s.symmetric, "polarity": s.polarity, "mentions": s.mentions, "documents": s.documents,
            "sources": s.sources, "date_first": _date(s.date_first), "date_last": _date(s.date_last),
            "first_seen": s.first_seen, "last_seen": s.last_seen, "evidence_event_id": s.evidence_event_id,
            "evidence_text": s.evidence, "langs": s.langs,
            "record": json.dumps(s.to_dict(), ensure_ascii=False, sort_keys=True)})
        member_rows.extend({"event_id": e, "story_id": s.story_id, "seq": i, "doc_id": doc_of[e]}
                           for i, e in enumerate(s.event_ids))
    events = sum(s.mentions for s in found)
    store.replace_stories(story_rows, member_rows, {
        "built_at": dt.datetime.now(dt.timezone.utc).replace(tzinfo=None), "fingerprint": fingerprint,
        "encoder": encoder.name, "params": json.dumps(params.as_dict(), sort_keys=True), "events": events,
        "stories": len(found)})
    multi = sum(1 for s in found if s.mentions > 1)
    log.info("stories: %d events in %d stories (%d with more than one event); %d sentences encoded",
             events, len(found), multi, encoded)
    return StoryBuild(events=events, stories=len(found), multi=multi, encoded=encoded, encoder=encoder.name,
                      params=params)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


# -- reading --------------------------------------------------------------------------
def is_fresh(store: Store, params: StoryParams = StoryParams(), encoder_name: str | None = None) -> bool:
    """True if stored stories were built from the current events with these parameters."""
    build = store.story_build()
    if build is None or build["fingerprint"] != store.events_fingerprint():
        return False
    if build["params"] != json.dumps(params.as_dict(), sort_keys=True):
        return False
    return encoder_name is None or build["encoder"] == encoder_name


def stories(store: Store, actor: str | None = None, recipient: str | None = None, type: str | None = None,
            since: str | None = None, until: str | None = None, min_mentions: int = 1,
            limit: int | None = None, offset: int = 0, encoder: SentenceEncoder | None = None,
            params: StoryParams = StoryParams()) -> list[Story]:
    """Stories of the store, in order of their first day, filtered like `Store.events`:
    `actor`/`recipient` keys (either side for symmetric stories), PLOVER `type`, and
    `since`/`until` (stories whose days overlap the range). Uses the stored stories when
    fresh, else groups in memory (see the module doc)."""
    query = EventQuery(type=type, since=since, until=until)
    query.where()  # validates the type (E012) and the dates (E002)
    if is_fresh(store, params, encoder.name if encoder else None):
        found = [Story(**r) for r in store.story_records()]
    else:
        log.warning("stories of %s are missing or stale (an ingest was interrupted?); grouping in memory. "
                    "Run the ingest again to store them.", store.path)
        found, _ = compute_stories(store, encoder, params)
    kept = [s for s in found if s.mentions >= min_mentions and _matches(s, actor, recipient, query)]
    end = None if limit is None else offset + limit
    return kept[offset:end]


def _matches(s: Story, actor: str | None, recipient: str | None, query: EventQuery) -> bool:
    if query.type and s.type != query.type.upper():
        return False
    if s.symmetric:
        sides = [s.actor, s.recipient]
        for key in (actor, recipient):
            if key:
                if key not in sides:
                    return False
                sides.remove(key)
    elif (actor and s.actor != actor) or (recipient and s.recipient != recipient):
        return False
    since = query.since.isoformat() if isinstance(query.since, dt.date) else query.since
    until = query.until.isoformat() if isinstance(query.until, dt.date) else query.until
    if since and (s.date_last is None or s.date_last < since):
        return False
    if until and (s.date_first is None or s.date_first > until):
        return False
    return True
