"""Document-level passes that complete event drafts from the events around them: the target of a reaction
is the actor of the event it reacts to; an unaimed act of force is aimed at whom the clause shows undergoing
it, at the side it faces in its sentence, or at its actor's adversary in the document; a threat at the target
of the act threatened; a demand at the side its actor faces. Each pass sets a recipient only where the document
leaves one candidate. Language-free: cue words come from the language data, stances and roles from the
ontology."""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..lang import LanguageData
from ..ontology import CodingPolicy, Ontology
from ..records import Entity
from .actors import ActorResolver, DocActors
from .event_victims import VictimFinder
from .noun_agents import NounAgents
from .syntax import Syntax

if TYPE_CHECKING:  # pragma: no cover
    from .events import Draft


def _named_in(state: DocActors, sent) -> set[str]:
    """Keys of the entities resolved in a sentence."""
    return {e.key for i, es in state.cache.items() if sent.start <= i < sent.end for e in es if e.key}


def _common_enemy(attacked: set[str], foes: dict[str, set[str]]) -> set[str]:
    """Of the sides attacked, the one with strictly the most adversaries (all of them if only one is)."""
    if len(attacked) < 2:
        return attacked
    counts = {k: len(foes.get(k, ())) for k in attacked}
    top = max(counts.values())
    best = {k for k, c in counts.items() if c == top}
    return best if top > 1 and len(best) == 1 else set()


