"""Flat (one column per field) views of event records, for CSV and tables."""
from __future__ import annotations

import json
from typing import Any, Iterable, Iterator

from .schema import ENTITY_COLUMNS

FLAT_COLUMNS: tuple[str, ...] = (
    "event_id", "doc_id", "date", "date_end", "date_precision", "type", "mode", "cameo", "quad_class",
    "score", "goldstein", "modality", "symmetric", "confidence", "lang", "contexts",
    *(f"actor_{c}" for c in ENTITY_COLUMNS), *(f"recipient_{c}" for c in ENTITY_COLUMNS),
    *(f"reported_by_{c}" for c in ENTITY_COLUMNS),
    "location_text", "location_country", "location_lat", "location_lon",
    "evidence_sentence", "evidence_start", "evidence_end", "evidence_trigger", "evidence_text", "provenance",
)


def flatten(record: dict[str, Any]) -> dict[str, Any]:
    """One event record (event.schema.json) as a flat dict with FLAT_COLUMNS keys.
    Lists are joined with ';', provenance is JSON text."""
    out: dict[str, Any] = {k: record.get(k) for k in
                           ("event_id", "doc_id", "date", "date_end", "date_precision", "type", "mode", "cameo",
                            "quad_class", "score", "goldstein", "modality", "symmetric", "confidence", "lang")}
    out["contexts"] = ";".join(record.get("contexts") or [])
    for role in ("actor", "recipient", "reported_by"):
        entity = record.get(role) or {}
        for c in ENTITY_COLUMNS:
            out[f"{role}_{c}"] = entity.get(c)
    loc = record.get("location") or {}
    for c in ("text", "country", "lat", "lon"):
        out[f"location_{c}"] = loc.get(c)
    ev = record.get("evidence") or {}
    for c in ("sentence", "start", "end", "trigger", "text"):
        out[f"evidence_{c}"] = ev.get(c)
    out["provenance"] = json.dumps(record.get("provenance") or {}, ensure_ascii=False, sort_keys=True)
    return out


def flat_rows(records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for rec in records:
        yield flatten(rec)
