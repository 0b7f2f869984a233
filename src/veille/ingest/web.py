"""Web formats: HTML pages (main text by trafilatura) and RSS/Atom feeds (feedparser).
Both work on bytes already read from disk; nothing here touches the network."""
from __future__ import annotations

import datetime as dt
import time
from html.parser import HTMLParser
from typing import Any, Iterator

from ..errors import DocumentRejected, E
from ..records import Document

_BLOCK_TAGS = {"p", "br", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article"}


def _iso_date(value: Any) -> str | None:
    if not value:
        return None
    if isinstance(value, time.struct_time):
        return dt.date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
    try:
        return dt.date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        return None


def html_document(raw: bytes, doc_id: str, where: str, date: str | None, lang: str | None) -> Document:
    """One page: its main text, title, date (the page's own wins over `date`) and URL."""
    import trafilatura

    if not raw.strip():
        raise DocumentRejected(E.E201, where=where)
    try:
        found = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False,
                                            include_tables=False, favor_precision=True)
    except Exception as exc:  # trafilatura raises various parser errors on broken markup
        raise DocumentRejected(E.E207, where=where, reason=f"HTML could not be parsed: {exc}") from None
    text = (getattr(found, "text", None) or "").strip() if found is not None else ""
    if not text:
        raise DocumentRejected(E.E207, where=where, reason="no main text found in the page (empty body, or only navigation)")
    return Document(id=doc_id, text=text, date=_iso_date(getattr(found, "date", None)) or date,
                    title=getattr(found, "title", None) or None, lang=getattr(found, "language", None) or lang,
                    url=getattr(found, "url", None) or None, source=where)


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(fragment: str) -> str:
    parser = _TextOnly()
    parser.feed(fragment)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).splitlines()]
    out: list[str] = []
    for line in lines:  # paragraphs separated by one blank line
        if line:
            out.append(line)
        elif out and out[-1] != "":
            out.append("")
    return "\n".join(out).strip()


def _entry_text(entry: Any) -> str:
    contents = entry.get("content") or []
    values = [c.get("value", "") for c in contents if c.get("value")]
    raw = max(values, key=len) if values else entry.get("summary", "") or ""
    return html_to_text(raw)


def feed_documents(raw: bytes, stem: str, where: str, date: str | None, lang: str | None) -> Iterator[Document | DocumentRejected]:
    """Each item of an RSS or Atom feed as a document; an item without text is rejected."""
    import feedparser

    parsed = feedparser.parse(raw)  # bytes: parsed in memory, never fetched
    if not parsed.entries:
        reason = str(parsed.get("bozo_exception") or "no <item> or <entry> elements")
        yield DocumentRejected(E.E207, where=where, reason=f"not an RSS/Atom feed with items ({reason})")
        return
    entries = parsed.entries
    broken = _xml_error(parsed)
    if broken:  # feedparser read on past an XML error: the item where it broke may be cut or garbage
        entries = entries[:-1]
    feed_lang = (parsed.feed.get("language") or "")[:2].lower() or None  # the feed's own language wins
    for i, entry in enumerate(entries, 1):
        item_where = f"{where}:{i}"
        text = _entry_text(entry)
        if not text:
            yield DocumentRejected(E.E201, where=item_where)
            continue
        doc_id = entry.get("id") or entry.get("link") or f"{stem}-{i}"
        yield Document(id=str(doc_id), text=text,
                       date=_iso_date(entry.get("published_parsed") or entry.get("updated_parsed")) or date,
                       title=html_to_text(entry.get("title", "")) or None,
                       lang=feed_lang or lang,
                       url=entry.get("link") or None, source=item_where)
    if broken:
        yield DocumentRejected(E.E207, where=where, reason=(
            f"feed is not well-formed XML ({broken}); read the {len(entries)} item(s) before the error, "
            f"skipped item {len(parsed.entries)}, which may be cut"))


def _xml_error(parsed: Any) -> str | None:
    """The XML error feedparser recovered from, if any (encoding notices are not errors)."""
    from xml.sax import SAXException

    exc = parsed.get("bozo_exception")
    if parsed.get("bozo") and isinstance(exc, SAXException):
        return str(exc)
    return None
