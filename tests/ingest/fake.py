"""A stand-in extractor (no spaCy): one ACCUSE event per sentence that contains 'accuse'."""
from __future__ import annotations

from typing import Iterable, Iterator

from veille.errors import DocumentRejected, E
from veille.records import Document, DocumentResult, Entity, Event, Evidence


def fake_events(doc: Document, producer: str) -> list[Event]:
    """One ACCUSE event per sentence that contains 'accuse', with its evidence span."""
    events, pos = [], 0
    for i, sent in enumerate(doc.text.split(".")):
        if "accuse" in sent:
            start = pos + (len(sent) - len(sent.lstrip()))
            ev = Event(doc_id=doc.id, type="ACCUSE", cameo="112",
                       actor=Entity(text="Paris", key="FRA"), recipient=Entity(text="Moscou", key="RUS"),
                       date=doc.date or "2017-01-01", date_precision="publication", modality="asserted",
                       evidence=Evidence(sentence=i, start=start, end=pos + len(sent), text=sent.strip(),
                                         trigger="accuse", trigger_start=start),
                       lang="fr", quad_class=3, provenance={"veille": producer})
            ev.assign_id()
            events.append(ev)
        pos += len(sent) + 1
    return events


class FakeExtractor:
    def __init__(self, settings) -> None:
        self.settings = settings

    def process(self, doc: Document) -> DocumentResult:
        if "REJECTME" in doc.text:
            raise DocumentRejected(E.E209, where=doc.source or doc.id, lang="xx", supported="fr, en")
        return DocumentResult(document=doc, lang="fr", events=fake_events(doc, "fake"))

    def pipe(self, docs: Iterable, batch_size: int | None = None) -> Iterator:
        for doc in docs:
            if isinstance(doc, DocumentRejected):
                yield doc
                continue
            try:
                yield self.process(doc)
            except DocumentRejected as err:
                yield err
