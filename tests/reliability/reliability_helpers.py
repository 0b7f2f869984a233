"""Helpers of the reliability tests (imported by name: tests/reliability is on sys.path)."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Iterator

from veille.errors import DocumentRejected
from veille.pipeline import Extractor
from veille.records import Document, DocumentResult

ROOT = Path(__file__).resolve().parents[2]


def load_script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class NoModelCoder:
    """Stands in for `DocumentCoder`: no events, but every document goes through it."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def code_documents(self, documents: list[Document]) -> Iterator[DocumentResult | DocumentRejected]:
        for d in documents:
            yield DocumentResult(document=d, lang=self.lang, events=[])

    def code_document(self, document: Document) -> DocumentResult:
        return DocumentResult(document=document, lang=self.lang, events=[])


class NoModelExtractor(Extractor):
    """veille's Extractor (limits, language checks, batching) with `NoModelCoder`."""

    def coder(self, lang: str):
        return NoModelCoder(lang)


def schema_validator(shared: Path):
    import jsonschema
    schema = json.loads((shared / "spec" / "event.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)