class TargetPasses:
    def __init__(self, data: LanguageData, ontology: Ontology, actors: ActorResolver, agents: NounAgents) -> None:
        self.data = data
        self.agents = agents
        self.ontology = ontology
        self.actors = actors
        self.syn = Syntax(data)
        self.concessive = data.cue("concessive_preps")
        self.agent_preps = data.cue("agent_preps")
        self.of_preps = data.cue("of_preps")
        self.retaliation = data.cue("retaliation_lemmas")
        self.victims = VictimFinder(data, actors, self.syn)

    def _policy(self, typ: str) -> CodingPolicy:
        return self.ontology.plover_type(typ).coding

    def complete(self, drafts: list[Draft], state: DocActors) -> None:
        """Run the passes in order (each may drop drafts it shows wrong)."""
        self.event_targets(drafts)
        self.agents.drop_fired_weapons(drafts)
        self.undergone(drafts, state)
        self.victims.complete(drafts, state)
        self.opponents(drafts, state)
        if self.facing(drafts):  # new dyads found: they make adversaries known for the other attacks
            self.opponents(drafts, state)
        self.threat_targets(drafts)
        self.demand_addressees(drafts, state)

    def event_targets(self, drafts: list[Draft]) -> None:
        """'ont condamné les attentats', 'a qualifié les frappes d'agression': a reaction whose object is an
        event coded in the document is aimed at that event's actor. Evaluations with no target are dropped."""
        by_trigger: dict[int, list[Draft]] = {}
        for d in drafts:
            by_trigger.setdefault(d.trigger.i, []).append(d)
        for d in list(drafts):
            if d.recipient is not None:
                continue
            own = d.type == "CONCEDE"  # 'reconnu leur responsabilité dans ces frappes': conceded to the victim

            def fits(o: Draft) -> bool:
                if o is d or o.type == d.type or not o.actor.key or o.modality not in ("asserted", "alleged"):
                    return False
                if own:
                    return o.actor.key == d.actor.key and o.recipient is not None and o.recipient.key not in (None, d.actor.key)
                return o.actor.key != d.actor.key

            for cand in d.pending:
                found = [o for o in by_trigger.get(cand, []) if fits(o)]
                if not found and self._definite(d.trigger.doc[cand]):
                    # 'les frappes' refers back to the strikes (or bombings...) already reported in the document
                    lemma = d.trigger.doc[cand].lemma_
                    kinds = {e.type for e in self.data.entries(lemma, "NOUN")} if own else set()
                    found = [o for o in reversed(drafts) if o.trigger.i < cand and fits(o)
                             and (o.trigger.lemma_ == lemma or o.type in kinds)][:1]
                if found:
                    d.recipient = found[0].recipient if own else found[0].actor
                    break
            if d.recipient is None and own and d.pending:
                # 'ont également reconnu leur implication': in the act of force the text has just reported
                found = [o for o in reversed(drafts) if o.trigger.i < d.trigger.i and o.type in ("ASSAULT", "COERCE")
                         and o.recipient is not None and o.recipient.key not in (None, d.actor.key)][:1]
                if found:
                    d.recipient = found[0].recipient
            if d.recipient is None and d.entry_id.endswith("-evaluation"):
                drafts.remove(d)

    def _definite(self, tok: Token) -> bool:
        return any("Def" in c.morph.get("Definite") or "Dem" in c.morph.get("PronType")
                   for c in self.syn.kids(tok, "det"))

    def opponents(self, drafts: list[Draft], state: DocActors) -> None:
        """An act of force with no named target ('l'offensive des FDS') is aimed, in this order, at: the one
        adversary the document gives that actor (explicit attacks, either direction) that is named in the
        same sentence; the one adversary of its co-actors ('les bombardements russes et syriens') named in the
        sentence; the other side of the closest explicit attack or expulsion by the actor, else on it (on it
        first for a retaliation: 'contre-offensives de Daech' after the offensive of the FDS); the
        actor's only adversary; for an actor with no known adversary, the only side the document shows being
        attacked, or, of several, the one the most parties attack (the common enemy: 'les FDS', 'l'armée
        irakienne' and 'l'armée syrienne' against Daech, which also killed Russian soldiers). Otherwise the
        recipient stays unknown."""
        foes: dict[str, set[str]] = {}
        ents: dict[str, Entity] = {}
        targets: set[str] = set()
        seen_at: dict[str, list[tuple[int, str]]] = {}  # key -> (trigger position, adversary) of its dyads
        for d in drafts:
            if d.type not in ("ASSAULT", "COERCE") or d.recipient is None or not d.recipient.key \
                    or d.modality == "negated" or d.actor.key == d.recipient.key:
                continue
            seen_at.setdefault(d.actor.key, []).append((d.trigger.i, d.recipient.key, 0))
            seen_at.setdefault(d.recipient.key, []).append((d.trigger.i, d.actor.key, 1))
            if d.type != "ASSAULT":
                continue
            foes.setdefault(d.actor.key, set()).add(d.recipient.key)
            foes.setdefault(d.recipient.key, set()).add(d.actor.key)
            targets.add(d.recipient.key)
            ents.setdefault(d.recipient.key, d.recipient)
            ents.setdefault(d.actor.key, replace(d.actor, role=None, code=d.actor.key))
        for d in drafts:  # adversaries met only in other acts (an expulsion) are known entities too
            if d.type == "COERCE" and d.recipient is not None and d.recipient.key and d.actor.key != d.recipient.key:
                ents.setdefault(d.recipient.key, d.recipient)
                ents.setdefault(d.actor.key, replace(d.actor, role=None, code=d.actor.key))
        by_trigger: dict[int, set[str]] = {}
        for d in drafts:
            by_trigger.setdefault(d.trigger.i, set()).add(d.actor.key)
        for d in drafts:
            if d.type != "ASSAULT" or d.recipient is not None or not d.actor.key:
                continue
            sent = d.trigger.sent
            side = by_trigger[d.trigger.i] | {d.reporter.key if d.reporter else None}
            named = _named_in(state, sent) - side
            mine = foes.get(d.actor.key, set())
            # the closest dyad where the actor attacked, or, for a retaliation, where it was attacked
            hit_back = d.trigger.lemma_ in self.retaliation or d.trigger.lower_ in self.retaliation
            nearest = sorted(seen_at.get(d.actor.key, []),
                             key=lambda p: (p[2] != hit_back, abs(p[0] - d.trigger.i)))[:1]
            allied = set().union(*(foes.get(k, set()) for k in by_trigger[d.trigger.i] if k)) - side
            for pool in (mine & named, allied & named, {p[1] for p in nearest}, mine,
                         set() if mine else _common_enemy(targets - side, foes)):
                if len(pool) == 1 and next(iter(pool)) in ents:
                    d.recipient = ents[next(iter(pool))]
                    break

    def undergone(self, drafts: list[Draft], state: DocActors) -> None:
        """An act of force with no named target is aimed at whoever the clause it sits in shows undergoing it:
        the subject of a passive it is the agent of ('dont elle avait été expulsée par une offensive de Daech'),
        the subject of a clause it is a concessive adjunct of ('Daech réalise une percée malgré les attaques
        aériennes de la Russie': Daech acts despite them). An act set against a clause's subject ('Daech
        continue d'avancer malgré les tentatives de contre-offensives') is never that subject's own: a draft
        that gave it to the subject is dropped."""
        for d in list(drafts):
            if d.type != "ASSAULT" or d.recipient is not None or not d.actor.key:
                continue
            adjunct = d.trigger
            if self.syn.has(adjunct, "nmod") and self.syn.prep(adjunct) in self.of_preps:
                adjunct = adjunct.head  # 'malgré les tentatives de contre-offensives'
            clause = adjunct.head
            if clause.i == adjunct.i or not self.syn.verb_like(clause):
                continue
            prep = self.syn.prep(adjunct)
            if prep in self.concessive:
                undergoers = self.syn.subjects(clause)
            elif adjunct.i == d.trigger.i and (self.syn.has(adjunct, "agent") or prep in self.agent_preps) \
                    and self.syn.is_passive(clause):
                undergoers = self.syn.kids(clause, "pass_subj")
            else:
                continue
            found = [e for who in undergoers for e in self.actors.entities(state, who) if e.key]
            if any(e.key == d.actor.key for e in found):
                drafts.remove(d)
                continue
            side = {o.actor.key for o in drafts if o.trigger.i == d.trigger.i}
            found = [e for e in found if e.key not in side]
            if found:
                d.recipient = replace(found[0], role=None, code=found[0].key) if found[0].role else found[0]

    def facing(self, drafts: list[Draft]) -> bool:
        """'malgré les assauts répétés de Daech, grâce aux bombardements de l'aviation syrienne': two acts of
        force with no named target, by different sides, in one sentence, face each other, unless the document
        shows those sides cooperating. Returns whether any target was set."""
        friends = {frozenset((d.actor.key, d.recipient.key)) for d in drafts if d.recipient is not None
                   and self._policy(d.type).stance == "friendly"}
        loose = [d for d in drafts if d.type == "ASSAULT" and d.recipient is None and d.actor.key
                 and d.modality != "negated"]
        changed = False
        for d in loose:
            others: dict[int, Draft] = {}
            for o in loose:
                if o.trigger.sent.start == d.trigger.sent.start and o.trigger.i != d.trigger.i \
                        and o.actor.key != d.actor.key and frozenset((d.actor.key, o.actor.key)) not in friends:
                    others.setdefault(o.trigger.i, o)
            if len(others) == 1:
                o = next(iter(others.values()))
                d.recipient = replace(o.actor, role=None, code=o.actor.key) if o.actor.role else o.actor
                changed = True
        return changed

    def threat_targets(self, drafts: list[Draft]) -> None:
        """'Israël menace de poursuivre ses opérations en Syrie': a threat with no named target is aimed at
        the target of the act threatened (an event of the same actor under the threat's trigger)."""
        for d in drafts:
            if not self._policy(d.type).complement_may_be_act or d.recipient is not None:
                continue
            under = {t.i for t in d.trigger.subtree} - {d.trigger.i}
            found = [o for o in drafts if o.trigger.i in under and o.actor.key == d.actor.key
                     and o.recipient is not None and o.recipient.key not in (None, d.actor.key)]
            if found:
                d.recipient = found[0].recipient

    def demand_addressees(self, drafts: list[Draft], state: DocActors) -> None:
        """'Les autorités ukrainiennes demandent au préalable le désarmement des milices': a demand with no
        named addressee, by an actor the document shows facing other sides (a rejection, an accusation, a demand
        or an act of force, in either direction), is addressed to the side it faces if there is one, else to the
        one of them named in the demand's sentence ('..., alors que la Russie demande ...')."""
        facing: dict[str, dict[str, Entity]] = {}
        for d in drafts:
            if self._policy(d.type).stance != "opposed" or d.recipient is None or not d.recipient.key \
                    or not d.actor.key or d.actor.key == d.recipient.key or d.modality == "negated":
                continue
            facing.setdefault(d.actor.key, {}).setdefault(d.recipient.key, d.recipient)
            facing.setdefault(d.recipient.key, {}).setdefault(d.actor.key, replace(d.actor, role=None, code=d.actor.key))
        for d in drafts:
            if d.type != "REQUEST" or d.recipient is not None or not d.actor.key:
                continue
            sides = facing.get(d.actor.key, {})
            if len(sides) > 1:
                sides = {k: e for k, e in sides.items() if k in _named_in(state, d.trigger.sent)}
            if len(sides) == 1:
                d.recipient = next(iter(sides.values()))
