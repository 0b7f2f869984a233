"""The actor of an act named by a noun, given by a passive around it: 'les attentats revendiqués par l'État
islamique', 'an attack carried out by Hamas' (a participle of the noun with an agent), 'l'attaque a été
revendiquée par les shebab', 'the bombing was claimed by the group' (the noun is the subject of a passive
verb with an agent). The passive verb must be one that performs or claims the act named by its object
(cue 'act_verbs': 'revendiquer', 'perpetrate', 'carry out', 'lancer'), and no event of another type of its
own: 'l'attaque condamnée par la France', 'an agreement forced on Qatar by its neighbours', 'le blocus
imposé par les Turcs' (a state of affairs) name no actor of the act. Language-free: verbs come from the
cues and the lexicon.

A weapon acts for whoever used it: 'des obus tirés par l'armée syrienne ont tué', 'shot down by a missile
fired by Russian troops' (a participle of use, cue 'wielding_verbs', with an agent). Other participles
name someone else: 'a man arrested by police attacked' is no act of the police. A weapon fired that hits
is an attack, not a show of force: the firing is not coded apart ('a rocket fired by Hamas hit')."""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..lang import LanguageData, LexiconEntry
from .syntax import Syntax

if TYPE_CHECKING:  # pragma: no cover
    from .actors import DocActors
    from .events import Draft
    from .frames import Argument, FrameReader


class NounAgents:
    def __init__(self, data: LanguageData, syn: Syntax, frames: "FrameReader") -> None:
        self.data = data
        self.syn = syn
        self.frames = frames
        self.act_verbs = data.cue("act_verbs")
        self.wielding = data.cue("wielding_verbs")

    def _reports_only(self, entry: LexiconEntry, verb: Token) -> bool:
        """Whether a verb around an event noun only reports the act (no event of another type of its own)."""
        lemma = self.syn.verb_lemma(verb)
        if lemma not in self.act_verbs and verb.lemma_ not in self.act_verbs:
            return False
        return not any(e.type != entry.type and self.frames.matches(e, verb) for e in self.data.entries(lemma, "VERB"))

    def _agent(self, state: "DocActors", agents: list[Token], exclude: set[int]) -> "Argument | None":
        """The entity an agent names; a nationality adjective on a common noun is no owner here ('par le groupe
        jihadiste somalien': some group of that country, not its state)."""
        found = self.frames._resolved(state, agents, exclude)
        if found is None or found.token is None or any(found.token.i == a.i for a in agents):
            return found
        m = state.matches.get(found.token.i)
        if m is not None and m.best.kind == "demonym" and not any(a.i in state.roles for a in agents):
            return None
        return found

    def passive_agent(self, state: "DocActors", entry: LexiconEntry, tok: Token, exclude: set[int]) -> "Argument | None":
        verbs = [p for p in self.syn.kids(tok, "acl") if "Part" in p.morph.get("VerbForm")]
        if self.syn.has(tok, "pass_subj") and tok.head.i != tok.i:
            verbs.append(tok.head)
        for verb in verbs:
            agents = [a for a in self.syn.kids(verb, "agent") if a.i not in exclude]
            if agents and self._reports_only(entry, verb):
                found = self._agent(state, agents, exclude)
                if found is not None:
                    return found
        return None

    def wielder(self, state: "DocActors", tok: Token, exclude: set[int]) -> "Argument | None":
        """Who used the weapon `tok` names, by the agent of a participle of use on it."""
        if tok.pos_ not in ("NOUN", "PROPN"):
            return None
        for p in self.syn.kids(tok, "acl"):
            lemma = self.syn.verb_lemma(p)
            if "Part" not in p.morph.get("VerbForm") or (lemma not in self.wielding and p.lemma_ not in self.wielding):
                continue
            agents = [a for a in self.syn.kids(p, "agent") if a.i not in exclude]
            for x in p.children:  # 'believed to be fired by rebels': through a raising participle
                if self.syn.has(x, "xcomp") and (self.syn.verb_lemma(x) in self.wielding or x.lemma_ in self.wielding):
                    agents += [a for a in self.syn.kids(x, "agent") if a.i not in exclude]
            found = self._agent(state, agents, exclude) if agents else None
            if found is not None:
                return found
        return None

    def drop_fired_weapons(self, drafts: list["Draft"]) -> None:
        """Drop a show of force by firing a weapon ('fired', 'tiré') when the weapon it fired is what an attack of
        the same actor was made with ('a rocket fired by Hamas hit', 'abattu par un missile tiré par')."""
        attacks = {(d.trigger.i, d.actor.key) for d in drafts if d.type == "ASSAULT"}
        for d in list(drafts):
            if d.type != "MOBILIZE" or not self.syn.has(d.trigger, "acl"):
                continue
            weapon = d.trigger.head
            if self.syn.has(d.trigger, "xcomp") or (self.syn.has(weapon, "acl") and weapon.pos_ in ("VERB", "AUX")):
                weapon = weapon.head  # 'a missile believed to be fired by'
            used_by = weapon.head.head if weapon.head.pos_ == "ADP" else weapon.head
            if (used_by.i, d.actor.key) in attacks:
                drafts.remove(d)
