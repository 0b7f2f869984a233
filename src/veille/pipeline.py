"""The extraction pipeline: documents in, `DocumentResult`s (events, quotes, dates) out.
One `Extractor` per process holds the spaCy pipelines (loaded lazily, once per language)
and the language data; pass it the `Settings` explicitly.

Before parsing, each document is checked against the limits: longer than
limits.max_doc_chars is rejected (E205); no letter or digit at all is rejected (E800); a
sentence longer than limits.max_sentence_tokens is split (see `split_long_sentences`)."""
from __future__ import annotations

import dataclasses
import logging
import re
from typing import Iterable, Iterator

from .errors import DocumentRejected, E
from .records import Document, DocumentResult
from .settings import SUPPORTED_LANGS, Settings

log = logging.getLogger(__name__)

# About the tokens spaCy makes (words, and each punctuation mark), and where a sentence surely
# ends: a line break, or final punctuation followed by white space.
_TOKEN = re.compile(r"\w+|[^\w\s]")
_SENTENCE_END = re.compile(r"\n|[.!?…]+[\"»”')\]]*\s")


def split_long_sentences(text: str, limit: int, where: str) -> tuple[str, int]:
    """Make every sentence at most about `limit` tokens: in a stretch of text longer than that
    between sentence ends, turn the white space before every `limit`-th token into a line
    break (which ends a sentence for the parser). The text keeps its length, so every offset
    stays valid. Returns the text and the number of breaks added; raises E802 when a stretch
    has no white space to break at."""
    if limit <= 0:
        return text, 0
    chars = list(text)
    breaks = 0
    start = 0
    for end in [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]:
        tokens = [m.start() for m in _TOKEN.finditer(text, start, end)]
        if len(tokens) > limit:
            count = 0
            for i, pos in enumerate(tokens):
                count += 1
                if count <= limit:
                    continue
                # break before the latest token of this chunk that follows white space
                for j in range(i, i - limit, -1):
                    if tokens[j] > start and text[tokens[j] - 1].isspace() and tokens[j] - 1 >= start:
                        chars[tokens[j] - 1] = "\n"
                        breaks += 1
                        count = i - j + 1
                        break
                else:
                    raise DocumentRejected(E.E802, where=where, start=start, tokens=len(tokens), limit=limit)
        start = end
    return ("".join(chars) if breaks else text), breaks


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

    def _check(self, doc: Document) -> Document:
        """The document as it goes to the parser, or DocumentRejected (see the module doc)."""
        where = doc.source or doc.id
        limit = self.settings.limits.max_doc_chars
        if len(doc.text) > limit:
            raise DocumentRejected(E.E205, where=where, size=len(doc.text), limit=limit)
        if not doc.text.strip():
            raise DocumentRejected(E.E201, where=where)
        if not any(ch.isalnum() for ch in doc.text):
            raise DocumentRejected(E.E800, where=where, chars=len(doc.text))
        max_tokens = self.settings.limits.max_sentence_tokens
        text, breaks = split_long_sentences(doc.text, max_tokens, where)
        if breaks:
            log.warning("%s: %d sentence(s) longer than limits.max_sentence_tokens = %d tokens; split at %d "
                        "line break(s) put in place of spaces", where, breaks, max_tokens, breaks)
            doc = dataclasses.replace(doc, text=text)
        return doc

    def coder(self, lang: str):
        if lang not in self._coders:
            from .engine.coder import DocumentCoder
            coder = DocumentCoder.load(lang, self.settings)
            nlp = getattr(coder, "nlp", None)
            if nlp is not None and nlp.max_length < self.settings.limits.max_doc_chars:
                # spaCy refuses texts over nlp.max_length (E088) and would fail the whole batch:
                # limits.max_doc_chars is the one limit, checked in _check
                nlp.max_length = self.settings.limits.max_doc_chars
            self._coders[lang] = coder
        return self._coders[lang]

    def process(self, doc: Document) -> DocumentResult:
        """Extract from one document; raises DocumentRejected for bad input."""
        doc = self._check(doc)
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
                doc = self._check(doc)
                pending.append((doc, self._lang_of(doc)))
            except DocumentRejected as err:
                yield from flush()
                yield err
                continue
            if len(pending) >= batch_size:
                yield from flush()
        yield from flush()
