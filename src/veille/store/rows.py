"""Turn veille records into flat table rows (and back). Pure functions, no database."""
from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from typing import Any

from ..records import Document, DocumentResult, Event, Quote, Timex
from .schema import ENTITY_COLUMNS

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def date_bounds(date: str | None, date_end: str | None = None) -> tuple[dt.date | None, dt.date | None]:
    """First and last day covered by a YYYY, YYYY-MM or YYYY-MM-DD date (and its end, if any)."""
    first = _bound(date, last=False)
    last = _bound(date_end, last=True) or _bound(date, last=True)
    return first, last


def _bound(value: str | None, last: bool) -> dt.date | None:
    m = _DATE.match(value or "")
    if not m:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if day:
            return dt.date(year, int(month), int(day))
        if month:
            mon = int(month)
            return dt.date(year, mon, calendar.monthrange(year, mon)[1] if last else 1)
        return dt.date(year, 12, 31) if last else dt.date(year, 1, 1)
    except ValueError:
        return None


def _entity_cols(prefix: str, entity: dict[str, Any] | None) -> dict[str, Any]:
    entity = entity or {}
    return {f"{prefix}_{c}": entity.get(c) for c in ENTITY_COLUMNS}


def event_row(event: Event, ingested_at: dt.datetime, run_id: str | None) -> dict[str, Any]:
    rec = event.to_dict()
    ev = rec["evidence"]
    loc = rec.get("location") or {}
    first, last = date_bounds(rec.get("date"), rec.get("date_end"))
    row: dict[str, Any] = {
        "event_id": rec["event_id"], "doc_id": rec["doc_id"], "type": rec["type"], "mode": rec.get("mode"),
        "contexts": list(rec.get("contexts") or []), "cameo": rec.get("cameo"), "score": rec.get("score"),
        "goldstein": rec.get("goldstein"), "quad_class": rec.get("quad_class"),
        "symmetric": bool(rec.get("symmetric")), "date": rec.get("date"), "date_end": rec.get("date_end"),
        "date_precision": rec.get("date_precision"), "date_first": first, "date_last": last,
        "modality": rec.get("modality"), "confidence": rec.get("confidence"), "lang": rec.get("lang"),
    }
    row.update(_entity_cols("actor", rec.get("actor")))
    row.update(_entity_cols("recipient", rec.get("recipient")))
    row.update(_entity_cols("reported_by", rec.get("reported_by")))
    row.update({
        "location_text": loc.get("text"), "location_country": loc.get("country"),
        "location_lat": loc.get("lat"), "location_lon": loc.get("lon"),
        "evidence_sentence": ev.get("sentence"), "evidence_start": ev.get("start"), "evidence_end": ev.get("end"),
        "evidence_text": ev.get("text"), "evidence_trigger": ev.get("trigger"),
        "evidence_trigger_start": ev.get("trigger_start"), "evidence_trigger_end": ev.get("trigger_end"),
        "provenance": json.dumps(rec.get("provenance") or {}, ensure_ascii=False, sort_keys=True),
        "record": json.dumps(rec, ensure_ascii=False, sort_keys=True),
        "ingested_at": ingested_at, "run_id": run_id,
    })
    return row


def document_row(doc: Document, lang: str, ingested_at: dt.datetime, run_id: str | None,
                 provenance: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "doc_id": doc.id, "content_hash": doc.content_hash, "url": doc.url, "title": doc.title,
        "date": doc.date, "lang": lang, "text": doc.text, "source": doc.source,
        "ingested_at": ingested_at, "run_id": run_id,
        "provenance": json.dumps(provenance or {}, ensure_ascii=False, sort_keys=True),
    }


def quote_row(quote: Quote, seq: int) -> dict[str, Any]:
    sp = quote.speaker
    return {
        "doc_id": quote.doc_id, "seq": seq, "kind": quote.kind, "content": quote.content,
        "start_char": quote.start, "end_char": quote.end, "cue": quote.cue, "sentence": quote.sentence,
        "speaker_text": sp.text, "speaker_key": sp.key, "speaker_role": sp.role, "speaker_name": sp.name,
        "speaker_keys": list(sp.keys),
        "record": json.dumps(quote.to_dict(), ensure_ascii=False, sort_keys=True),
    }


def timex_row(doc_id: str, timex: Timex, seq: int) -> dict[str, Any]:
    return {
        "doc_id": doc_id, "seq": seq, "start_char": timex.start, "end_char": timex.end, "text": timex.text,
        "type": timex.type, "value": timex.value, "value_end": timex.value_end,
        "precision": timex.precision, "approximate": bool(timex.approximate),
    }


def result_rows(res: DocumentResult, ingested_at: dt.datetime, run_id: str | None,
                provenance: dict[str, Any] | None, seen_events: set[str]) -> dict[str, list[dict[str, Any]]]:
    """Rows of one document's result for each table; events already in `seen_events`
    (updated here) are left out, so an event id is stored once."""
    doc = res.document
    events = []
    for ev in res.events:
        if not ev.event_id:
            ev.assign_id()
        if ev.event_id in seen_events:
            continue
        seen_events.add(ev.event_id)
        events.append(event_row(ev, ingested_at, run_id))
    return {"documents": [document_row(doc, res.lang, ingested_at, run_id, provenance)],
            "events": events,
            "quotes": [quote_row(q, i) for i, q in enumerate(res.quotes)],
            "timexes": [timex_row(doc.id, t, i) for i, t in enumerate(res.timexes)]}


def split_where(where: str) -> tuple[str, int | None]:
    """'path/file.jsonl:12' -> ('path/file.jsonl', 12); 'file.txt' -> ('file.txt', None)."""
    head, sep, tail = where.rpartition(":")
    if sep and tail.isdigit():
        return head, int(tail)
    return where, None
