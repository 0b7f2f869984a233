"""The event coder: for each trigger of the lexicon found in a parsed document,
read its frame, resolve actor and recipient, and build `Event` records with
modality, attribution, dates, place, contexts and scores. Language-free."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..lang import LanguageData, LexiconEntry
from ..ontology import CodingPolicy, Ontology
from ..records import Entity, Event, Evidence
from .actors import ActorResolver, DocActors
from .event_targets import TargetPasses
from .frames import Argument, FrameReader
from .modality import ModalityDetector
from .syntax import Syntax

RIOT = ("PROTEST", "145", "riot")
RIOT_ACTS = {"190", "182", "1712"}  # unspecified force, beatings, destruction (not missiles or bombs)


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
        self.asked_govs = data.cue("asked_act_governors")  # words, no REQUEST entry, that govern acts not done
        self.intent_govs = data.cue("intent_governors")
        self.wish_govs = data.cue("wish_governors")
        self.inception = data.cue("inception_nouns")  # 'l'ouverture d'une enquête': a noun starting the act it names
        self.implicative = data.cue("implicative_requests")  # 'convinced X to withdraw': the withdrawal is done
        self.circumstance = data.cue("circumstance_preps")
        self.targets = TargetPasses(data, ontology, actors, self.frames.agents)

    def _policy(self, typ: str) -> CodingPolicy:
        return self.ontology.plover_type(typ).coding

    def code(self, doc: Doc, state: DocActors) -> list[Draft]:
        drafts: list[Draft] = []
        claims: dict[int, tuple[Token, list[Entity]]] = {}  # complement verb i -> (accuse trigger, its actors)
        blamed: dict[int, tuple[Token, Argument, list[Entity]]] = {}  # event noun i -> (trigger, accused, accusers)
        asked: set[int] = set()  # verbs of acts asked for, allowed or refused: what they code is no event
        for tok in doc:
            if tok.pos_ not in ("VERB", "NOUN", "ADJ", "PROPN"):
                continue
            verb = self.syn.verb_like(tok)  # a verb the tagger took for a noun is coded as a verb
            pos = "VERB" if verb else "NOUN" if tok.pos_ in ("NOUN", "PROPN") else "ADJ"
            lemma = self.syn.verb_lemma(tok) if verb else tok.lemma_
            if lemma in self.asked_govs:
                asked |= self._asked_acts(tok)
            elif verb and (lemma in self.wish_govs or tok.lower_ in self.wish_govs):
                asked |= self._wished_acts(tok)
            if (not verb or self.syn.has(tok, "xcomp")) and self._stopped(tok):
                continue
            for entry in self.data.entries(lemma, pos):
                if not self.frames.matches(entry, tok):
                    continue
                policy = self._policy(entry.type)
                if policy.complement_is_asked and lemma not in self.implicative:
                    asked |= self._asked_acts(tok, entry.condition.preps)
                elif policy.complement_is_refused:  # 'refused to release the journalist': the release is not done
                    asked |= self._asked_acts(tok, objects=False)
                if entry.complement_event:
                    self._blame(state, entry, tok, blamed)
                made = self._code_entry(state, entry, tok, claims, blamed.get(tok.i) if not verb else None)
                if made:
                    drafts.extend(made)
                    break
            if tok.pos_ == "VERB" and tok.lemma_ in self.eval_verbs:
                drafts.extend(self._evaluation(state, tok))
        if asked:  # 'X appelle Y à cesser les frappes' is a request only, 'X a refusé de faire Y' a rejection only
            drafts = [d for d in drafts if not self._is_asked(d.trigger, asked)]
        self.targets.complete(drafts, state)
        return self._dedupe(drafts)

    def _asked_acts(self, tok: Token, preps: frozenset[str] = frozenset(), objects: bool = True) -> set[int]:
        """What a request asks for or a permission allows, which is not done: the verbs of its complement, with
        their conjuncts ('asked Obama to help Iran', 'appelle la Russie à aider la Syrie', 'exige que Moscou
        retire ses troupes', 'pressure from Congress to help Iran'; of a noun object, its verb's too: 'gave
        permission to Russia to help Israel'), and the event nouns of its object or of the oblique its entry
        names, with their conjuncts ('demanded the withdrawal of Russian troops', 'demande le retrait des troupes');
        an event named inside them is a fact the request refers to ('called for an investigation into the killing
        of protesters'). An adverbial or adnominal clause counts only as an infinitive ('urged X to talk after Y
        attacked' leaves the attack; a relative clause is no content). The subject's own intent ('wants to help
        Israel') is no request: the modality codes it. Without `objects`, the complement verbs only (a refusal's
        object is often another's event: 'rejected Russia's demand')."""
        heads = [tok]
        verb = self.syn.verb_like(tok)
        if not verb and self.syn.has(tok, "obj"):
            heads.append(tok.head)
        acts: set[int] = set()
        for h in heads:
            for c in self.syn.kids(h, "xcomp", "ccomp", "advcl", "acl"):
                if self.syn.has(c, "xcomp") and h.lemma_ in self.intent_govs:
                    continue
                if self.syn.has(c, "xcomp") or self.syn.has(c, "ccomp") or "Inf" in c.morph.get("VerbForm"):
                    acts.update(t.i for t in self.syn.conjuncts(c))
        if not objects:
            return acts
        things = (self.syn.objects(tok) if verb else []) + (self.syn.obliques(tok, preps) if preps else [])
        things = [t for th in things for t in self.syn.conjuncts(th) if t.pos_ == "NOUN"]
        # 'demande l'ouverture d'une enquête': the act whose start is asked for is asked for too
        things += [n for th in things if th.lemma_ in self.inception for n in self.syn.kids(th, "nmod") if n.pos_ == "NOUN"]
        acts.update(t.i for t in things)
        return acts

    def _wished_acts(self, verb: Token) -> set[int]:
        """'souhaite que la Russie aide la Syrie', 'hopes that Iran will free the sailors': an act wished of
        someone else (a complement clause with its own subject) is not done. The subject's own wish ('souhaite
        maintenir des sanctions') is its intent, which the modality codes."""
        return {t.i for c in self.syn.kids(verb, "ccomp")
                if self.syn.kids(c, "subj") or self.syn.kids(c, "pass_subj") for t in self.syn.conjuncts(c)}

    def _is_asked(self, tok: Token, asked: set[int]) -> bool:
        """Whether a trigger is (in the clause of) an act asked for; an event named as its circumstance ('urged X
        to withdraw after the attack on Aleppo') is not."""
        if tok.i in asked:
            return True
        verb = self.syn.clause_verb(tok)
        if verb.i not in asked:
            return False
        for t in [tok, *self.syn.governors(tok)]:
            if t.i == verb.i:
                return True
            if self.syn.prep(t) in self.circumstance:
                return False
        return True

    def _stopped(self, tok: Token) -> bool:
        """An event noun or infinitive that a stop verb ends ('retirer leur soutien', 'cesser les frappes',
        'a arrêté de bombarder Alep', 'stopped shelling') is not coded as happening; the stop verb's own
        entry, if any, codes the act of stopping."""
        return (self.syn.has(tok, "obj") or self.syn.has(tok, "pass_subj") or self.syn.has(tok, "xcomp")) \
            and tok.head.lemma_ in self.stop_verbs

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
        elif modality == "hypothetical" and policy.intent and self.modal.wished(tok):
            typ, cameo = policy.intent  # 'souhaite finalement les supprimer': a wish to withdraw is a concession
        if modality == "negated" and policy.refusal and self.syn.tense(self.syn.clause_verb(tok)) == "future":
            typ, cameo, modality = "REJECT", policy.refusal, "asserted"  # 'will not provide aid': a refusal
        reporter = self._reporter(state, tok, claim)
        drafts = []
        recipients = recipient.entities if recipient and recipient.entities else [None]
        place = None
        if recipient and recipient.place and recipient.token is not None:
            place = (recipient.place[0], recipient.place[1], recipient.token)
        home_place = recipient is not None and recipient.place is not None and not needs_recipient
        for a in actor.entities:
            for r in recipients:
                if r is not None and a.key == r.key and (a.role == r.role or not a.role or not r.role):
                    if not home_place:
                        continue  # the same entity twice is not an event between them
                    r = None  # 'Israelis protested in Tel Aviv': a place of one's own country is no recipient
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
