"""spaCy components of veille, registered by factory name."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("veille_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A blank line ends a sentence: titles, captions and paragraphs without final
    punctuation must not run into the next sentence. Runs before the parser, which
    respects boundaries already set."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text_with_ws[len(prev.text):] or (prev.is_space and "\n" in prev.text):
            if not tok.is_space:
                tok.is_sent_start = True
    return doc
