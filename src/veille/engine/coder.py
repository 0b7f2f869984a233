"""DocumentCoder: one language's full pipeline over documents. Parses with spaCy,
resolves actors, codes events, then attaches dates, places, contexts, scores,
evidence and provenance."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Token

from .. import __version__
from ..errors import DocumentRejected, E
from ..gazetteer import Gazetteer, load_gazetteer
from ..gazetteer.places import load_places
from ..lang import LanguageData, load_language
from ..nlp.components import parse_paragraphs
from ..nlp.loading import load_pipeline, model_version
from ..ontology import Ontology, load_ontology
from ..records import Document, DocumentResult, Event, Evidence, Location, Quote, Timex
from ..settings import Settings
from .actors import ActorResolver, DocActors
from .dating import EventDater
from .places import ArticlePlaces, EventPlacer
from .story_dates import StoryDater
from .events import Draft, EventCoder
from .quotes import QuoteExtractor, attribute_events
from .syntax import Syntax

log = logging.getLogger(__name__)


@dataclass
class DocumentCoder:
    lang: str
    nlp: Language
    data: LanguageData
    ontology: Ontology
    gazetteer: Gazetteer
    settings: Settings

    @classmethod
    def load(cls, lang: str, settings: Settings) -> "DocumentCoder":
        data = load_language(lang)
        nlp = load_pipeline(settings.model_for(lang), lang)
        return cls(lang, nlp, data, load_ontology(), load_gazetteer(), settings)

    def __post_init__(self) -> None:
        self.actors = ActorResolver(self.data, self.gazetteer)
        self.coder = EventCoder(self.data, self.ontology, self.actors)
        self.syn = Syntax(self.data)
        self.dater = EventDater(self.data, self.syn)
        self.story = StoryDater(self.data, self.syn, self.dater)
        self.placer = EventPlacer(self.data, self.syn, self.gazetteer, load_places())
        self.quoter = QuoteExtractor(self.data, self.actors)  # forgets the previous document at each extract
        self.context_words = {k: frozenset(v) for k, v in (self.data.cues.get("context_words") or {}).items()}
        self.provenance = {"veille": __version__, "model": model_version(self.nlp), "lexicon": self.data.version}

    # ---- public -------------------------------------------------------------------------
    def code_document(self, document: Document) -> DocumentResult:
        return self._code(document, next(parse_paragraphs(self.nlp, [document.text])))

    def code_documents(self, documents: list[Document]) -> Iterator[DocumentResult | DocumentRejected]:
        texts = (d.text for d in documents)
        for document, doc in zip(documents, parse_paragraphs(self.nlp, texts, self.settings.ingest.batch_size)):
            try:
                yield self._code(document, doc)
            except DocumentRejected as err:
                yield err
            except Exception as exc:  # an engine defect must not lose the batch; report it on the document
                log.exception("engine failure on %s", document.id)
                yield DocumentRejected(E.E207, where=document.source or document.id, reason=f"internal error: {exc!r}")

    # ---- internals ----------------------------------------------------------------------
    def _code(self, document: Document, doc: Doc) -> DocumentResult:
        state = self.actors.scan(doc, document.date)
        self._prepass(state, doc)
        quotes = self.quoter.extract(doc, state, document.id)
        self.actors.hear(state, quotes)  # 'J'ai informé nos amis' inside a quote: its speaker
        drafts = self.coder.code(doc, state)
        timexes = self.dater.timexes(doc, document.date)
        sentences = list(doc.sents)
        sent_index = {s.start: i for i, s in enumerate(sentences)}
        titled = self._title_in_text(document)
        article = self.placer.article_places(doc, state, document.title, titled)
        triggers = frozenset(d.trigger.i for d in drafts)
        events = []
        for d in drafts:
            events.append(self._finish(document, doc, d, timexes, sent_index, state, article, triggers))
        text = document.text
        body_start = text.find("\n", len(text) - len(text.lstrip())) + 1 if titled else 0
        trigger_tokens = [d.trigger for d in drafts]
        self.story.share(events, trigger_tokens, timexes, document.date, body_start)
        self.placer.share_siblings(events, trigger_tokens)
        self.placer.share_occasions(events, trigger_tokens)
        for ev in events:
            ev.assign_id()
        return DocumentResult(document=document, lang=self.lang, events=events, timexes=timexes,
                              quotes=self._attributed(quotes, events))

    @staticmethod
    def _attributed(quotes: list[Quote], events: list[Event]) -> list[Quote]:
        attribute_events(events, quotes)  # events inside a direct quote are reported by its speaker
        return quotes

    def _prepass(self, state: DocActors, doc: Doc) -> None:
        """Resolve every nominal in text order so that names, titles and pronouns
        met before an event are known when it is coded."""
        for tok in doc:
            if tok.pos_ in ("PROPN", "NOUN", "PRON") and (tok.i in state.matches or tok.i in state.roles
                                                         or tok.pos_ in ("PROPN", "PRON")
                                                         or self.actors.normalized(tok.lemma_) in self.actors.context.org_nouns):
                if tok.pos_ == "PROPN" and self.syn.has(tok, "flat"):
                    continue
                self.actors.entities(state, tok)

    @staticmethod
    def _title_in_text(document: Document) -> bool:
        first = document.text.lstrip().split("\n", 1)[0].strip()
        return bool(first) and (first == (document.title or "").strip() or
                                (len(first) < 200 and first[-1] not in ".!?»\"" and "\n" in document.text.strip()))

    def _finish(self, document: Document, doc: Doc, d: Draft, timexes: list[Timex],
                sent_index: dict[int, int], state: DocActors, article: ArticlePlaces | None = None,
                triggers: frozenset[int] = frozenset()) -> Event:
        sent = d.trigger.sent
        contexts = self._contexts(d)
        cameo = self._refine_cameo(d.cameo, contexts)
        date, date_end, precision = self.dater.date_of(d.trigger, timexes, document.date, triggers)
        location = self._recipient_place(d) if d.place else None
        if location is None:  # its clause's place, else (events on the ground) the sentence's or the article's
            location = self.placer.locate(d.trigger, state, d.type, d.mode, d.actor, d.recipient, article)
        ptype = self.ontology.plover_type(d.type)
        return Event(
            doc_id=document.id, type=d.type, cameo=cameo, actor=d.actor, recipient=d.recipient, date=date,
            date_precision=precision, date_end=date_end, modality=d.modality, lang=self.lang, mode=d.mode,
            contexts=contexts, score=ptype.score_for(d.mode), goldstein=self.ontology.goldstein(cameo),
            quad_class=ptype.quad_class, symmetric=d.symmetric, location=location, reported_by=d.reporter,
            evidence=Evidence(sentence=sent_index.get(sent.start, 0), start=sent.start_char, end=sent.end_char,
                              text=sent.text, trigger=d.trigger.text, trigger_start=d.trigger.idx,
                              trigger_end=d.trigger.idx + len(d.trigger.text)),
            confidence=0.7 if d.modality != "asserted" else 0.8, provenance=dict(self.provenance, rule=d.entry_id),
        )

    def _recipient_place(self, d: Draft) -> Location | None:
        """The place that gave the recipient (a visit to Pyongyang, 'dans la capitale
        nord-coréenne') is where it happened, when it names a place: a known place name, a
        capital, or a capital noun; another nominal the recipient was read from ('au
        quatrième rang mondial, derrière les États-Unis') is not a location."""
        key, text, tok = d.place
        location = self.placer.geocode(tok, [key])
        if location is not None and location.country == key:
            return location
        capital_noun = tok.lemma_ in self.data.cue("capital_nouns")
        if not (capital_noun or self._is_capital(text) or tok.pos_ == "PROPN"):
            return None
        coords = self.gazetteer.capital_coords(key) if capital_noun or self._is_capital(text) else None
        return Location(text=text, country=key, lat=coords[0] if coords else None, lon=coords[1] if coords else None)

    def _is_capital(self, text: str) -> bool:
        return any(e.kind == "capital" for e in self.gazetteer.lookup(text, self.lang))

    def _contexts(self, d: Draft) -> list[str]:
        found = list(d.contexts)
        cameo = self.ontology.cameo_code(d.cameo)
        if cameo:
            found += [c for c in cameo.contexts if c in self.ontology.contexts]
        words = {t.lemma_ for t in d.trigger.subtree} | {t.lower_ for t in d.trigger.subtree}
        if d.trigger.pos_ == "NOUN":
            words |= {t.lemma_ for t in d.trigger.head.subtree}
        for ctx, vocab in self.context_words.items():
            if words & vocab and ctx not in found:
                found.append(ctx)
        return found

    def _refine_cameo(self, cameo: str, contexts: list[str]) -> str:
        """A generic code made specific by context ('070' provide aid + military -> '072')."""
        refinements = self.ontology.refinements.get(cameo, {})
        for ctx in contexts:
            if ctx in refinements:
                return refinements[ctx]
        return cameo
