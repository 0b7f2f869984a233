"""Server-rendered HTML pages of the UI. Everything from the database is escaped; the
pages load only same-origin static files (no inline script, no CDN)."""
from __future__ import annotations

from html import escape
from importlib import resources
from typing import Any
from urllib.parse import quote

from ..store import Store
from .highlight import highlight

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def _layout(title: str, body: str) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{escape(title)} · veille</title><link rel=\"stylesheet\" href=\"/static/veille.css\"></head>"
            "<body><header><a class=\"brand\" href=\"/\">veille</a> <nav><a href=\"/#/events\">Events</a> "
            "<a href=\"/#/actors\">Actors</a> <a href=\"/#/search\">Search</a></nav></header>"
            f"<main>{body}</main></body></html>\n")


def index_page() -> str:
    """The single-page UI shell (views are drawn by /static/veille.js)."""
    return resources.files(__package__).joinpath("static/index.html").read_text("utf-8")


def not_found_page(message: str) -> str:
    return _layout("Not found", f"<h1>Not found</h1><p>{escape(message)}</p>")


def _entity(e: dict[str, Any] | None) -> str:
    if not e:
        return "—"
    key, text = e.get("key"), e.get("text") or ""
    if key:
        return (f'<a class="entity" href="/#/actor/{escape(quote(key, safe=""))}">{escape(key)}</a> '
                f'<span class="mention">({escape(text)})</span>')
    return f'<span class="mention">{escape(text)}</span>'


def _event_item(doc_id: str, ev: dict[str, Any], selected: str | None) -> str:
    evid = ev["event_id"]
    cls = "event selected" if evid == selected else "event"
    quad = QUAD_NAMES.get(ev.get("quad_class"), "")
    href = f"/ui/documents/{quote(doc_id, safe='')}?event={quote(evid, safe='')}#ev-{quote(evid, safe='')}"
    trigger = (ev.get("evidence") or {}).get("trigger") or ""
    return (f'<li class="{cls}" id="item-{escape(evid)}"><a class="event-link" href="{escape(href)}">'
            f'<span class="type q{escape(str(ev.get("quad_class") or ""))}">{escape(ev["type"])}</span></a> '
            f'{_entity(ev.get("actor"))} → {_entity(ev.get("recipient"))}'
            f'<div class="meta">{escape(ev.get("date") or "")} · {escape(quad)} · {escape(ev.get("modality") or "")}'
            f' · trigger «{escape(trigger)}» · Goldstein {escape(str(ev.get("goldstein")))}</div></li>')


def document_page(store: Store, doc_id: str, selected: str | None = None) -> str | None:
    """The document view: article text with every event's evidence highlighted (the
    `selected` event's strongly), and the list of its events. None if no such document."""
    doc = store.document(doc_id)
    if doc is None:
        return None
    events = doc["events"]
    chosen = next((e for e in events if e["event_id"] == selected), None)
    head = (f'<h1 id="doc-title">{escape(doc.get("title") or doc_id)}</h1>'
            f'<p class="meta">{escape(doc_id)} · {escape(doc.get("date") or "no date")} · '
            f'{escape(doc.get("lang") or "")}'
            + (f' · <a href="{escape(doc["url"])}" rel="noopener noreferrer">source</a>'
               if (doc.get("url") or "").startswith(("http://", "https://")) else "") + "</p>")
    focus = ""
    if chosen:
        evid = chosen.get("evidence") or {}
        focus = (f'<section id="evidence" class="evidence"><h2>Evidence</h2>'
                 f'<p><span class="type q{escape(str(chosen.get("quad_class") or ""))}">{escape(chosen["type"])}</span> '
                 f'{_entity(chosen.get("actor"))} → {_entity(chosen.get("recipient"))} · '
                 f'{escape(chosen.get("date") or "")}</p>'
                 f'<blockquote id="evidence-text">{escape(evid.get("text") or "")}</blockquote>'
                 f'<p class="meta">trigger «<b id="evidence-trigger">{escape(evid.get("trigger") or "")}</b>» · '
                 f'characters {escape(str(evid.get("start")))}–{escape(str(evid.get("end")))}</p></section>')
    items = "".join(_event_item(doc_id, e, selected) for e in events) or "<li>No events.</li>"
    body = (f'{head}<div class="doc-layout"><article id="doc-text" class="doc-text">'
            f'{highlight(doc.get("text") or "", events, selected)}</article>'
            f'<aside>{focus}<h2>Events ({len(events)})</h2><ol class="events">{items}</ol></aside></div>')
    return _layout(doc.get("title") or doc_id, body)
