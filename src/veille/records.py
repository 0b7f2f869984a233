"""Typed records that flow through veille: documents in, events/quotes/timexes out.
`to_dict()` gives the JSON form (events follow spec/event.schema.json)."""
from __future__ import annotations

import functools
import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Document:
    id: str
    text: str
    date: str | None = None  # publication date, YYYY-MM-DD
    title: str | None = None
    lang: str | None = None
    url: str | None = None
    source: str | None = None  # where it was read from: path, path:line

    @functools.cached_property
    def content_hash(self) -> str:
        """Hash of the normalised text: the same article with other white space is the same.
        Computed once per Document (dedup and storage each ask for it several times)."""
        norm = " ".join(self.text.split()).casefold()
        return hashlib.sha256(norm.encode("utf-8")).hexdigest()


@dataclass
class Entity:
    text: str
    key: str | None
    country: str | None = None
    org: str | None = None
    role: str | None = None
    name: str | None = None
    code: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Evidence:
    sentence: int
    start: int
    end: int
    text: str
    trigger: str
    trigger_start: int | None = None
    trigger_end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Location:
    text: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Event:
    doc_id: str
    type: str
    cameo: str
    actor: Entity
    recipient: Entity | None
    date: str
    date_precision: str
    modality: str
    evidence: Evidence
    lang: str
    mode: str | None = None
    contexts: list[str] = field(default_factory=list)
    score: float | None = None
    goldstein: float | None = None
    quad_class: int | None = None
    symmetric: bool = False
    date_end: str | None = None
    location: Location | None = None
    reported_by: Entity | None = None
    confidence: float = 0.8
    provenance: dict[str, Any] = field(default_factory=dict)
    event_id: str = ""

    def assign_id(self) -> str:
        """Stable id: same document, dyad, type and trigger position give the same id."""
        parts = [self.doc_id, self.type, self.actor.key or "", self.recipient.key if self.recipient else "",
                 str(self.evidence.start), str(self.evidence.trigger_start), self.evidence.trigger]
        self.event_id = hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:16]
        return self.event_id

    @property
    def dyad(self) -> tuple[str | None, str | None]:
        return (self.actor.key, self.recipient.key if self.recipient else None)

    def to_dict(self) -> dict[str, Any]:
        out = {
            "event_id": self.event_id, "doc_id": self.doc_id, "type": self.type, "mode": self.mode,
            "contexts": list(self.contexts), "cameo": self.cameo, "score": self.score,
            "goldstein": self.goldstein, "actor": self.actor.to_dict(),
            "recipient": self.recipient.to_dict() if self.recipient else None,
            "symmetric": self.symmetric, "date": self.date, "date_end": self.date_end,
            "date_precision": self.date_precision,
            "location": self.location.to_dict() if self.location else None,
            "modality": self.modality,
            "reported_by": self.reported_by.to_dict() if self.reported_by else None,
            "evidence": self.evidence.to_dict(), "confidence": self.confidence, "lang": self.lang,
            "provenance": dict(self.provenance),
        }
        if self.quad_class is not None:
            out["quad_class"] = self.quad_class
        return out


@dataclass
class Timex:
    """A temporal expression, normalised TimeML-style."""
    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str | None  # 2023-11-14, 2023-10, 2023-W46, PRESENT_REF, P3D...
    precision: str  # day, month, year, week, approximate, ...
    approximate: bool = False
    value_end: str | None = None  # for ranges

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Speaker:
    text: str
    key: str | None = None
    role: str | None = None
    name: str | None = None
    keys: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Quote:
    doc_id: str
    kind: str  # direct, indirect, mixed
    content: str
    start: int
    end: int
    cue: str | None
    speaker: Speaker
    sentence: int | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["speaker"] = self.speaker.to_dict()
        return d


@dataclass
class DocumentResult:
    """Everything veille extracted from one document."""
    document: Document
    lang: str
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
