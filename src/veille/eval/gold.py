"""Read gold files (JSONL, one document per line, as in shared/data/gold): documents
with their events or quotes. Each bad line fails with file, line and reason (E013)."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import E, VeilleError
from ..records import Document


@dataclass(frozen=True)
class GoldEvent:
    actors: frozenset[str | None]
    recipients: frozenset[str | None]
    types: frozenset[str]
    required: bool
    symmetric: bool
    date: str | None
    date_precision: str | None
    modality: str | None
    location: str | None
    raw: dict = field(default_factory=dict, compare=False, hash=False)

    def matches(self, actor: str | None, recipient: str | None, typ: str) -> bool:
        if typ not in self.types:
            return False
        if actor in self.actors and recipient in self.recipients:
            return True
        return self.symmetric and recipient in self.actors and actor in self.recipients


@dataclass
class GoldDoc:
    document: Document
    events: list[GoldEvent]
    quotes: list[dict[str, Any]]


def _event(obj: dict, where: str) -> GoldEvent:
    for req in ("actor", "type"):
        if req not in obj:
            raise VeilleError(E.E013, path=where.split(":")[0], line=where.split(":")[-1], reason=f"event without {req!r}")
    return GoldEvent(
        actors=frozenset([obj["actor"], *obj.get("alt_actor", [])]),
        recipients=frozenset([obj.get("recipient"), *obj.get("alt_recipient", [])]),
        types=frozenset([obj["type"], *obj.get("alt_types", [])]),
        required=bool(obj.get("required", True)), symmetric=bool(obj.get("symmetric", False)),
        date=obj.get("date"), date_precision=obj.get("date_precision"), modality=obj.get("modality"),
        location=obj.get("location") if isinstance(obj.get("location"), str) else (obj.get("location") or {}).get("text"),
        raw=obj)


def read_gold(path: str | Path) -> list[GoldDoc]:
    path = Path(path)
    if not path.exists():
        raise VeilleError(E.E007, path=str(path))
    out = []
    for lineno, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise VeilleError(E.E013, path=path, line=lineno, reason=f"invalid JSON ({exc.msg})") from None
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or "id" not in obj:
            raise VeilleError(E.E013, path=path, line=lineno, reason="each line needs 'id' and 'text'")
        doc = Document(id=str(obj["id"]), text=obj["text"], date=obj.get("date"), title=obj.get("title"),
                       lang=obj.get("lang"), url=obj.get("url"), source=f"{path}:{lineno}")
        events = [_event(e, f"{path}:{lineno}") for e in obj.get("events", [])]
        out.append(GoldDoc(doc, events, list(obj.get("quotes", []))))
    return out
