"""One normal form for every phrase the gazetteer indexes and every lookup key.

News text mixes "État"/"Etat", typographic and straight apostrophes, hyphens and
dashes of every width; indexing and lookup both go through `normalize` so that
these never cause a miss."""
from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'", "`": "'",
                         "\u201c": '"', "\u201d": '"', "\u00ab": '"', "\u00bb": '"'})
# hyphen, non-breaking hyphen, figure/en/em dashes, horizontal bar, minus, soft hyphen
_DASHES = re.compile(r"[\u2010-\u2015\u2212\u00ad\ufe63\uff0d-]")


def normalize(text: str) -> str:
    """Casefold, strip diacritics, unify apostrophes and dashes, collapse white space."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = _DASHES.sub("-", stripped.translate(_QUOTES).casefold())
    return " ".join(folded.split())


def index_forms(phrase: str) -> tuple[str, ...]:
    """The normalised phrase plus its spaced variant ('nord-coreen' -> 'nord coreen'):
    writers and tokenisers disagree on compound hyphens."""
    norm = normalize(phrase)
    if not norm:
        return ()
    spaced = " ".join(norm.replace("-", " ").split())
    return (norm,) if spaced == norm or not spaced else (norm, spaced)
