"""Whom an act of force named by a noun hits, when the noun's own phrase does not say it.

- The victims of the clause it is an adjunct of: 'ten Syrian soldiers were killed in an Israeli strike',
  'trois policiers sont morts dans une attaque de Daech', 'des civils ont été victimes d'un attentat': the
  subject of a passive verb of force (a lexicon entry of that type: 'killed', 'tués'), or of a word of
  harm whose subject undergoes it (cue 'harm_words': 'died', 'morts', 'victimes').
- Where those victims resolve to no entity ('four children were killed'), the state of the place the act
  hit: a place of that clause ('tuées à Aden, dans trois attentats'), or one the noun's own clause or
  target names ('un attentat perpétré contre un hôtel de Mogadiscio', 'an attack targeting non-Muslims at
  a mall in Kenya's capital'). This only where the lexicon entry takes a place as recipient, and never
  the actor's own state (an army's strikes at home have no recipient the text names).

- Whom the verb that aims it names: 'un attentat de Daech a visé l'armée irakienne', 'une attaque visant
  l'armée malienne' (the object of an aiming verb, cue 'aiming_verbs', whose subject is the noun or that is
  a participle on it).

Language-free: the harm and aiming words and the prepositions are language data, the parse gives the rest."""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..lang import LanguageData
from ..records import Entity
from .syntax import Syntax

if TYPE_CHECKING:  # pragma: no cover
    from .actors import ActorResolver, DocActors
    from .events import Draft


def _governor(tok: Token) -> Token:
    """The word a nominal depends on, through its preposition where the preposition heads it ('killed in ...')."""
    head = tok.head
    if head.pos_ == "ADP" and head.head.i != head.i:
        head = head.head
    return head


class VictimFinder:
    def __init__(self, data: LanguageData, actors: "ActorResolver", syn: Syntax) -> None:
        self.data = data
        self.actors = actors
        self.syn = syn
        self.harm_words = data.cue("harm_words")
        self.concessive = data.cue("concessive_preps")
        self.place_preps = data.cue("place_preps") | data.cue("of_preps")
        self.aiming = data.cue("aiming_verbs")

    # ----- the clause of harm ------------------------------------------------------------------
    def harm_clause(self, noun: Token) -> tuple[Token, list[Token]] | None:
        """(clause head, the nominals undergoing it) when `noun` is an adjunct of a clause of harm."""
        if noun.head.i == noun.i or self.syn.prep(noun) in self.concessive:
            return None
        if not (self.syn.has(noun, "obl") or self.syn.has(noun, "nmod") or self.syn.has(noun, "agent")):
            return None
        clause = _governor(noun)
        if clause.i == noun.i:
            return None
        lemmas = {clause.lemma_, clause.lower_}
        if lemmas & self.harm_words:
            undergoers = self.syn.kids(clause, "subj", "pass_subj")
        elif self.syn.verb_like(clause) and self.syn.is_passive(clause) and any(
                e.type == "ASSAULT" for e in self.data.entries(self.syn.verb_lemma(clause), "VERB")):
            undergoers = self.syn.kids(clause, "pass_subj")
        else:
            return None
        return clause, undergoers

    def victims(self, state: "DocActors", d: "Draft") -> list[Entity]:
        found = self.harm_clause(d.trigger)
        if found is None:
            return []
        return [e for who in found[1] for e in self.actors.entities(state, who) if e.key]

    def aimed_at(self, state: "DocActors", d: "Draft") -> list[Entity]:
        """Entities the verb aiming the act at them names: its object, the noun being its subject or a participle
        of it carrying it."""
        noun = d.trigger
        verbs = [p for p in self.syn.kids(noun, "acl") if "Part" in p.morph.get("VerbForm")]
        if self.syn.has(noun, "subj") and noun.head.i != noun.i:
            verbs.append(noun.head)
        for verb in verbs:
            if self.syn.verb_lemma(verb) not in self.aiming and verb.lemma_ not in self.aiming:
                continue
            found = [e for o in self.syn.objects(verb) for e in self.actors.entities(state, o) if e.key]
            if found:
                return found
        return []

    # ----- the place hit -----------------------------------------------------------------------
    def _takes_place(self, d: "Draft") -> bool:
        return any(e.id == d.entry_id and "place" in e.recipient for e in self.data.entries(d.trigger.lemma_, "NOUN"))

    def place_hit(self, state: "DocActors", d: "Draft") -> tuple[str, str, Token] | None:
        """(country, text, token) of the place an unaimed act named by a noun hit, outside its own phrase."""
        noun = d.trigger
        if self.syn.verb_like(noun) or not self._takes_place(d):
            return None
        cands: list[Token] = []
        clause = self.harm_clause(noun)
        if clause is not None:  # 'tuées à Aden, dans trois attentats'
            cands += [c for c in self.syn.kids(clause[0], "obl", "nmod") if c.i != noun.i]
        # the noun's own clause and target: 'perpétré contre un hôtel de Mogadiscio', 'targeting X at a mall'
        for part in self.syn.kids(noun, "acl"):
            for c in self.syn.kids(part, "obj", "obl"):
                cands += [c, *self.syn.kids(c, "nmod")]
        for c in self.syn.kids(noun, "nmod"):  # 'an attack at a mall in Kenya's capital'
            cands += self.syn.kids(c, "nmod")
        own = {d.actor.key, d.actor.country}
        for c in cands:
            prep = self.syn.prep(c)
            if prep is not None and prep not in self.place_preps:
                continue
            found = self.actors.place_key(state, c)
            if found and found[0] not in own:
                return found[0], found[1], c
        return None

    def complete(self, drafts: list["Draft"], state: "DocActors") -> None:
        """Set the recipient of unaimed acts of force named by nouns: their victims, else the place hit."""
        for d in drafts:
            if d.type != "ASSAULT" or d.recipient is not None or not d.actor.key or self.syn.verb_like(d.trigger):
                continue
            side = {o.actor.key for o in drafts if o.trigger.i == d.trigger.i}
            hit = [e for e in self.aimed_at(state, d) + self.victims(state, d) if e.key not in side and e.key != d.actor.country]
            if hit:
                d.recipient = hit[0]
                continue
            place = self.place_hit(state, d)
            if place is not None:
                key, text, tok = place
                d.recipient = Entity(text=text, key=key, country=key, role=None, code=key)
                if d.place is None:
                    d.place = place
