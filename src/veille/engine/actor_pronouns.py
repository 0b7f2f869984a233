"""Mentions that refer back: a personal pronoun to the agreeing nominal before it (subjects first) or the last
person named ('l'armée turque et les rebelles qu'elle soutient', 'Il a annoncé'); a clause subject that can
stand for nobody named before ('l'homme ... sa démission'); 'les deux pays' to the last pair named. Moved out
of actors.py (ActorResolver keeps thin methods for them)."""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..gazetteer import normalize
from ..records import Entity
from .actor_parties import quote_speaker

if TYPE_CHECKING:  # pragma: no cover
    from .actors import ActorResolver, DocActors


def pronoun_antecedent(actors: "ActorResolver", state: "DocActors", tok: Token) -> Entity | None:
    """The entity a personal pronoun stands for (or a first-person one inside a quote: its speaker)."""
    speaker = quote_speaker(state, tok)
    if speaker is not None:
        return speaker
    norm = normalize(tok.text)
    if tok.pos_ != "PRON" or norm not in actors.pronouns:
        return None
    group = plural_antecedents(actors, state, tok)
    if group is not None:  # one owner only: 'Iran and Iraq said their troops' is no single party's
        return group[0] if len(group) == 1 else None
    # a nominal earlier in the same sentence that agrees in gender and number, subjects first
    # ("l'armée turque et les rebelles qu'elle soutient")
    gender = tok.morph.get("Gender")
    number = tok.morph.get("Number")
    sent_start = tok.sent.start
    prev_start = state.doc[sent_start - 1].sent.start if sent_start > 0 else sent_start
    near = [i for i in sorted(state.cache, reverse=True) if sent_start <= i < tok.i and state.cache[i]
            and state.doc[i].pos_ in ("NOUN", "PROPN")]
    if tok.i - sent_start <= 3:  # a sentence-initial pronoun continues the previous sentence's subject
        near += [i for i in sorted(state.cache, reverse=True) if prev_start <= i < sent_start and state.cache[i]
                 and state.doc[i].pos_ in ("NOUN", "PROPN")]
    # 'Trump affirme que cette dénonciation ... et que celle-ci aidera': a closer agreeing subject that names
    # no actor is the antecedent; nothing before it is
    blocked = max((t.i for t in state.doc[sent_start:tok.i] if t.pos_ == "NOUN" and actors.syn.has(t, "subj")
                   and not state.cache.get(t.i) and gender and number and agreement(actors, t) == (gender, number)),
                  default=None)
    near = [i for i in near if blocked is None or i > blocked]
    for want_subject in (True, False):
        for i in near:
            t = state.doc[i]
            if want_subject and not (actors.syn.has(t, "subj") or actors.syn.has(t, "pass_subj")):
                continue
            g, n = agreement(actors, t)
            if gender and g and g != gender or number and n and n != number:
                continue
            return replace(state.cache[i][0], text=tok.text)
    if blocked:
        return None
    # most recent resolved person before this token, preferring the same gender
    best = None
    for i in sorted((i for i in state.cache if i < tok.i), reverse=True):
        for ent in state.cache[i]:
            if ent.name and ent.key and not ent.org:  # a person (an organisation's name is not one)
                head_gender = state.doc[i].morph.get("Gender")
                if not gender or not head_gender or gender == head_gender:
                    return replace(ent, text=tok.text)
                best = best or ent
    return replace(best, text=tok.text) if best else None

