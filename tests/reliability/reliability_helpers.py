"""Helpers of the reliability tests (imported by name: tests/reliability is on sys.path)."""
from __future__ import annotations

import functools
import importlib.util
import json
from pathlib import Path
from typing import Iterator

from veille.errors import DocumentRejected
from veille.pipeline import Extractor
from veille.records import Document, DocumentResult, Event

ROOT = Path(__file__).resolve().parents[2]


def load_script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@functools.lru_cache(maxsize=1)
def _ingest_fake():
    spec = importlib.util.spec_from_file_location("ingest_fake", ROOT / "tests" / "ingest" / "fake.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fake_events(doc: Document) -> list[Event]:
    """The ingest tests' stand-in coding (tests/ingest/fake.py), marked as made without a model."""
    return _ingest_fake().fake_events(doc, "no-model")


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
