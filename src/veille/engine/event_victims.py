"""Whom an act of force named by a noun hits, when the noun's own phrase does not say it.

- The victims of the clause it is an adjunct of: 'ten Syrian soldiers were killed in an Israeli strike',
  'trois policiers sont morts dans une attaque de Daech', 'des civils ont été victimes d'un attentat': the
  subject of a passive verb of force (a lexicon entry of that type: 'killed', 'tués'), or of a word of
  harm whose subject undergoes it (cue 'harm_words': 'died', 'morts', 'victimes').
- Where those victims resolve to no entity ('four children were killed'), the state of the place the act
  hit: a place of that clause ('tuées à Aden, dans trois attentats'), or one the noun's own clause or
  target names ('un attentat perpétré contre un hôtel de Mogadiscio', 'an attack targeting non-Muslims at
  a mall in Kenya's capital', 'a bombing claimed by the Islamic State killed 20 people in Baghdad': the
  place of the verb of force it is the subject of, which takes it too: 'a US drone strike killed five
  militants in Pakistan'). This only where the noun's lexicon entry takes a place as recipient, and
  never the actor's own state (an army's strikes at home have no recipient the text names).

- Whom the verb that aims it names: 'un attentat de Daech a visé l'armée irakienne', 'une attaque visant
  l'armée malienne' (the object of an aiming verb, cue 'aiming_verbs', whose subject is the noun or that is
  a participle on it); or a target of its phrase the parser hung deeper than its frame looks ('une attaque
  de Boko Haram contre l'armée nigériane', 'contre' on the name).

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
        self.of_preps = data.cue("of_preps")
        self.place_preps = data.cue("place_preps") | self.of_preps
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
        if lemmas & self.harm_words:  # 'morts dans', 'blessés dans'; not an active 'X a blessé Y dans ...'
            undergoers = self.syn.kids(clause, "pass_subj") or ([] if self.syn.objects(clause) else self.syn.kids(clause, "subj"))
        elif self._forceful(clause) and self.syn.is_passive(clause):
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
        return self._deep_target(state, d)

    def _deep_target(self, state: "DocActors", d: "Draft") -> list[Entity]:
        """'une attaque de Boko Haram contre l'armée nigériane' with 'contre' hung on the name: a nominal of the
        noun's own phrase (no clause in between) introduced by a preposition of its target ('contre', 'on');
        not 'de'/'of', which also introduces its actor."""
        preps = {p for e in self.data.entries(d.trigger.lemma_, "NOUN") if e.id == d.entry_id
                 for p in e.recipient_preps} - self.of_preps
        for t in d.trigger.subtree:
            if t.i == d.trigger.i or t.pos_ not in ("NOUN", "PROPN") or self.syn.prep(t) not in preps:
                continue
            path = [t, *self.syn.governors(t)]
            end = next((k for k, g in enumerate(path) if g.i == d.trigger.i), None)
            if end is None or any(self.syn.verb_like(g) or self.syn.has(g, "acl") for g in path[:end]):
                continue  # inside a clause of its own
            found = [e for e in self.actors.entities(state, t) if e.key]
            if found:
                return found
        return []

    # ----- the place hit -----------------------------------------------------------------------
    def _place_taker(self, noun: Token) -> bool:
        """An act of force named by a noun whose lexicon entry takes a place as its recipient."""
        return any(e.type == "ASSAULT" and "place" in e.recipient for e in self.data.entries(noun.lemma_, "NOUN"))

    def _forceful(self, verb: Token) -> bool:
        return self.syn.verb_like(verb) and any(e.type == "ASSAULT" for e in self.data.entries(self.syn.verb_lemma(verb), "VERB"))

    def place_hit(self, state: "DocActors", d: "Draft") -> tuple[str, str, Token] | None:
        """(country, text, token) of the place an unaimed act named by a noun hit, outside its own phrase."""
        noun = d.trigger
        if self.syn.verb_like(noun):  # 'a US drone strike killed five militants in Pakistan': the strike's place
            noun = next((s for s in self.syn.kids(noun, "subj") if self._place_taker(s)), None)
            if noun is None:
                return None
        elif not self._place_taker(noun):
            return None
        cands: list[Token] = []
        clause = self.harm_clause(noun)
        if clause is None and self.syn.has(noun, "subj") and self._forceful(noun.head):
            clause = (noun.head, [])  # 'a bombing claimed by the Islamic State killed 20 people in Baghdad'
            cands += [c for o in self.syn.objects(noun.head) for c in self.syn.kids(o, "nmod")]
        if clause is not None:  # 'tuées à Aden, dans trois attentats'
            cands += [c for c in self.syn.kids(clause[0], "obl", "nmod") if c.i != noun.i]
        # the noun's own clause and target: 'perpétré contre un hôtel de Mogadiscio', 'targeting X at a mall'
        for part in self.syn.kids(noun, "acl"):
            for c in self.syn.kids(part, "obj", "obl"):
                cands += [c, *self.syn.kids(c, "nmod")]
        for c in self.syn.kids(noun, "nmod"):  # 'an attack at a mall in Kenya's capital'
            cands += self.syn.kids(c, "nmod")
        own = {d.actor.key} | ({d.actor.country} if not d.actor.org else set())  # a group may hit its home state
        for c in cands:
            prep = self.syn.prep(c)
            if prep is not None and prep not in self.place_preps:
                continue
            found = self.actors.place_key(state, c)
            if found and found[0] not in own:
                return found[0], found[1], c
        return None

    def complete(self, drafts: list["Draft"], state: "DocActors") -> None:
        """Set the recipient of unaimed acts of force named by nouns: whom they are aimed at, their victims,
        else the place hit (also for a verb of force whose subject is such a noun)."""
        for d in drafts:
            if d.type != "ASSAULT" or d.recipient is not None or not d.actor.key:
                continue
            if self.syn.verb_like(d.trigger):
                place = self.place_hit(state, d)
                if place is not None:
                    d.recipient = Entity(text=place[1], key=place[0], country=place[0], role=None, code=place[0])
                continue
            side = {o.actor.key for o in drafts if o.trigger.i == d.trigger.i}
            hit = [e for e in self.aimed_at(state, d) + self.victims(state, d) if e.key not in side]
            if hit:
                d.recipient = hit[0]
                continue
            place = self.place_hit(state, d)
            if place is not None:
                key, text, tok = place
                d.recipient = Entity(text=text, key=key, country=key, role=None, code=key)
                if d.place is None:
                    d.place = place
