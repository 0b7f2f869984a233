"""Parties named without their name: by their relation to someone ('son allié russe', 'nos amis à
Moscou', 'nos amis, à commencer par nos amis américains'), or in the first person inside a direct quote
(its speaker). Language-free: the relation nouns are language data (`relation_nouns`), nationality and
place come from the gazetteer matches, person from UD morphology."""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..gazetteer import normalize
from ..records import Entity

if TYPE_CHECKING:  # pragma: no cover
    from .actors import ActorResolver, DocActors

PLACE_KINDS = ("country", "capital", "metonym")


def _state(text: str, key: str) -> Entity:
    return Entity(text=text, key=key, country=key, role=None, code=key)


def relation_party(res: "ActorResolver", state: "DocActors", tok: Token) -> Entity | None:
    """A party named by its relation and its nationality or place ('son allié russe', 'ses alliés à Damas'):
    that state. ('l'allié de la Russie' is some other party: an 'of' phrase is no owner here.)"""
    if tok.pos_ != "NOUN" or normalize(tok.lemma_) not in res.relation_nouns:
        return None
    for c in tok.children:
        m = state.matches.get(c.i)
        if m and m.best.kind == "demonym" and m.best.country and res.syn.has(c, "amod"):
            return _state(res._text(state, tok), m.best.country)
        if m and m.best.kind in PLACE_KINDS and m.best.country and res.syn.has(c, "nmod") \
                and res.syn.prep(c) not in res.of_preps:
            return _state(state.doc[tok.i:m.end].text, m.best.country)
    doc, j = state.doc, tok.i + 1  # the same, read on the surface when the parser hangs the place elsewhere
    if j + 1 < len(doc) and doc[j].pos_ == "ADP" and normalize(doc[j].text) not in res.of_preps:
        k = j + 1 + (doc[j + 1].pos_ == "DET")
        m = state.matches.get(k)
        if m and m.start == k and m.best.kind in PLACE_KINDS and m.best.country:
            return _state(doc[tok.i:m.end].text, m.best.country)
    return None


def specified_parties(res: "ActorResolver", state: "DocActors", tok: Token) -> list[Entity]:
    """'nos amis, à commencer par nos amis américains et aussi nos amis à Moscou': a bare relation noun stands
    for the same noun qualified later in its sentence."""
    if tok.pos_ != "NOUN" or normalize(tok.lemma_) not in res.relation_nouns:
        return []
    out: list[Entity] = []
    for t in state.doc[tok.i + 1:tok.sent.end]:
        if t.lemma_ == tok.lemma_:
            e = relation_party(res, state, t)
            if e is not None and all(x.key != e.key for x in out):
                out.append(e)
    return out


def hear_quotes(state: "DocActors", quotes) -> None:
    """Record who speaks each direct quote; forget what was resolved for its first-person pronouns before."""
    for q in quotes:
        sp = q.speaker
        if q.kind in ("direct", "mixed") and sp.key:
            state.speakers.append((q.start, q.end, Entity(text=sp.text, key=sp.key, role=sp.role, name=sp.name,
                                                          code=f"{sp.key}{sp.role or ''}")))
    for tok in state.doc:
        if tok.i in state.cache and quote_speaker(state, tok) is not None:
            del state.cache[tok.i]


def quote_speaker(state: "DocActors", tok: Token) -> Entity | None:
    """'« J'ai ordonné une frappe », a-t-il déclaré': a first-person pronoun inside a direct quote."""
    if tok.pos_ != "PRON" or "1" not in tok.morph.get("Person"):
        return None
    for start, end, ent in state.speakers:
        if start <= tok.idx < end:
            return replace(ent, text=tok.text)
    return None


def possessor_owner(res: "ActorResolver", state: "DocActors", tok: Token, exclude: set[int]) -> Entity | None:
    """The owner of a role noun named by a possessive pronoun: 'Turkey said its troops attacked', 'Putin
    said his government would respond' (the pronoun's antecedent, resolved as a pronoun is). Only for a
    subject: 'Russia withdrew its troops' names what the actor moves, not a second party."""
    if not (res.syn.has(tok, "subj") or res.syn.has(tok, "pass_subj")):
        return None
    for d in tok.children:
        if d.i in exclude or d.i > tok.i or "Yes" not in d.morph.get("Poss"):
            continue
        ent = res._from_pronoun(state, d)
        if ent is not None and ent.key:
            return Entity(text=d.text, key=ent.key, country=ent.country, org=ent.org, role=None)
    return None