def plural_antecedents(actors: "ActorResolver", state: "DocActors", tok: Token) -> list[Entity] | None:
    """Every entity a plural personal pronoun stands for ('Obama and Putin said they', 'the Syrian rebels ...
    they'): those of the closest plural nominal before it, a coordination or a plural noun, subjects first,
    in its sentence (or the previous one for a pronoun that opens its sentence). Nobody when that nominal
    names no entity ('the protesters said they'): a plural is never a single person or a state named
    earlier. None when `tok` is no plural personal pronoun."""
    if tok.pos_ != "PRON" or normalize(tok.text) not in actors.pronouns or "Plur" not in tok.morph.get("Number"):
        return None
    sent_start = tok.sent.start
    start = state.doc[sent_start - 1].sent.start if 0 < sent_start and tok.i - sent_start <= 3 else sent_start
    # 'Russia and China condemned the rebels and attacked them': an object is not its own clause's subject
    own = set() if "Yes" in tok.morph.get("Poss") or actors.syn.has(tok, "subj") else \
        {s.i for s in actors.syn.subjects(actors.syn.clause_verb(tok))}
    near = [t for t in reversed(state.doc[start:tok.i]) if _plural_nominal(actors, t)]
    for want_subject in (True, False):
        for t in near:
            subject = actors.syn.has(t, "subj") or actors.syn.has(t, "pass_subj")
            if want_subject and not subject:
                continue
            if t.i in own:
                continue
            ents = [] if t.pos_ == "PRON" and normalize(t.text) not in actors.pronouns else actors.entities(state, t)
            return [replace(e, text=tok.text) for e in ents if e.key]
    return []


def _plural_nominal(actors: "ActorResolver", t: Token) -> bool:
    """A nominal that heads a coordination or is plural (not a later conjunct, a modifier, or a first or
    second person)."""
    if t.pos_ not in ("NOUN", "PROPN", "PRON") or actors.syn.has(t, "conj") or actors.syn.has(t, "amod"):
        return False
    if t.pos_ == "PRON" and ({"1", "2"} & set(t.morph.get("Person")) or "Rel" in t.morph.get("PronType")):
        return False
    return len(actors.syn.conjuncts(t)) > 1 or "Plur" in agreement(actors, t)[1]


def names_nobody(actors: "ActorResolver", state: "DocActors", tok: Token, possessive: Token) -> bool:
    """Whether a clause subject that resolved to no entity is the owner of `possessive` and cannot stand
    for one named before: a name ('Fabrice Schlegel ... sa démission'), a demonstrative ('celui qui'), a
    person noun ('l'homme'), a company or club ('les clubs ... leur soutien'); not a personal pronoun, a
    title ('les milices') or a possessed noun ('son pays'), which refer back; not a subject of another
    number ('Nissan ... leur enquête')."""
    plural = normalize(possessive.text) in actors.plural_possessors
    number = agreement(actors, tok)[1] or (["Sing"] if tok.pos_ == "PROPN" else [])  # a bare name is one
    if number and ("Plur" in number) != plural:
        return False
    if tok.pos_ == "PRON":
        return normalize(tok.text) not in actors.pronouns and "Yes" not in tok.morph.get("Poss")
    if tok.pos_ == "PROPN":
        return True
    lemma = normalize(tok.lemma_)
    return tok.pos_ == "NOUN" and tok.i not in state.roles and (lemma in actors.person_nouns or lemma in actors.bodies) \
        and not any("Yes" in d.morph.get("Poss") for d in tok.children)

def agreement(actors: "ActorResolver", tok: Token) -> tuple[list[str], list[str]]:
    """Gender and number of a nominal, from its determiner when it has one: models often guess a
    proper noun's gender wrong ('Le Pentagone' tagged feminine), never the article's."""
    for d in tok.children:
        if actors.syn.has(d, "det") and d.morph.get("Gender"):
            return d.morph.get("Gender"), d.morph.get("Number") or tok.morph.get("Number")
    return tok.morph.get("Gender"), tok.morph.get("Number")


def salient_pair(state: "DocActors", before: int) -> tuple[Entity, Entity] | None:
    """The pair 'les deux pays' stands for: the last coordinated pair of different states, else the last two
    states named."""
    pairs = [p for p in state.pairs if p[0] < before and p[1].key != p[2].key]
    if pairs:
        _, a, b = pairs[-1]
        return a, b
    keys: list[str] = []
    for i, key in reversed(state.keys_seen):
        if i < before and key not in keys:
            keys.append(key)
        if len(keys) == 2:
            break
    if len(keys) == 2:
        b, a = keys
        return (Entity(text=a, key=a, country=a, code=a), Entity(text=b, key=b, country=b, code=b))
    return None
