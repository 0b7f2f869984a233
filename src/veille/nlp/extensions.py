"""veille's spaCy extension attributes, declared in one place and namespaced `veille_`."""
from __future__ import annotations

from spacy.tokens import Doc

DOC_EXTENSIONS = {
    "veille_doc_id": None,    # document id to put in event records (set before the pipe runs)
    "veille_date": None,      # publication date YYYY-MM-DD for relative dates
    "veille_events": None,    # list[veille.records.Event], set by the veille_events component
    "veille_quotes": None,    # list[veille.records.Quote]
    "veille_timexes": None,   # list[veille.records.Timex]
}


def register_extensions() -> None:
    """Idempotent: safe to call from every component factory."""
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
