"""The extraction pipeline: documents in, `DocumentResult`s (events, quotes, dates) out.
One `Extractor` per process holds the spaCy pipelines (loaded lazily, once per language)
and the language data; pass it the `Settings` explicitly."""
from __future__ import annotations

import logging
from typing import Iterable, Iterator

from .errors import DocumentRejected, E
from .records import Document, DocumentResult
from .settings import SUPPORTED_LANGS, Settings

log = logging.getLogger(__name__)


class Extractor:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._coders: dict[str, object] = {}

    def _lang_of(self, doc: Document) -> str:
        lang = doc.lang or self.settings.lang
        if lang == "auto":
            from .ingest.langid import detect_language
            lang = detect_language(doc.text, SUPPORTED_LANGS, default="fr")
        if lang not in SUPPORTED_LANGS:
            raise DocumentRejected(E.E209, where=doc.source or doc.id, lang=lang, supported=", ".join(SUPPORTED_LANGS))
        return lang

    def _check(self, doc: Document) -> None:
        limit = self.settings.limits.max_doc_chars
        if len(doc.text) > limit:
            raise DocumentRejected(E.E205, where=doc.source or doc.id, size=len(doc.text), limit=limit)
        if not doc.text.strip():
            raise DocumentRejected(E.E201, where=doc.source or doc.id)

    def coder(self, lang: str):
        if lang not in self._coders:
            from .engine.coder import DocumentCoder
            self._coders[lang] = DocumentCoder.load(lang, self.settings)
        return self._coders[lang]

    def process(self, doc: Document) -> DocumentResult:
        """Extract from one document; raises DocumentRejected for bad input."""
        self._check(doc)
        lang = self._lang_of(doc)
        return self.coder(lang).code_document(doc)

    def pipe(self, docs: Iterable[Document | DocumentRejected], batch_size: int | None = None
             ) -> Iterator[DocumentResult | DocumentRejected]:
        """Results in input order; rejected inputs are passed through as errors, never raised."""
        batch_size = batch_size or self.settings.ingest.batch_size
        pending: list[tuple[Document, str]] = []

        def flush() -> Iterator[DocumentResult | DocumentRejected]:
            by_lang: dict[str, list[int]] = {}
            for i, (_, lang) in enumerate(pending):
                by_lang.setdefault(lang, []).append(i)
            results: list[DocumentResult | DocumentRejected | None] = [None] * len(pending)
            for lang, idx in by_lang.items():
                for i, res in zip(idx, self.coder(lang).code_documents([pending[i][0] for i in idx])):
                    results[i] = res
            pending.clear()
            yield from results  # type: ignore[misc]

        for doc in docs:
            if isinstance(doc, DocumentRejected):
                yield from flush()
                yield doc
                continue
            try:
                self._check(doc)
                pending.append((doc, self._lang_of(doc)))
            except DocumentRejected as err:
                yield from flush()
                yield err
                continue
            if len(pending) >= batch_size:
                yield from flush()
        yield from flush()
