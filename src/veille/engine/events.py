"""The event coder: for each trigger of the lexicon found in a parsed document,
read its frame, resolve actor and recipient, and build `Event` records with
modality, attribution, dates, place, contexts and scores. Language-free."""
from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from ..lang import LanguageData, LexiconEntry
from ..ontology import CodingPolicy, Ontology
from ..records import Entity, Event, Evidence
from .actors import ActorResolver, DocActors
from .frames import Argument, FrameReader
from .modality import ModalityDetector
from .syntax import Syntax

RIOT = ("PROTEST", "145", "riot")
RIOT_ACTS = {"190", "182", "1712"}  # unspecified force, beatings, destruction (not missiles or bombs)


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


@dataclass
class Draft:
    """An event before dates/places/scores are attached."""
    entry_id: str
    type: str
    cameo: str
    mode: str | None
    actor: Entity
    recipient: Entity | None
    trigger: Token
    modality: str
    reporter: Entity | None
    symmetric: bool
    contexts: tuple[str, ...]
    place: tuple[str, str, Token] | None = None
    pending: tuple[int, ...] = ()   # object tokens that may be events whose actor is the recipient


class EventCoder:
    def __init__(self, data: LanguageData, ontology: Ontology, actors: ActorResolver) -> None:
        self.data = data
        self.ontology = ontology
        self.actors = actors
        self.syn = Syntax(data)
        self.frames = FrameReader(data, actors)
        self.modal = ModalityDetector(data)
        self.eval_verbs = data.cue("evaluation_verbs")
        self.neg_eval = data.cue("negative_evaluations")
        self.pos_eval = data.cue("positive_evaluations")
        self.stop_verbs = data.cue("stop_verbs")
        self.riot_roles = data.cue("riot_roles")  # actor roles whose acts of force are riots
        self.concessive = data.cue("concessive_preps")
        self.agent_preps = data.cue("agent_preps")
        self.of_preps = data.cue("of_preps")

    def _policy(self, typ: str) -> CodingPolicy:
        return self.ontology.plover_type(typ).coding

    def code(self, doc: Doc, state: DocActors) -> list[Draft]:
        drafts: list[Draft] = []
        claims: dict[int, tuple[Token, list[Entity]]] = {}  # complement verb i -> (accuse trigger, its actors)
        blamed: dict[int, tuple[Token, Argument, list[Entity]]] = {}  # event noun i -> (trigger, accused, accusers)
        for tok in doc:
            if tok.pos_ not in ("VERB", "NOUN", "ADJ", "PROPN"):
                continue
            verb = self.syn.verb_like(tok)  # a verb the tagger took for a noun is coded as a verb
            pos = "VERB" if verb else "NOUN" if tok.pos_ in ("NOUN", "PROPN") else "ADJ"
            if not verb and self._stopped(tok):
                continue
            for entry in self.data.entries(self.syn.verb_lemma(tok) if verb else tok.lemma_, pos):
                if not self.frames.matches(entry, tok):
                    continue
                if entry.complement_event:
                    self._blame(state, entry, tok, blamed)
                made = self._code_entry(state, entry, tok, claims, blamed.get(tok.i) if not verb else None)
                if made:
                    drafts.extend(made)
                    break
            if tok.pos_ == "VERB" and tok.lemma_ in self.eval_verbs:
                drafts.extend(self._evaluation(state, tok))
        self._event_targets(drafts)
        self._undergone(drafts, state)
        self._opponents(drafts, state)
        if self._facing(drafts):  # new dyads found: they make adversaries known for the other attacks
            self._opponents(drafts, state)
        self._threat_targets(drafts)
        self._demand_addressees(drafts, state)
        return self._dedupe(drafts)

    def _undergone(self, drafts: list[Draft], state: DocActors) -> None:
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

    def _facing(self, drafts: list[Draft]) -> bool:
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

    def _threat_targets(self, drafts: list[Draft]) -> None:
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

    def _demand_addressees(self, drafts: list[Draft], state: DocActors) -> None:
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

    def _stopped(self, tok: Token) -> bool:
        """An event noun that a stop verb ends ('retirer leur soutien', 'cesser les frappes') is not coded
        as happening; the stop verb's own entry, if any, codes the act of stopping."""
        return (self.syn.has(tok, "obj") or self.syn.has(tok, "pass_subj")) and tok.head.lemma_ in self.stop_verbs

    def _event_targets(self, drafts: list[Draft]) -> None:
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

    def _opponents(self, drafts: list[Draft], state: DocActors) -> None:
        """An act of force with no named target ('l'offensive des FDS') is aimed, in this order, at: the one
        adversary the document gives that actor (explicit attacks, either direction) that is named in the
        same sentence; the one adversary of its co-actors ('les bombardements russes et syriens') named in the
        sentence; the other side of the closest explicit attack or expulsion by the actor, else on it; the
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
            nearest = sorted(seen_at.get(d.actor.key, []), key=lambda p: (p[2], abs(p[0] - d.trigger.i)))[:1]
            allied = set().union(*(foes.get(k, set()) for k in by_trigger[d.trigger.i] if k)) - side
            for pool in (mine & named, allied & named, {p[1] for p in nearest}, mine,
                         set() if mine else _common_enemy(targets - side, foes)):
                if len(pool) == 1 and next(iter(pool)) in ents:
                    d.recipient = ents[next(iter(pool))]
                    break

    def _claim_of(self, tok: Token, claims: dict[int, tuple[Token, list[Entity]]]) -> tuple[Token, list[Entity]] | None:
        verb = self.syn.clause_verb(tok)
        for t in (verb, *list(self.syn.governors(verb))[:2]):
            if t.i in claims:
                return claims[t.i]
        return None

    def _blame(self, state: DocActors, entry: LexiconEntry, tok: Token,
               blamed: dict[int, tuple[Token, Argument, list[Entity]]]) -> None:
        """'plusieurs ONG attribuent cette attaque au régime syrien', 'blamed Hamas for the attack': an event noun
        among the complements of an accusation (or inside them: 'la responsabilité des tirs') is an act of the
        accused, alleged by the accuser, whether or not the accuser resolves to an entity."""
        accused = self.frames.fill(state, entry, tok, entry.recipient, set(), "recipient")
        if accused is None or not accused.entities or accused.place or accused.reciprocal or accused.token is None:
            return
        skip = {accused.token.i}
        comps = [c for c in self.syn.objects(tok) + self.syn.kids(tok, "obl", "nmod") if c.i not in skip]
        accusers = self.frames.fill(state, entry, tok, entry.actor, skip, "actor")
        for c in comps:
            for t in (c, *self.syn.kids(c, "nmod")):
                if t.i not in skip and t.pos_ == "NOUN" and any(e.type != entry.type for e in self.data.entries(t.lemma_, "NOUN")):
                    blamed.setdefault(t.i, (tok, accused, accusers.entities if accusers else []))

    def _code_entry(self, state: DocActors, entry: LexiconEntry, tok: Token,
                    claims: dict[int, tuple[Token, list[Entity]]],
                    blame: tuple[Token, Argument, list[Entity]] | None = None) -> list[Draft]:
        ov = self.frames.override(entry, tok)
        typ, cameo, mode = (ov.type, ov.cameo, ov.mode) if ov else (entry.type, entry.cameo, entry.mode)
        if blame is not None:  # an act the text blames on someone: they are its actor
            actor = Argument(blame[1].entities, blame[1].token)
        else:
            actor = self.frames.fill(state, entry, tok, entry.actor, set(), "actor")
        if actor is None or not actor.entities:
            return []
        used = {actor.token.i} if actor.token is not None else set()
        recipient: Argument | None = None
        symmetric = entry.symmetric
        if actor.reciprocal and len(actor.entities) > 2:  # 'A, B and C met': every pair met
            return self._pairs(state, entry, tok, typ, cameo, mode, actor, claims)
        if actor.reciprocal and len(actor.entities) == 2:
            recipient = Argument([actor.entities[1]], None)
            actor = Argument([actor.entities[0]], actor.token)
            symmetric = True
        elif entry.recipient:
            recipient = self.frames.fill(state, entry, tok, entry.recipient, used, "recipient")
            if recipient is None and symmetric and len({e.key for e in actor.entities}) >= 2:
                # 'les diplomates russes et américains négocieraient': coordinated parties deal with each other
                recipient = Argument([actor.entities[1]], None)
                actor = Argument([actor.entities[0]], actor.token)
            if recipient is None and self.syn.verb_like(tok) and typ not in ("MOBILIZE", "PROTEST", "RETREAT"):
                recipient = self.frames.complement_subtree_entities(
                    state, tok, {e.key for e in actor.entities if e.key}, used)
        if (recipient is None or not recipient.entities) and entry.symmetric and not actor.reciprocal \
                and self.data.cues.get("reciprocal_coordination") and len({e.key for e in actor.entities}) >= 2:
            return self._pairs(state, entry, tok, typ, cameo, mode, actor, claims)  # 'A and B held talks'
        policy = self._policy(typ)
        needs_recipient = self.ontology.plover_type(typ).requires_recipient or policy.needs_recipient or (
            entry.recipient and not policy.recipient_optional) or entry.recipient_required
        if (recipient is None or not recipient.entities) and needs_recipient:
            return []
        claim = (blame[0], blame[2]) if blame is not None else self._claim_of(tok, claims)
        modality = self.modal.modality(tok, complement_of=claim[0] if claim else None)
        if entry.modality and modality == "asserted":
            modality = entry.modality
        if modality == "future" and policy.intent:  # the intent is what the text asserts
            (typ, cameo), modality = policy.intent, "asserted"
        reporter = self._reporter(state, tok, claim)
        drafts = []
        recipients = recipient.entities if recipient and recipient.entities else [None]
        place = None
        if recipient and recipient.place and recipient.token is not None:
            place = (recipient.place[0], recipient.place[1], recipient.token)
        for a in actor.entities:
            for r in recipients:
                if r is not None and a.key == r.key and (a.role == r.role or not a.role or not r.role):
                    continue  # the same entity twice is not an event between them
                kind = (typ, cameo, mode)
                if cameo in RIOT_ACTS and a.role in self.riot_roles:
                    kind = RIOT  # CAMEO 145: force used by protesters or other civilians is a riot
                drafts.append(Draft(entry.id, *kind, a, r, tok, modality, reporter, symmetric, entry.contexts, place))
        if drafts and policy.object_may_be_event and (recipient is None or not recipient.entities):
            objs = [o for o in self.syn.objects(tok) if o.pos_ != "PRON"] if self.syn.verb_like(tok) else []
            cands = tuple(t.i for o in objs for t in [o, *self.syn.kids(o, "nmod")])
            for d in drafts:
                d.pending = cands
        if entry.complement_event and drafts:
            targets = recipient.entities if recipient else []
            for c in self.syn.kids(tok, "xcomp", "ccomp", "obl", "advcl", "acl"):
                if self.syn.verb_like(c):
                    claims[c.i] = (tok, [d.actor for d in drafts])
        # a claim made by the accuser is reported by them
        if claim and drafts:
            for d in drafts:
                if d.reporter is None and claim[1]:
                    d.reporter = claim[1][0]
        return drafts

    def _pairs(self, state: DocActors, entry: LexiconEntry, tok: Token, typ: str, cameo: str, mode: str | None,
               actor: Argument, claims) -> list[Draft]:
        """One symmetric event per pair of the parties of a reciprocal act with more than two of them."""
        claim = self._claim_of(tok, claims)
        modality = self.modal.modality(tok, complement_of=claim[0] if claim else None)
        if entry.modality and modality == "asserted":
            modality = entry.modality
        reporter = self._reporter(state, tok, claim)
        ents = actor.entities
        return [Draft(entry.id, typ, cameo, mode, a, b, tok, modality, reporter, True, entry.contexts)
                for i, a in enumerate(ents) for b in ents[i + 1:] if a.key != b.key]

    def _reporter(self, state: DocActors, tok: Token, claim) -> Entity | None:
        if claim:
            return claim[1][0] if claim[1] else None
        source, _ = self.modal.reporter(tok)
        if source is None:
            return None
        ents = self.actors.entities(state, source)
        return ents[0] if ents else None

    def _evaluation(self, state: DocActors, verb: Token) -> list[Draft]:
        """'X estime que les liens entre A et B sont dangereux' -> X ACCUSE A, X ACCUSE B."""
        out = []
        objs = self.syn.objects(verb)
        comps = self.syn.kids(verb, "ccomp", "xcomp")
        if objs:  # 'qualifier X d'agression', 'décrire X comme une menace'
            comps += self.syn.kids(verb, "obl") + [c for o in objs for c in self.syn.kids(o, "nmod", "amod")]
        for comp in comps:
            preds = [comp, *self.syn.kids(comp, "conj")]
            lemmas = {p.lemma_ for p in preds} | {p.lower_ for p in preds}
            if lemmas & self.neg_eval:
                typ, cameo, mode = "ACCUSE", "111", "disapprove"
            elif lemmas & self.pos_eval:
                typ, cameo, mode = "SUPPORT", "051", None
            else:
                continue
            actor = self.frames._resolved(state, self.syn.subjects(verb), set())
            if not actor:
                continue
            targets: list[Entity] = []
            for subj in self.syn.kids(comp, "subj", "pass_subj") or self.syn.objects(verb):
                for t in subj.subtree:
                    for ent in self.actors.entities(state, t):
                        if ent.key and all(ent.key != x.key for x in targets + actor.entities):
                            targets.append(ent)
            modality = self.modal.modality(verb)
            for a in actor.entities:
                for r in targets or [None]:
                    out.append(Draft(f"{self.data.lang}-evaluation", typ, cameo, mode, a, r, verb, modality,
                                     None, False, (), pending=tuple(o.i for o in objs)))
            break
        return out

    def _dedupe(self, drafts: list[Draft]) -> list[Draft]:
        """One draft per dyad, role and type in a sentence. Of a verb and an event noun reporting one act ('les
        embuscades de Daech, qui ont coûté la vie à quatre soldats russes le 16 février'), the verb's, whose clause
        carries the tense and the date, with the noun's finer code ('an air strike ... killed': 195, not 190)."""
        best: dict[tuple, Draft] = {}
        for d in drafts:
            key = (d.actor.key, d.actor.role, d.recipient.key if d.recipient else None, d.type, d.trigger.sent.start)
            kept = best.get(key)
            if kept is None:
                best[key] = d
            elif self.syn.verb_like(d.trigger) and not self.syn.verb_like(kept.trigger):
                root = d.cameo.rstrip("0")
                if kept.cameo != d.cameo and kept.cameo.startswith(root):
                    d.cameo, d.mode = kept.cameo, kept.mode or d.mode
                best[key] = d
        chosen = {id(d) for d in best.values()}
        return [d for d in drafts if id(d) in chosen]
