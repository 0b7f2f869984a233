"""Where an event happened, geocoded offline (gazetteer countries and capitals first,
then the GeoNames place index). A fallback chain, most specific first:

1. the place its clause or noun names ('à Pyongyang', 'dans le nord de la Syrie', 'sur la
   base aérienne de Tiyas');
2. for events that happen on the ground (SITUATED_TYPES), a place named as a place
   (introduced by a place preposition, or the complement of an event noun: 'l'offensive de
   Mossoul') elsewhere in the same sentence;
3. for those events again, the article's place: the topic of a 'Syrie : ...' title, its
   dateline ('DAMAS, 12 mars (AFP) -'), or a place its title or first sentence locates
   something in;
4. none.
Then `share_siblings`: the actors of one mention (a compound actor) share the place one of
them got; and `share_occasions`: a statement, agreement or demand between two parties with no place
takes the place of their meeting that the same paragraph reports ('a annoncé que la France va
prêter ... au Royaume-Uni. Cette décision a été prise lors d'une rencontre avec May à Sandhurst').

Steps 2 and 3 only take a place that agrees with the event's participants: its country is
one of theirs, or one of them has no country (an armed group, an organisation; in the
same sentence, also a missing recipient), which leaves room for a foreign theatre. Two
states acting on each other elsewhere get no place from the context. Actor and recipient
mentions are never places. Prepositions and place nouns are language data (cues.json)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from ..gazetteer import Gazetteer
from ..gazetteer.places import PlaceIndex
from ..lang import LanguageData
from ..records import Entity, Event, Location
from .actors import DocActors
from .syntax import Syntax

# PLOVER types whose events take place somewhere on the ground (fighting, arrests,
# deployments, protests, withdrawals, deliveries, meetings). Statements, demands,
# agreements and sanctions are not located from context.
SITUATED_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "RETREAT", "AID", "COOPERATE", "CONSULT"})
UNSITUATED_MODES = frozenset({"phone"})
# Roles of the gazetteer's metonyms that name a building (a seat of government or parliament).
SEAT_ROLES = frozenset({"GOV", "LEG"})
# Types whose place is on the recipient's side: aid is delivered where the recipient is, so
# a place of the donor's country ('Pyongyang a fourni des obus à Moscou') is not agreed.
RECIPIENT_SIDE_TYPES = frozenset({"AID"})
# 'NAME, <date>' or 'NAME (Agency) -' opening a paragraph: a dateline.
_DATELINE = re.compile(r"(?m)^[ \t]*([^\W\d_][^\W\d_'’ .\-]*(?:[ '’.\-][^\W\d_]+){0,3})[ \t]*(,|\()")
_TOPIC = re.compile(r"^\s*([^\W\d_][^:\n]{1,40}?)\s*:\s")


@dataclass
class ArticlePlaces:
    """The places an article is about, in order of trust: the topic of a 'Place : headline'
    title, the dateline, the places its title and lead locate events in."""
    places: list[Location] = field(default_factory=list)


class EventPlacer:
    def __init__(self, data: LanguageData, syn: Syntax, gazetteer: Gazetteer, places: PlaceIndex) -> None:
        self.data = data
        self.syn = syn
        self.gaz = gazetteer
        self.places = places
        self.preps = data.cue("place_preps") | data.cue("location_preps")
        self.directions = data.cue("direction_nouns")
        self.landmarks = data.cue("landmark_nouns")
        self.seats = data.cue("seat_nouns")
        self.of_preps = data.cue("of_preps")
        self.place_labels = data.cue("place_entity_labels")  # the pipeline's NER labels of places
        self.name_labels = self.place_labels | data.cue("facility_entity_labels")

    # ---- geocoding -------------------------------------------------------------------------
    def _name(self, tok: Token) -> Span:
        """A place name: the token with its flat/compound parts and hyphen-joined pieces."""
        parts = [tok, *[c for c in tok.children if self.syn.has(c, "flat") or self.syn.has(c, "compound")]]
        lo, hi = min(t.i for t in parts), max(t.i for t in parts) + 1
        doc = tok.doc
        for ent in doc.ents:
            if ent.start <= tok.i < ent.end and ent.label_ in self.name_labels:
                lo, hi = min(lo, ent.start), max(hi, ent.end)
        while lo < hi and doc[lo].pos_ in ("DET", "ADP"):
            lo += 1
        return doc[lo:hi]

    def geocode_text(self, text: str, prefer: list[str], proper: bool = True) -> Location | None:
        """A name: a country, capital or seat of government of the gazetteer ('à la Maison Blanche'
        is in the USA, not a French town of that name), else (for proper names) the place index.
        A lower-case single word is not a country's name ('us', the pronoun, is not the USA)."""
        entries = () if len(text.split()) == 1 and text.islower() else self.gaz.lookup(text, self.data.lang)
        for entry in sorted(entries, key=lambda e: e.kind == "metonym"):
            seat = entry.kind == "metonym" and entry.role in SEAT_ROLES  # not an army or a spy agency
            if (entry.kind in ("country", "capital") or seat) and entry.country:
                coords = self.gaz.capital_coords(entry.country) if entry.kind == "capital" else None
                return Location(text=text, country=entry.country, lat=coords[0] if coords else None,
                                lon=coords[1] if coords else None)
        if not proper:
            return None
        found = self.places.geocode(text, self.data.lang, prefer_countries=prefer)
        if found:
            return Location(text=text, country=found.country, lat=found.lat, lon=found.lon)
        return None

    def geocode(self, tok: Token, prefer: list[str]) -> Location | None:
        span = self._name(tok)
        proper = tok.pos_ == "PROPN" or bool(span.ents if hasattr(span, "ents") else ())
        return self.geocode_text(span.text, prefer, proper)

    def _phrase(self, tok: Token, last: Token) -> str:
        first = tok.doc[min(t.i for t in tok.subtree if t.pos_ != "ADP" or t.i > tok.i)]
        while first.pos_ in ("DET", "ADP") and first.i < tok.i:
            first = tok.doc[first.i + 1]
        while last.i > first.i and last.is_space:  # a title's or paragraph's line break is no part of the name
            last = tok.doc[last.i - 1]
        return tok.doc[first.i:last.i + 1].text.strip()

    def _candidate(self, tok: Token, prefer: list[str], context: Location | None = None) -> Location | None:
        """'Alep' -> Alep; 'nord de la Syrie' -> the place the direction noun points into;
        'la base aérienne de Tiyas' -> Tiyas; 'dans la région', 'le sud du pays' (a definite place
        noun with no name) -> the article's place `context`, country only."""
        loc = self.geocode(tok, prefer) or self._landmark(tok, prefer)
        if loc:
            return loc
        if tok.lemma_ not in self.directions and tok.lower_ not in self.directions:
            return None
        for c in self.syn.kids(tok, "nmod"):
            if self.syn.prep(c) in self.of_preps:
                inner = self.geocode(c, prefer) or (
                    self._anaphoric(c, context) if c.lemma_ in self.directions else None)
                if inner:
                    text = self._phrase(tok, c.right_edge)
                    return Location(text=text, country=inner.country,
                                    lat=None if tok.lemma_ in self.directions else inner.lat,
                                    lon=None if tok.lemma_ in self.directions else inner.lon)
        if not any(self.syn.has(c, "nmod") or self.syn.has(c, "amod") for c in tok.children):
            return self._anaphoric(tok, context)
        return None

    def _landmark(self, tok: Token, prefer: list[str]) -> Location | None:
        """A landmark named by its complement is at that place, with its coordinates ('la base
        aérienne de Tiyas', 'Académie royale militaire de Sandhurst'); an institution qualified by
        a nationality sits in that country's capital ('au Parlement israélien')."""
        lemma = tok.lemma_.lower()
        if lemma in self.landmarks or tok.lower_ in self.landmarks:
            for c in self.syn.kids(tok, "nmod"):
                if self.syn.prep(c) in self.of_preps:
                    inner = self.geocode(c, prefer)
                    if inner:
                        return Location(text=self._phrase(tok, c.right_edge), country=inner.country,
                                        lat=inner.lat, lon=inner.lon)
        if lemma in self.seats or tok.lower_ in self.seats:
            for c in tok.children:
                if c.pos_ != "ADJ":
                    continue
                for entry in self.gaz.lookup(c.text, self.data.lang):
                    if entry.kind == "demonym" and entry.country:
                        coords = self.gaz.capital_coords(entry.country)
                        return Location(text=self._phrase(tok, max(tok, c, key=lambda t: t.i)),
                                        country=entry.country, lat=coords[0] if coords else None,
                                        lon=coords[1] if coords else None)
        return None

    def _anaphoric(self, tok: Token, context: Location | None) -> Location | None:
        """A definite place noun without a name ('la région', 'du pays') stands for the place
        the article is about."""
        if context is None or context.country is None:
            return None
        if not any(self.syn.has(c, "det") and "Def" in c.morph.get("Definite") for c in tok.children) \
                and "Def" not in tok.morph.get("Definite"):
            return None
        return Location(text=self._phrase(tok, tok), country=context.country)

    # ---- 1. the clause ---------------------------------------------------------------------
    def _clause_nominals(self, root: Token, trigger: Token) -> list[Token]:
        """Nominals of a clause, its arguments' modifiers included, without entering other
        clauses (a place in 'accuse X d'avoir fourni Y à Moscou' belongs to 'fourni') or other
        events' nouns ('a appelé ..., après une visite en Corée du Nord': the visit's place)."""
        out, todo = [], [root]
        while todo:
            t = todo.pop(0)
            if t.i not in (root.i, trigger.i) and t.pos_ == "NOUN" and self.data.entries(t.lemma_, "NOUN"):
                continue
            for c in t.children:
                if c.pos_ in ("VERB", "AUX") and c.i != trigger.i:
                    continue
                if c.pos_ in ("PROPN", "NOUN"):
                    out.append(c)
                todo.append(c)
        return out

    def _located(self, tok: Token) -> bool:
        """A nominal in a locative relation: introduced by a place preposition."""
        return (self.syn.has(tok, "obl") or self.syn.has(tok, "nmod")) and self.syn.prep(tok) in self.preps

    def place_of(self, trigger: Token, state: DocActors, skip_texts: set[str] = frozenset(),
                 context: Location | None = None) -> Location | None:
        """Step 1: the place the event's own clause names."""
        prefer = [k for _, k in state.keys_seen]
        clause = self.syn.clause_verb(trigger)
        cands = [t for t in self._clause_nominals(clause, trigger) if self._located(t)]
        # attached to the trigger first, then nearest to it
        for t in sorted(cands, key=lambda t: (t.head.i not in (trigger.i, clause.i), abs(t.i - trigger.i))):
            loc = self._candidate(t, prefer, context)
            if loc and loc.text not in skip_texts:
                return loc
        return None

    # ---- 2. the sentence -------------------------------------------------------------------
    def _named_as_place(self, tok: Token) -> bool:
        """'à Alep', 'dans le nord de la Syrie' (a place preposition, whatever the parser's label),
        'l'offensive de Mossoul' (the complement of an event noun of the lexicon or of a place
        noun), and a town or region the entity recogniser calls a place, outside the subjects
        ('reprendre le reste de Mossoul'; not 'Casper', a person): unlike countries and
        capitals, these do not stand for governments."""
        if tok.pos_ not in ("PROPN", "NOUN"):
            return False
        if self.syn.prep(tok) in self.preps:
            return True
        head = tok.head
        if (self.syn.has(tok, "nmod") and self.syn.prep(tok) in self.of_preps and head.pos_ == "NOUN"
                and (bool(self.data.entries(head.lemma_, "NOUN")) or head.lemma_ in self.directions)):
            return True
        return (tok.pos_ == "PROPN" and tok.ent_type_ in self.place_labels and not self.syn.has(tok, "subj")
                and self._locality(tok))

    def _locality(self, tok: Token) -> bool:
        """A town, region or geographic feature of the place index, not a country or capital of the gazetteer."""
        text = self._name(tok).text
        if any(e.kind in ("country", "capital") for e in self.gaz.lookup(text, self.data.lang)):
            return False
        return any(p.kind in ("city", "region", "feature") for p in self.places.candidates(text))

    def sentence_places(self, trigger: Token, state: DocActors, skip_texts: set[str],
                        context: Location | None = None) -> list[Location]:
        """Step 2: the places named as places in the trigger's sentence, nearest first."""
        prefer = [k for _, k in state.keys_seen]
        cands = [t for t in trigger.sent if t.i != trigger.i and self._named_as_place(t)]
        found = []
        for t in sorted(cands, key=lambda t: abs(t.i - trigger.i)):
            loc = self._candidate(t, prefer, context)
            if loc and loc.text not in skip_texts:
                found.append(loc)
        return found

    # ---- 3. the article --------------------------------------------------------------------
    def article_places(self, doc: Doc, state: DocActors, title: str | None = None,
                       title_in_text: bool = False) -> ArticlePlaces:
        """The topic of a 'Place : headline' title, the dateline, and the places the title (when
        it is the text's first line) and the first sentence of the body locate something in."""
        prefer = [k for _, k in state.keys_seen]
        found: list[Location] = []
        text = doc.text
        sents = list(doc.sents)
        title_end = text.find("\n") if title_in_text else 0
        title_end = len(text) if title_end < 0 else title_end
        topic = _TOPIC.match(title or (text[:title_end] if title_in_text else ""))
        if topic:
            loc = self.geocode_text(topic.group(1), prefer)
            if loc:
                found.append(loc)
        for m in _DATELINE.finditer(text, title_end, min(len(text), title_end + 400)):
            name = m.group(1).strip()
            rest = text[m.end():m.end() + 60]
            if (name.isupper() or m.group(2) == "(" or re.match(r"\s*\d", rest)) and len(name) > 2:
                loc = self.geocode_text(name.title() if name.isupper() else name, prefer)
                if loc:
                    found.append(loc)
                break
        lead: list[Span] = []
        if title_in_text:
            lead += [s for s in sents if s.start_char < title_end]
        body = [s for s in sents if s.start_char >= title_end and sum(t.is_alpha for t in s) >= 6]
        lead += body[:1]
        for sent in lead:
            for t in sent:
                if self._named_as_place(t):
                    loc = self._candidate(t, prefer)
                    if loc:
                        found.append(loc)
        return ArticlePlaces(found)

    # ---- the chain -------------------------------------------------------------------------
    @staticmethod
    def agrees(loc: Location, participants: list[Entity | None], strict: bool = False) -> bool:
        """The place's country is a participant's, or a participant has no country (an armed
        group, an organisation; with `strict` False, a missing recipient too)."""
        countries = [e.country if e is not None else None for e in participants if e is not None or not strict]
        return loc.country in countries or None in countries

    def locate(self, trigger: Token, state: DocActors, ev_type: str, mode: str | None,
               actor: Entity, recipient: Entity | None, article: ArticlePlaces | None) -> Location | None:
        skip = {e.text for e in (actor, recipient) if e is not None}
        # 'la région' stands for the article's country, not a sea or continent it names first
        context = next((p for p in article.places if p.country), None) if article else None
        loc = self.place_of(trigger, state, skip_texts=skip, context=context)
        if loc is not None or ev_type not in SITUATED_TYPES or mode in UNSITUATED_MODES:
            return loc
        participants = [recipient] if ev_type in RECIPIENT_SIDE_TYPES else [actor, recipient]
        for loc in self.sentence_places(trigger, state, skip, context):
            if self.agrees(loc, participants):
                return loc
        for loc in article.places if article else ():
            if loc.text not in skip and self.agrees(loc, participants, strict=True):
                return loc
        return None

    # ---- the occasion ---------------------------------------------------------------------
    @staticmethod
    def share_siblings(events: list[Event], triggers: list[Token]) -> None:
        """The actors of one mention ('le régime syrien et son allié russe' attacking) act in one
        place: a dyad with no place takes the place its sibling (same trigger, type and recipient)
        got. Compound recipients do not share ('a frappé la Syrie et le Liban': two places)."""
        def key(ev: Event, t: Token) -> tuple:
            return t.i, ev.type, ev.recipient.key if ev.recipient else None

        placed = {key(ev, t): ev.location for ev, t in zip(events, triggers) if ev.location is not None}
        for ev, t in zip(events, triggers):
            if ev.location is None and key(ev, t) in placed:
                ev.location = replace(placed[key(ev, t)])

    @staticmethod
    def share_occasions(events: list[Event], triggers: list[Token]) -> None:
        """A statement, agreement, demand or sanction between two parties (a type not in
        SITUATED_TYPES) with no place takes the place of a meeting of the same two parties
        (CONSULT, not by phone) that the same paragraph locates: what they said or decided
        there."""
        def paragraph(tok: Token) -> int:
            return tok.doc.text.rfind("\n", 0, tok.idx) + 1

        def pair(ev: Event) -> frozenset:
            return frozenset((ev.actor.key, ev.recipient.key if ev.recipient else None))

        meetings = [(paragraph(t), pair(ev), ev.location) for ev, t in zip(events, triggers)
                    if ev.type == "CONSULT" and ev.mode not in UNSITUATED_MODES and ev.location is not None
                    and ev.recipient is not None and ev.recipient.key != ev.actor.key]
        if not meetings:
            return
        for ev, t in zip(events, triggers):
            if ev.location is not None or ev.type in SITUATED_TYPES or ev.recipient is None:
                continue
            para, key = paragraph(t), pair(ev)
            found = next((loc for p, k, loc in meetings if p == para and k == key), None)
            ev.location = replace(found) if found is not None else None
