"""A document stands for its author: 'a report by Human Rights Watch accused Syria', 'le rapport de
l'ONU accuse', 'selon un communiqué du ministère russe', 'Amnesty's report', 'a UN report', 'un rapport
publié par HRW'. The author is the document noun's possessor, its complement of origin ('de', 'by',
'from'), a name or nationality modifying it, or the agent of a participle on it ('published by'). A
document with no author in its own phrase ('a report released Tuesday') resolves to nothing: the place
where it was released is no author, and a city after 'de'/'of' names the text ('la déclaration de Paris'). Document nouns are language data (cue 'document_nouns')."""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..gazetteer import normalize
from ..records import Entity

if TYPE_CHECKING:  # pragma: no cover
    from .actors import ActorResolver, DocActors


def document_author(actors: "ActorResolver", state: "DocActors", tok: Token) -> Entity | None:
    nouns = actors.data.cue("document_nouns")
    if tok.pos_ not in ("NOUN", "PROPN") or (normalize(tok.lemma_) not in nouns and tok.lower_ not in nouns):
        return None
    own = _own_author(actors, state, tok)
    if own is not None or not actors.context._definite(tok):
        return own
    # 'Le rapport accuse ...' after 'Amnesty a publié un rapport': the one author of that noun's documents so far
    authors: dict[str, Entity] = {}
    for t in state.doc[:tok.i]:
        if t.lemma_ == tok.lemma_ and t.pos_ == tok.pos_:
            e = _own_author(actors, state, t) or _publisher(actors, state, t)
            if e is not None:
                authors.setdefault(e.key, e)
    return replace(next(iter(authors.values())), text=actors._text(state, tok)) if len(authors) == 1 else None


def _publisher(actors: "ActorResolver", state: "DocActors", tok: Token) -> Entity | None:
    """Who published a document: the subject of a publishing verb it is the object of ('HRW a publié un rapport')."""
    syn = actors.syn
    verb = tok.head
    if not syn.has(tok, "obj") or verb.i == tok.i or syn.verb_lemma(verb) not in actors.data.cue("publishing_verbs"):
        return None
    for subj in syn.subjects(verb):
        ents = actors.entities(state, subj)
        if ents and ents[0].key:
            return ents[0]
    return None


def _own_author(actors: "ActorResolver", state: "DocActors", tok: Token) -> Entity | None:
    syn = actors.syn
    preps = actors.of_preps | actors.data.cue("agent_preps") | actors.data.cue("source_preps")
    cands: list[Token] = []
    for c in tok.children:
        if syn.has(c, "nmod") and syn.prep(c) not in preps:
            continue  # 'a report on Iran', 'le rapport sur la Syrie': its topic
        if syn.has(c, "nmod") or syn.has(c, "amod") or syn.has(c, "agent") or syn.has(c, "det"):
            cands.append(c)
    for p in syn.kids(tok, "acl"):  # 'un rapport publié par HRW'
        cands += syn.kids(p, "agent")
    for c in cands:
        m = state.matches.get(c.i)
        if m is not None and m.best.kind == "demonym":  # 'un rapport américain'
            e = m.best
            return Entity(text=actors._text(state, tok), key=e.key, country=e.country or e.key, role=None, code=e.key)
        if c.pos_ == "DET" and "Yes" not in c.morph.get("Poss"):
            continue
        if m is not None and m.best.kind == "capital" and syn.prep(c) in actors.of_preps:
            continue  # 'la déclaration de Paris', 'the Declaration of Lima': a city names the text
        ents = actors.entities(state, c)
        if ents and ents[0].key:
            return replace(ents[0], text=actors._text(state, tok))
    return None
