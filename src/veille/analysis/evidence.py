"""One event with the document that proves it and the evidence offsets in its text."""
from __future__ import annotations

from typing import Any

from ._open import StoreOrPath, opened, rows


def evidence_span(event: dict[str, Any], text: str) -> dict[str, Any]:
    """Sentence and trigger offsets of an event in its document's text. `trigger_start`/
    `trigger_end` fall back to the first occurrence of the trigger in the sentence;
    `verified` says whether text[start:end] is the stored evidence sentence."""
    ev = event.get("evidence") or {}
    start, end = int(ev.get("start") or 0), int(ev.get("end") or 0)
    t_start, t_end = ev.get("trigger_start"), ev.get("trigger_end")
    trigger = ev.get("trigger") or ""
    if (t_start is None or t_end is None) and trigger:
        at = text.find(trigger, start, end if end > start else None)
        if at >= 0:
            t_start, t_end = at, at + len(trigger)
    if t_start is not None and t_end is None:
        t_end = t_start + len(trigger)
    return {"start": start, "end": end, "text": ev.get("text"), "trigger": trigger,
            "trigger_start": t_start, "trigger_end": t_end,
            "verified": 0 <= start <= end <= len(text) and text[start:end] == ev.get("text")}


def event_detail(store_or_path: StoreOrPath, event_id: str) -> dict[str, Any] | None:
    """{"event": record, "document": {doc_id, title, date, url, lang, text}, "evidence": span}, or None."""
    with opened(store_or_path) as store:
        event = store.event(event_id)
        if event is None:
            return None
        found = rows(store, "SELECT doc_id, title, date, url, lang, text FROM documents WHERE doc_id = ?",
                     [event["doc_id"]])
        doc = found[0] if found else {"doc_id": event["doc_id"], "title": None, "date": None, "url": None,
                                      "lang": None, "text": ""}
    return {"event": event, "document": doc, "evidence": evidence_span(event, doc.get("text") or "")}
