"""Places as owners and recipients: a country, capital or metonym of the gazetteer, and a city or
region of the places index ('Alaska', 'Hong Kong', 'Aleppo') read as its country. A role noun
located by a place ('police in Hong Kong', 'troops in Iraq') belongs to that place's country;
an event held in a place ('exercises in Alaska') has that country as its recipient. Only proper
names that are not persons reach the places index, so 'Obama' stays a president, not a Japanese
town. Prepositions are language data (cue 'role_place_preps')."""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..gazetteer import normalize
from ..gazetteer.places import load_places
from ..records import Entity

if TYPE_CHECKING:  # pragma: no cover
    from .actors import ActorResolver, DocActors


def _name(actors: "ActorResolver", state: "DocActors", tok: Token) -> str:
    """The whole name a token belongs to: its entity span, else the token with its name compounds."""
    for ent in state.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent.text
    lo = min([tok.i] + [c.i for c in tok.children
                        if c.i < tok.i and actors.syn.has(c, "compound") and c.pos_ == "PROPN"])
    return state.doc[lo:tok.i + 1].text


def named_place(actors: "ActorResolver", state: "DocActors", tok: Token) -> tuple[str, str] | None:
    """(country key, name) of a proper name the places index knows as a city or region."""
    if tok.pos_ != "PROPN" or tok.i in state.matches or tok.i in state.roles:
        return None
    people = actors.data.cue("person_entity_labels")
    if tok.ent_type_ and tok.ent_type_ in people:
        return None
    text = _name(actors, state, tok)
    seen = [k for _, k in state.keys_seen]
    key = load_places().owner(text, actors.lang, prefer_countries=seen)  # a sea or continent: nobody
    return (key, text) if key else None


def place_key(actors: "ActorResolver", state: "DocActors", tok: Token) -> tuple[str, str] | None:
    """(country key, place text) for a nominal naming a place: a country, a capital or city
    known to the gazetteer, 'la capitale nord-coréenne', or a city or region of the places index."""
    m = state.matches.get(tok.i)
    if m:
        e = m.best
        if e.kind in ("country", "capital", "metonym") and e.country:
            return e.country, state.doc[m.start:m.end].text
        if e.kind == "demonym":
            return None
    info = state.roles.get(tok.i)
    owner = actors._key_from_modifiers(state, tok, {tok.i})
    if owner and owner.country and info is None and tok.pos_ == "NOUN":
        return owner.country, actors._text(state, tok)
    if actors.syn.prep(tok) not in actors.data.cue("place_preps"):
        return None  # 'the battle of Mosul' names the battle, not a recipient
    return named_place(actors, state, tok)


def _posted(actors: "ActorResolver", state: "DocActors", tok: Token) -> bool:
    """A role posted abroad ('the embassy in Kabul', 'the ambassador in Istanbul'): its place is the host."""
    info = state.roles.get(tok.i)
    return info is not None and normalize(info[2]) in {normalize(w) for w in actors.data.cue("posted_role_nouns")}


def owner_prep(actors: "ActorResolver", state: "DocActors", tok: Token, c: Token) -> bool:
    """Whether the preposition of a role noun's complement `c` introduces its owner: 'of' or 'from'
    ('the army of Syria', 'officials from Iran'), or a place preposition of a role not posted abroad
    ('police in Hong Kong'); not 'to', 'near', 'against' ('the envoy to Syria', 'troops near Kyiv').
    Where the preposition heads its object, `c` is the preposition itself."""
    prep = normalize(c.text) if c.pos_ == "ADP" else actors.syn.prep(c)
    if prep in actors.of_preps or prep in actors.data.cue("source_preps"):
        return True
    return prep in actors.data.cue("role_place_preps") and not _posted(actors, state, tok)


def located_owner(actors: "ActorResolver", state: "DocActors", tok: Token, exclude: set[int]) -> Entity | None:
    """The country of the place a role noun is in or comes from: 'police in Hong Kong', 'residents of
    Aleppo', 'Hong Kong police' (a name tagged as a place, cue place_entity_labels)."""
    if not actors.data.cue("role_place_preps") or _posted(actors, state, tok):
        return None
    labels = actors.data.cue("place_entity_labels")
    cands = [c for c in actors.syn.kids(tok, "nmod") if c.i > tok.i and owner_prep(actors, state, tok, c)]
    cands += [c for c in actors.syn.kids(tok, "amod") if c.i < tok.i and c.pos_ == "PROPN" and c.ent_type_ in labels]
    for c in cands:
        if c.i in exclude:
            continue
        m = state.matches.get(c.i)
        if m and m.best.kind in ("country", "capital", "metonym") and m.best.country:
            key = m.best.country
            return Entity(text=state.doc[m.start:m.end].text, key=key, country=key, role=None)
        found = named_place(actors, state, c)
        if found:
            key, text = found
            return Entity(text=text, key=key, country=key, role=None)
    return None


def holder_owner(actors: "ActorResolver", state: "DocActors", tok: Token, exclude: set[int]) -> Entity | None:
    """The state of the office holder a role noun is named after or belongs to: 'the Obama administration',
    'the Assad regime', 'Obama's administration' (a person met earlier in the text, else the dated table
    of office holders)."""
    people = actors.data.cue("person_entity_labels")
    for c in tok.children:
        if c.i in exclude or c.i > tok.i or c.pos_ != "PROPN":
            continue
        if not (actors.syn.has(c, "amod") or actors.syn.has(c, "nmod")):
            continue
        if c.ent_type_ and c.ent_type_ not in people:
            continue
        name = actors._name_span(state, c).text
        known = state.persons.get(normalize(name)) or actors._holder(state, name)
        if known and known.country and not known.org:
            return Entity(text=name, key=known.country, country=known.country, role=None)
    return None
