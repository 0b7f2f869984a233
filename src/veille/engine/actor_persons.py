"""Persons: a proper name read as a person, resolved by a title before or around it ('le président russe
Vladimir Poutine', 'le ministre ..., Alexandre Kozlov,'), a person met earlier in the document, or the
dated office-holder tables; people resolved are remembered by full name and surname. Moved out of
actors.py (ActorResolver keeps thin methods for the name span and office holders other modules use)."""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from ..gazetteer import normalize
from ..records import Entity
from .actor_lists import _code as entity_code

if TYPE_CHECKING:  # pragma: no cover
    from .actors import ActorResolver, DocActors


def apposed_person(actors: "ActorResolver", state: "DocActors", tok: Token) -> str | None:
    """'le ministre russe ..., Alexandre Kozlov,' or 'le dirigeant nord-coréen Kim Jong Un'."""
    doc = state.doc
    for c in tok.children:
        if c.i > tok.i and (actors.syn.has(c, "appos") or actors.syn.has(c, "flat") or actors.syn.has(c, "nmod")) \
                and c.pos_ == "PROPN" and person_like(c):
            return name_span(actors, state, c).text
    # apposition parsed as a second subject: the next PROPN after a comma following the NP
    right = tok.right_edge.i + 1
    if right + 1 < len(doc) and doc[right].text == "," and doc[right + 1].pos_ == "PROPN" \
            and person_like(doc[right + 1]) and doc[right + 1].head in (tok.head, tok):
        return name_span(actors, state, doc[right + 1]).text
    return None


def person_like(tok: Token) -> bool:
    return tok.ent_type_ in ("PER", "PERSON") or (tok.pos_ == "PROPN" and not tok.ent_type_)


def name_span(actors: "ActorResolver", state: "DocActors", tok: Token) -> Span:
    members = [tok] + [c for c in tok.children if actors.syn.has(c, "flat") and c.pos_ in ("PROPN", "NOUN", "X")]
    lo = min(t.i for t in members)
    hi = max(t.i for t in members) + 1
    if tok.ent_type_ and tok.ent_iob_ in ("B", "I"):
        for ent in state.ents:
            if ent.start <= tok.i < ent.end:
                lo, hi = min(lo, ent.start), max(hi, ent.end)
    while lo < hi and normalize(state.doc[lo].text) in actors.honorifics:
        lo += 1
    return state.doc[lo:hi]


def office_holder(actors: "ActorResolver", state: "DocActors", name: str) -> Entity | None:
    holders = actors.gaz.holders(name, state.date)
    if not holders or len({(h.country, h.org) for h in holders}) > 1:
        return None  # unknown, or namesakes in office in different places: not guessed
    h = holders[0]
    key = h.country or h.org
    return Entity(text=name, key=key, country=h.country, org=h.org, role=h.role, name=h.name, code=entity_code(key, h.role))


def title_before(actors: "ActorResolver", state: "DocActors", start: int) -> Entity | None:
    """'le dirigeant nord-coréen Kim Jong Un': a role noun within a few tokens before a name."""
    for j in range(start - 1, max(-1, start - 5), -1):
        t = state.doc[j]
        if j in state.roles:
            return actors._from_role(state, state.doc[state.roles[j][0] - 1] if state.roles[j][0] - 1 >= j else t)
        if t.is_punct or t.pos_ not in ("ADJ", "NOUN", "ADP", "DET"):
            return None
    return None


def named_person(actors: "ActorResolver", state: "DocActors", tok: Token) -> Entity | None:
    if tok.pos_ != "PROPN" and actors.normalized(tok.text) not in actors.honorifics and tok.ent_type_ not in ("PER", "PERSON"):
        return None
    if actors.normalized(tok.text) in actors.honorifics:  # "M. Kozlov": the name is a flat dependent
        names = [c for c in tok.children if actors.syn.has(c, "flat")]
        if not names:
            return None
        span = state.doc[names[0].i:names[-1].i + 1]
    else:
        span = name_span(actors, state, tok)
    name = span.text
    norm = normalize(name)
    known = state.persons.get(norm) or state.persons.get(actors.normalized(span[-1].text))
    text = state.doc[min(tok.i, span.start):span.end].text
    if known:
        return replace(known, text=text)
    # a title before the name: "le dirigeant nord-coréen Kim Jong Un", "le président russe Vladimir Poutine"
    head = tok.head
    # a name right behind a preposition is no title's name unless tagged a person ('les forces à Deir ez-Zor')
    led = span.start > 0 and state.doc[span.start - 1].pos_ == "ADP" and tok.ent_type_ not in ("PER", "PERSON")
    if head.i != tok.i and head.i < tok.i and head.i in state.roles and not led:
        titled = actors._from_role(state, head)
        if titled:
            return replace(titled, text=text, name=name)
    for c in tok.children:
        if c.i in state.roles and (actors.syn.has(c, "appos") or actors.syn.has(c, "nmod")):
            titled = actors._from_role(state, c)
            if titled:
                return replace(titled, text=text, name=name)
    titled = None if led else title_before(actors, state, span.start)
    if titled:
        return replace(titled, text=text, name=name)
    holder = office_holder(actors, state, name)
    if holder:
        return replace(holder, text=text)
    return None


def remember_person(state: "DocActors", ent: Entity) -> None:
    if not ent.name:
        return
    state.persons.setdefault(normalize(ent.name), ent)
    last = ent.name.split()[-1]
    state.persons.setdefault(normalize(last), ent)
