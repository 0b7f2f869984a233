"""Helpers of the reliability tests (imported by name: tests/reliability is on sys.path)."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Iterator

from veille.errors import DocumentRejected
from veille.pipeline import Extractor
from veille.records import Document, DocumentResult, Entity, Event, Evidence

ROOT = Path(__file__).resolve().parents[2]


def load_script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fake_events(doc: Document) -> list[Event]:
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
                       lang="fr", quad_class=3, provenance={"veille": "no-model"})
            ev.assign_id()
            events.append(ev)
        pos += len(sent) + 1
    return events


class NoModelCoder:
    """Stands in for `DocumentCoder`: `fake_events`, and every document goes through it."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def code_documents(self, documents: list[Document]) -> Iterator[DocumentResult | DocumentRejected]:
        for d in documents:
            yield self.code_document(d)

    def code_document(self, document: Document) -> DocumentResult:
        return DocumentResult(document=document, lang=self.lang, events=fake_events(document))


class NoModelExtractor(Extractor):
    """veille's Extractor (limits, language checks, batching) with `NoModelCoder`."""

    def coder(self, lang: str):
        return NoModelCoder(lang)


def schema_validator(shared: Path):
    import jsonschema
    schema = json.loads((shared / "spec" / "event.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)
