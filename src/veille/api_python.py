"""The Python API for notebooks and scripts."""
from __future__ import annotations

from .records import Document, DocumentResult, Event
from .settings import Settings, load_settings


def extract_document(text: str, *, date: str | None = None, lang: str | None = None, doc_id: str = "doc",
                     title: str | None = None, settings: Settings | None = None) -> DocumentResult:
    """Everything veille finds in one text: events, quotes and dates."""
    from .pipeline import Extractor
    settings = settings or load_settings()
    return Extractor(settings).process(Document(id=doc_id, text=text, date=date, title=title, lang=lang))


def extract(text: str, *, date: str | None = None, lang: str | None = None, doc_id: str = "doc",
            settings: Settings | None = None) -> list[Event]:
    """The events of one text, as typed `Event` objects."""
    return extract_document(text, date=date, lang=lang, doc_id=doc_id, settings=settings).events
