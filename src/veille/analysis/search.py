"""Text search over event evidence and documents (case-insensitive substring: ILIKE with
the query as a parameter; % and _ in the query match themselves)."""
from __future__ import annotations

import json
from typing import Any

from ..errors import E, VeilleError
from ._open import StoreOrPath, opened, rows

SNIPPET_CHARS = 80


def like_pattern(query: str) -> str:
    escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def snippet(text: str, query: str, width: int = SNIPPET_CHARS) -> str:
    """The text around the first match of `query` (case-insensitive), on one line."""
    at = text.casefold().find(query.casefold())
    at = max(at, 0)
    start, end = max(0, at - width), min(len(text), at + len(query) + width)
    body = " ".join(text[start:end].split())
    return ("…" if start else "") + body + ("…" if end < len(text) else "")


_EVENTS = ("SELECT record FROM events WHERE {evidence} "
           "ORDER BY date_first NULLS LAST, doc_id, evidence_start, event_id LIMIT ?")
_DOCS = ("SELECT doc_id, title, date, lang, url, text FROM documents "
         "WHERE {title} OR {text} ORDER BY date NULLS LAST, doc_id LIMIT ?")


def search(store_or_path: StoreOrPath, query: str, limit: int = 50, max_chars: int | None = None) -> dict[str, Any]:
    """Events whose evidence sentence contains `query`, and documents whose title or
    text does: {"query", "events": [records], "documents": [{doc_id, title, date, lang, url, snippet}]}."""
    query = (query or "").strip()
    if not query:
        raise VeilleError(E.E600, param="q", reason="the query is empty; pass some text, e.g. q=sanctions")
    if max_chars is not None and len(query) > max_chars:
        raise VeilleError(E.E604, param="q", size=len(query), limit=max_chars)
    pattern = like_pattern(query)
    with opened(store_or_path) as store:
        like = store.dialect.ilike
        events = [json.loads(r["record"]) for r in rows(store, _EVENTS.format(evidence=like("evidence_text")),
                                                         [pattern, int(limit)])]
        docs = rows(store, _DOCS.format(title=like("title"), text=like("text")), [pattern, pattern, int(limit)])
    for d in docs:
        d["snippet"] = snippet(d.pop("text") or "", query)
    return {"query": query, "events": events, "documents": docs}
