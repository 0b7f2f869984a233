"""Where an event happened: the place its clause or noun names ('à Pyongyang', 'dans
le nord de la Syrie', 'sur la base aérienne de Tiyas'), geocoded offline (gazetteer
countries and capitals first, then the GeoNames place index), else none: a place named
elsewhere in the sentence or article is not assumed to be the event's.
Prepositions and direction nouns are language data (cues.json)."""
from __future__ import annotations

from spacy.tokens import Span, Token

from ..gazetteer import Gazetteer
from ..gazetteer.places import PlaceIndex
from ..lang import LanguageData
from ..records import Location
from .actors import DocActors
from .syntax import Syntax


class EventPlacer:
    def __init__(self, data: LanguageData, syn: Syntax, gazetteer: Gazetteer, places: PlaceIndex) -> None:
        self.data = data
        self.syn = syn
        self.gaz = gazetteer
        self.places = places
        self.preps = data.cue("place_preps") | data.cue("location_preps")
        self.directions = data.cue("direction_nouns")
        self.of_preps = data.cue("of_preps") or frozenset({"de", "du", "des", "d'", "of"})

    def _name(self, tok: Token) -> Span:
        """A place name: the token with its flat/compound parts and hyphen-joined pieces."""
        parts = [tok, *[c for c in tok.children if self.syn.has(c, "flat") or c.dep_ == "compound"]]
        lo, hi = min(t.i for t in parts), max(t.i for t in parts) + 1
        doc = tok.doc
        for ent in doc.ents:
            if ent.start <= tok.i < ent.end and ent.label_ in ("LOC", "GPE", "FAC"):
                lo, hi = min(lo, ent.start), max(hi, ent.end)
        while lo < hi and doc[lo].pos_ in ("DET", "ADP"):
            lo += 1
        return doc[lo:hi]

    def geocode(self, tok: Token, prefer: list[str]) -> Location | None:
        span = self._name(tok)
        text = span.text
        # a lower-case single word is not a country's name ('us', the pronoun, is not the USA)
        entries = () if len(span) == 1 and text.islower() else self.gaz.lookup(text, self.data.lang)
        for entry in entries:
            if entry.kind in ("country", "capital") and entry.country:
                coords = self.gaz.capital_coords(entry.country) if entry.kind == "capital" else None
                return Location(text=text, country=entry.country, lat=coords[0] if coords else None,
                                lon=coords[1] if coords else None)
        if tok.pos_ != "PROPN" and not (span.ents if hasattr(span, "ents") else ()):
            return None
        found = self.places.geocode(text, self.data.lang, prefer_countries=prefer)
        if found:
            return Location(text=text, country=found.country, lat=found.lat, lon=found.lon)
        return None

    def _candidate(self, tok: Token, prefer: list[str]) -> Location | None:
        """'Alep' -> Alep; 'nord de la Syrie' -> the place the direction noun points into;
        'la base aérienne de Tiyas' -> Tiyas."""
        loc = self.geocode(tok, prefer)
        if loc:
            return loc
        for c in self.syn.kids(tok, "nmod"):
            if self.syn.prep(c) in self.of_preps:
                inner = self.geocode(c, prefer)
                if inner:
                    start = min(t.i for t in tok.subtree if t.pos_ not in ("ADP",) or t.i > tok.i)
                    first = tok.doc[start]
                    while first.pos_ in ("DET", "ADP") and first.i < tok.i:
                        first = tok.doc[first.i + 1]
                    text = tok.doc[first.i:c.right_edge.i + 1].text
                    return Location(text=text, country=inner.country,
                                    lat=None if tok.lemma_ in self.directions else inner.lat,
                                    lon=None if tok.lemma_ in self.directions else inner.lon)
        return None

    def _clause_nominals(self, root: Token, trigger: Token) -> list[Token]:
        """Nominals of a clause, its arguments' modifiers included, without entering other
        clauses (a place in 'accuse X d'avoir fourni Y à Moscou' belongs to 'fourni')."""
        out, todo = [], [root]
        while todo:
            t = todo.pop(0)
            for c in t.children:
                if c.pos_ in ("VERB", "AUX") and c is not trigger:
                    continue
                if c.pos_ in ("PROPN", "NOUN"):
                    out.append(c)
                todo.append(c)
        return out

    def place_of(self, trigger: Token, state: DocActors, skip_texts: set[str] = frozenset()) -> Location | None:
        prefer = [k for _, k in state.keys_seen]
        clause = self.syn.clause_verb(trigger)
        cands = [t for t in self._clause_nominals(clause, trigger)
                 if (self.syn.has(t, "obl") or self.syn.has(t, "nmod")) and self.syn.prep(t) in self.preps]
        # attached to the trigger first, then nearest to it
        for t in sorted(cands, key=lambda t: (t.head is not trigger and t.head is not clause, abs(t.i - trigger.i))):
            loc = self._candidate(t, prefer)
            if loc and loc.text not in skip_texts:
                return loc
        return None
