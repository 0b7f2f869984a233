"""Frames: find a trigger's actor and recipient over the parse, slot by slot, as the
lexicon entry lists them. Slots are abstract ('subj', 'obj', 'place', 'poss'...);
the language's label map says which dependency labels fill them."""
from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Token

from ..lang import LanguageData, LexiconEntry
from ..records import Entity
from .actors import ActorResolver, DocActors
from .entry_conditions import EntryConditions
from .noun_agents import NounAgents
from .syntax import Syntax


@dataclass
class Argument:
    entities: list[Entity]
    token: Token | None
    place: tuple[str, str] | None = None  # (country, text) when filled by a place
    reciprocal: bool = False


class FrameReader:
    def __init__(self, data: LanguageData, actors: ActorResolver) -> None:
        self.data = data
        self.syn = Syntax(data)
        self.actors = actors
        self.place_preps = data.cue("place_preps")
        self.of_preps = data.cue("of_preps")
        self.agent_preps = data.cue("agent_preps")
        # a noun's actor: 'la visite du ministre', 'les frappes par la coalition', 'aid from Russia'
        self.noun_actor_preps = self.of_preps | self.agent_preps | data.cue("source_preps")
        self.recip_nouns = data.cue("reciprocal_nouns")
        self.recip_nums = data.cue("reciprocal_numerals")
        self.recip_mods = data.cue("reciprocal_modifiers")
        self.between = data.cue("between_preps")
        self.first_person = data.cue("first_person")
        self.part_nouns = data.cue("part_nouns")
        self.captive_nouns = data.cue("captive_nouns")
        self.circumstance = data.cue("circumstance_preps")
        self.causative = data.cue("causative_verbs")
        self.conditions = EntryConditions(data, actors, self.syn)
        self.agents = NounAgents(data, self.syn, self)

    def matches(self, entry: LexiconEntry, tok: Token) -> bool:
        return self.conditions.matches(entry, tok)

    def override(self, entry: LexiconEntry, tok: Token):
        return self.conditions.override(entry, tok)

    # ---- slots --------------------------------------------------------------------------
    def fill(self, state: DocActors, entry: LexiconEntry, tok: Token, slots: tuple[str, ...],
             exclude: set[int], role: str) -> Argument | None:
        for slot in slots:
            arg = self._slot(state, entry, tok, slot, exclude, role)
            if arg and (arg.entities or arg.place):
                return arg
        return None

    def _resolved(self, state: DocActors, cands: list[Token], exclude: set[int], deep: bool = False,
                  agent: bool = False) -> Argument | None:
        for c in cands:
            if c.i in exclude or agent and self.actors.placed(state, c):
                continue  # 'le discours d'Obama à Prague appelant à ...': a place does not act
            recip = self.reciprocal(state, c)
            if recip:
                return Argument(list(recip), c, reciprocal=True)
            ents = self.actors.entities(state, c)
            if ents:
                return Argument(self._coordinated_demonyms(state, c, ents), c)
            if c.i in state.roles and self.compound_demonym(state, c):  # 'les forces turco-syriennes'
                return Argument(self.compound_demonym(state, c), c)
            wielder = self.agents.wielder(state, c, exclude) if agent else None
            if wielder is not None:  # 'des obus tirés par l'armée syrienne ont tué': who fired them
                return wielder
            # the owner of a thing: 'la proposition de Washington', 'ses troupes'
            for g in self.syn.kids(c, "nmod", "amod", "det"):
                if g.i in exclude:
                    continue
                if self._comma_nominal(g):  # 'la convention de la CPI, l'ONG a demandé': the nominal before the verb
                    ents = self.actors.entities(state, g)
                    if ents:
                        return Argument(ents, g)
                if self.syn.has(g, "nmod") and self.syn.prep(g) not in self.noun_actor_preps:
                    continue
                if self.syn.has(g, "nmod") and c.lemma_ in self.captive_nouns:
                    continue  # 'les otages de l'EI': whoever holds captives is not who they are
                if agent and self.part_nouns and self.syn.has(g, "nmod") and c.pos_ == "NOUN" and c.i not in state.roles \
                        and not self.data.entries(c.lemma_, "NOUN") and c.lemma_ not in self.part_nouns:
                    continue  # a thing does not act for its owner ('la convention de la CPI a demandé'); languages
                    # opt in by listing the nouns whose owner does act ('les membres du Conseil', 'des milliers de')
                ents = self.actors.entities(state, g) or self._demonym(state, g)
                if ents and self.actors.non_state_body(c) and not all(e.org for e in ents):
                    continue  # 'l'équipe de France', 'la branche égyptienne de l'EI': no state's act
                if ents:
                    return Argument(ents, g)
        if deep:  # 'tirer en direction de positions de l'organisation EI', 'un point contrôlé par Daech'
            for c in cands:
                if c.i not in exclude:
                    found = self._holder(state, c, exclude)
                    if found:
                        return found
        return None

    def _low_recipient(self, state: DocActors, verb: Token, preps: frozenset[str], exclude: set[int]) -> Argument | None:
        """'transférer le contrôle de la province, dernier territoire dont elle avait la responsabilité, aux forces
        afghanes': the recipient of a transfer verb that closes the clause, hung by the parser on a noun deep in
        the object."""
        low = [t for o in self.syn.objects(verb) for t in o.subtree
               if t.head.i != o.i and self.syn.has(t, "nmod") and self.syn.prep(t) in preps]
        if not low:
            last = None
        else:
            last = max(low, key=lambda t: t.i)
        if last is None:
            return None
        after = last.right_edge.i + 1
        if after < last.sent.end and not self.syn.has(verb.doc[after], "punct"):
            return None
        return self._resolved(state, [last], exclude, True)

    def _comma_nominal(self, tok: Token) -> bool:
        """A nominal the parser hung as a modifier with no preposition, set off by a comma: an apposition, or the
        true subject after a fronted clause ('La Syrie n'ayant pas ratifié la convention de la CPI, l'ONG a
        demandé')."""
        doc = tok.doc
        start, end = tok.left_edge.i, tok.right_edge.i + 1
        if not (self.syn.has(tok, "nmod") and self.syn.prep(tok) is None and tok.pos_ in ("NOUN", "PROPN")
                and start > tok.head.i and doc[start - 1].text == "," and end < len(doc)):
            return False
        verb = tok.head.head  # the verb whose subject the parser took for the head: the nominal comes right before it
        return doc[end].i == verb.i or (doc[end].head.i == verb.i and self.syn.has(doc[end], "aux"))

    def _holder(self, state: DocActors, tok: Token, exclude: set[int]) -> Argument | None:
        """The entity that owns or holds a place or thing, further down its modifiers: through 'de'
        complements and participles with an agent, three levels at most."""
        if tok.lemma_ in self.captive_nouns:
            return None  # 'les otages de l'EI': whoever holds captives is not who they are
        todo, depth = [tok], 0
        while todo and depth < 3:
            nxt = []
            for t in todo:
                for g in self.syn.kids(t, "nmod", "acl", "appos", "agent"):
                    if g.i in exclude:
                        continue
                    if self.syn.has(g, "nmod") and self.syn.prep(g) not in self.noun_actor_preps:
                        continue
                    if self.syn.has(g, "acl"):
                        nxt += self.syn.kids(g, "agent")
                        continue
                    ents = self.actors.entities(state, g)
                    if ents:
                        return Argument(ents, g)
                    nxt.append(g)
            todo, depth = nxt, depth + 1
        return None

    def compound_demonym(self, state: DocActors, tok: Token) -> list[Entity]:
        """'un accord russo-américain', 'les forces turco-syriennes': the two countries of a compound
        nationality adjective modifying `tok` (combining forms from cue 'demonym_prefixes'), read on the
        surface: the parser often splits such words."""
        prefixes = self.data.cues.get("demonym_prefixes") or {}
        doc = tok.doc
        for c in tok.children:
            first, _, rest = c.lower_.partition("-")
            if first not in prefixes:
                continue
            if rest:
                key = self._demonym_key(state, None, rest)
            else:
                j = c.i + 2 if c.i + 2 < len(doc) and doc[c.i + 1].text == "-" else None
                key = self._demonym_key(state, j, doc[j].lower_) if j is not None else None
            if key and key != prefixes[first]:
                return [Entity(text=c.text, key=k, country=k, role=None, code=k) for k in (prefixes[first], key)]
        return []

    def _demonym_key(self, state: DocActors, i: int | None, text: str) -> str | None:
        m = state.matches.get(i) if i is not None else None
        if m is not None:
            return m.best.key if m.best.kind == "demonym" else None
        found = [e for e in self.actors.gaz.lookup(text, self.data.lang) if e.kind == "demonym"]
        if not found and i is not None:
            found = [e for e in self.actors.gaz.lookup(state.doc[i].lemma_, self.data.lang) if e.kind == "demonym"]
        return found[0].key if found else None

    def _coordinated_demonyms(self, state: DocActors, tok: Token, ents: list[Entity]) -> list[Entity]:
        """'les gouvernements britannique, australien et danois', 'les diplomates russes et américains': one
        entity per coordinated adjective of nationality, with the role the noun gave the first one."""
        if len(ents) != 1:
            return ents
        out = list(ents)
        pair = self.compound_demonym(state, tok)
        if ents[0].key in {e.key for e in pair}:
            out += [replace(ents[0], text=e.text, key=e.key, country=e.key, code=f"{e.key}{ents[0].role or ''}")
                    for e in pair if e.key != ents[0].key]
        for a in self.syn.kids(tok, "amod"):
            # 'l'aviation syrienne et russe': the parser may hang the second adjective on the noun
            conj = sorted({*self.syn.conjuncts(a), *(c for c in self.syn.kids(tok, "conj") if c.pos_ == "ADJ")},
                          key=lambda t: t.i)
            keys = {state.matches[x.i].best.key for x in conj if x.i in state.matches}
            if len(conj) < 2 or ents[0].key not in keys:
                continue
            for x in conj:
                m = state.matches.get(x.i)
                if m is None or m.best.kind != "demonym" or any(e.key == m.best.key for e in out):
                    continue
                key = m.best.key
                out.append(replace(ents[0], text=x.text, key=key, country=m.best.country or key,
                                   code=f"{key}{ents[0].role or ''}"))
        return out

    def _merged(self, state: DocActors, cands: list[Token], exclude: set[int]) -> Argument | None:
        """Several subjects of one verb (a coordination the parser split into sibling subjects): all of them act."""
        first = self._resolved(state, cands, exclude, agent=True)
        if first is None or first.reciprocal or len(cands) < 2:
            return first
        ents = list(first.entities)
        for c in cands:
            if c is first.token:
                continue
            other = self._resolved(state, [c], exclude, agent=True)
            if other and not other.reciprocal:
                ents += [e for e in other.entities if all(e.key != x.key or e.role != x.role for x in ents)]
        return Argument(ents, first.token)

    def _demonym(self, state: DocActors, tok: Token) -> list[Entity]:
        """An adjective of nationality qualifying a thing names its owner ('la proposition russe')."""
        m = state.matches.get(tok.i)
        if m is None or m.best.kind != "demonym" or not self.syn.has(tok, "amod"):
            return []
        out = []  # with coordinated ones: 'les bombardements russes et syriens'
        for t in self.syn.conjuncts(tok):
            e = state.matches[t.i].best if t.i in state.matches else None
            if e is not None and e.kind == "demonym" and all(x.key != e.key for x in out):
                out.append(Entity(text=t.text, key=e.key, country=e.country or e.key, role=None, code=e.key))
        return out

    def _slot(self, state: DocActors, entry: LexiconEntry, tok: Token, slot: str, exclude: set[int],
              role: str) -> Argument | None:
        syn = self.syn
        if slot == "subj":
            return self._merged(state, syn.subjects(tok) if syn.verb_like(tok) else [], exclude)
        deep = role == "recipient"
        if slot == "obj":
            return self._resolved(state, syn.objects(tok), exclude, deep)
        if slot == "iobj":
            return self._resolved(state, syn.kids(tok, "iobj"), exclude, deep)
        if slot == "agent":
            return self._resolved(state, syn.kids(tok, "agent") + [c for c in syn.kids(tok, "nmod", "obl")
                                                                    if syn.prep(c) in self.agent_preps], exclude)
        if slot in ("obl", "nmod"):
            preps = entry.recipient_preps if role == "recipient" else (entry.actor_preps or self.noun_actor_preps)
            cands = syn.obliques(tok, preps)
            if role == "recipient" and syn.verb_like(tok):  # 'retirer son soutien aux Kurdes'
                cands += [c for o in syn.objects(tok) for c in syn.obliques(syn.clitic_antecedent(o) or o, preps)]
            if tok.pos_ == "NOUN" and role == "recipient" and not syn.verb_like(tok):
                # 'la visite du ministre ... à Pyongyang': the nmod may hang off a sibling nmod
                for c in syn.kids(tok, "nmod"):
                    if c.lemma_ not in self.captive_nouns:  # 'la libération des otages de Boko Haram': their holder
                        cands += syn.obliques(c, preps)
                if syn.has(tok, "obj") and tok.head.pos_ == "VERB":  # 'a fait sa jonction avec X'
                    cands += [c for c in syn.obliques(tok.head, preps) if not syn.has(c, "nmod")]
                if self.data.cues.get("light_verb_obliques") and syn.has(tok, "obj"):
                    cands += syn.obliques(tok.head, preps)
            found = self._resolved(state, cands, exclude, deep)
            if found is None and role == "recipient" and entry.condition.obj_lemmas and syn.verb_like(tok):
                found = self._low_recipient(state, tok, preps, exclude)
            return found
        if slot == "poss":
            dets = [c for c in tok.children if "Yes" in c.morph.get("Poss")]
            if not dets:
                return None
            if dets[0].lower_ in self.first_person:
                return None  # the speaker of a quote: resolved by the quote layer
            return self._possessor(state, tok, dets[0], exclude)
        if slot == "amod":  # 'les bombardements russes et syriens': each coordinated nationality
            pair = self.compound_demonym(state, tok)
            if pair:
                return Argument(pair, None, reciprocal=entry.symmetric)
            for c in syn.kids(tok, "amod"):
                m = state.matches.get(c.i)
                if m and m.best.kind == "demonym" and c.i not in exclude:
                    ents = []
                    for x in syn.conjuncts(c):
                        e = state.matches[x.i].best if x.i in state.matches else None
                        if e is not None and e.kind == "demonym" and all(y.key != e.key for y in ents):
                            ents.append(Entity(text=x.text, key=e.key, country=e.country or e.key, role=None, code=e.key))
                    return Argument(ents, c)
            return None
        if slot == "governor_subj":
            passive = self.agents.passive_agent(state, entry, tok, exclude)  # 'l'attaque revendiquée par Daech'
            if passive is not None:
                return passive
            head = tok.head
            if head.i == tok.i or not (syn.has(tok, "obj") or syn.has(tok, "obl") or syn.has(tok, "nmod")):
                return None
            verb = syn.clause_verb(head)
            if verb.pos_ not in ("VERB", "AUX"):
                return None
            if syn.has(tok, "obl") and syn.prep(tok) is None and tok.i < verb.i:
                return None  # before the verb with no preposition: an adverbial or a subject the parser missed ('un
                # attentat près du siège ..., la capitale d'Afghanistan, a coûté la vie'); after it, maybe its object
            for t in [tok, *syn.governors(tok)]:
                if t.i == verb.i:
                    break
                if syn.has(t, "subj") or syn.has(t, "pass_subj"):
                    return None  # the trigger sits in the subject ('l'usage de la torture est systématique')
                if syn.prep(t) in self.circumstance:
                    return None  # 'resigned after months of protests': the circumstance is not the subject's act
                if t.i != tok.i and t.pos_ == "NOUN" and any(e.type != entry.type and self.matches(e, t)
                                                             for e in self.data.entries(t.lemma_, "NOUN")):
                    return None  # 'renewed its call for a ceasefire': the ceasefire is asked for, not declared
            if verb.lemma_ in self.causative:
                return None  # 'the killing sparked protests': the cause is not the actor of what it caused
            victim = self.data.cue("victim_verbs")
            if verb.lemma_ in victim or any(f"{verb.lemma_} {o.lemma_}" in victim for o in syn.objects(verb)):
                return None  # 'ont perdu la vie dans ces attaques': the subject suffered the event, it did not act
            if verb.lemma_ in self.data.cue("stop_verbs") or verb.lemma_ in self.data.cue("evaluation_verbs"):
                return None  # 'cesser les combats': the governor ends the event, it does not report one
            if any(e.type != entry.type and self.matches(e, verb) for e in self.data.entries(verb.lemma_, "VERB")):
                return None  # 'condamner les attentats': the governor is an event of its own, not a light verb
            return self._resolved(state, syn.subjects(verb), exclude)
        if slot == "place":
            return self._place(state, tok, exclude)
        if slot == "obj_place":
            return self._object_place(state, tok, exclude)
        if slot == "obj_obl":  # 'lifted the sanctions on Iran', 'offered support to Lebanon'
            preps = entry.recipient_preps if role == "recipient" else entry.actor_preps
            return self._resolved(state, [c for o in syn.objects(tok) for c in syn.obliques(o, preps)], exclude)
        if slot == "comp_obl":  # 'vowed to cooperate with Pakistan': the partner named by the complement verb
            return self._resolved(state, [o for c in syn.kids(tok, "xcomp", "ccomp") if c.pos_ in ("VERB", "AUX")
                                          for o in syn.obliques(c, entry.recipient_preps)], exclude)
        if slot == "comp_obj":  # 'threatened to attack Israel': the object of the complement verb
            return self._resolved(state, [o for c in syn.kids(tok, "xcomp") if c.pos_ in ("VERB", "AUX")
                                          for o in syn.objects(c)], exclude)
        if slot == "comp_subj":  # 'wants Putin to attack': the subject of the verb's clausal complement
            return self._resolved(state, [s for c in syn.kids(tok, "ccomp", "xcomp") if c.pos_ in ("VERB", "AUX")
                                          for s in syn.kids(c, "subj")], exclude)
        if slot == "comp_event_subj":  # 'claimed that Russia attacked ...': the doer of a complement that is an event
            return self._resolved(state, [s for c in syn.kids(tok, "ccomp") if c.pos_ == "VERB"
                                          and self.data.entries(syn.verb_lemma(c), "VERB") for s in syn.kids(c, "subj")],
                                  exclude)
        if slot == "reciprocal":
            pair = self.compound_demonym(state, tok)  # 'un sommet franco-britannique'
            if pair:
                return Argument(pair, None, reciprocal=True)
            for c in syn.kids(tok, "amod"):
                if c.lemma_ in self.recip_mods:
                    pair = self.actors.salient_pair(state, tok.i)
                    if pair:
                        return Argument(list(pair), None, reciprocal=True)
            for c in syn.kids(tok, "nmod"):  # 'un sommet entre la Russie et la Corée du Nord'
                if syn.prep(c) in self.between and c.i not in exclude:
                    ents = self.actors.entities(state, c)
                    if len(ents) >= 2:
                        return Argument(list(ents[:2]), c, reciprocal=True)
            for t in tok.sent:  # 'entre les deux pays' elsewhere in the clause
                if t.lower_ in self.between and self.reciprocal(state, t.head):
                    return Argument(list(self.reciprocal(state, t.head)), t.head, reciprocal=True)
            if self.data.cues.get("reciprocal_coordination"):  # 'talks between A and B', 'A and B met'
                cands = syn.obliques(tok, self.between) + (syn.subjects(tok) if syn.verb_like(tok) else [])
                for c in cands:
                    ents = self.actors.entities(state, c)
                    if len({e.key for e in ents}) >= 2:
                        return Argument(list(ents), c, reciprocal=True)
            return None
        if slot == "partner":
            return self._partner(state, tok, exclude)
        return None

    def _possessor(self, state: DocActors, tok: Token, det: Token, exclude: set[int]) -> Argument | None:
        """'sa visite', 'son attaque': the possessor is a bare nominal beside the noun ('la première pour
        son attaque'), the clause subject, or the last entity before."""
        for c in self.syn.kids(tok, "nmod"):
            if c.i < tok.i and self.syn.prep(c) is None and c.i not in exclude:
                ents = self.actors.entities(state, c)
                if ents:
                    return Argument(ents, c)
        verb = self.syn.clause_verb(tok)
        if verb.i != tok.i:
            subj = [s for s in self.syn.subjects(verb) if s.i not in exclude]
            if subj:
                ents = self.actors.entities(state, subj[0])
                if ents:
                    return Argument(ents, subj[0])
                if self.actors.names_nobody(state, subj[0], det):
                    return None  # 'l'homme ... en proférant ses menaces': a subject naming no actor owns it
        for i in sorted((i for i in state.cache if i < tok.i and i not in exclude), reverse=True):
            ents = state.cache[i]
            if ents and i >= tok.sent.start - 40 and not self.actors.placed(state, state.doc[i]):
                return Argument(ents[:1], state.doc[i])
        return None

    def _place(self, state: DocActors, tok: Token, exclude: set[int]) -> Argument | None:
        kids = self.syn.kids(tok, "obl", "nmod", "obj")
        if tok.pos_ == "NOUN":
            for c in list(kids):
                kids += self.syn.kids(c, "nmod")
            if self.data.cues.get("light_verb_obliques") and self.syn.has(tok, "obj"):
                kids += self.syn.kids(tok.head, "obl")  # 'staged a protest in Beijing'
        return self._place_among(state, kids, exclude)

    def _object_place(self, state: DocActors, tok: Token, exclude: set[int]) -> Argument | None:
        """The place of the thing a verb's object names: 'attended a summit in Geneva', 'attended the
        Beijing Olympics'."""
        kids = []
        for o in self.syn.objects(tok):
            kids += self.syn.kids(o, "nmod", "compound")
        return self._place_among(state, kids, exclude)

    def _place_among(self, state: DocActors, kids: list[Token], exclude: set[int]) -> Argument | None:
        for c in kids:
            if c.i in exclude:
                continue
            prep = self.syn.prep(c)
            if prep is not None and prep not in self.place_preps and prep not in self.of_preps:
                continue
            if prep is None and any("Yes" in d.morph.get("Poss") for d in self.syn.kids(c, "det")):
                continue  # 'retirer ses forces': a thing one owns is not the place of the event
            found = self.actors.place_key(state, c)
            if found:
                key, text = found
                return Argument([Entity(text=text, key=key, country=key, role=None, code=key)], c, place=found)
        return None

    def _partner(self, state: DocActors, tok: Token, exclude: set[int]) -> Argument | None:
        """The counterpart in an exchange: the other party of the closest earlier dyad."""
        pair = self.actors.salient_pair(state, tok.i)
        if pair:
            return Argument([pair[0], pair[1]], None, reciprocal=True)
        return None

    def reciprocal(self, state: DocActors, tok: Token) -> tuple[Entity, Entity] | None:
        """'les deux pays', 'les deux parties': the pair most recently named."""
        forms = {tok.lemma_, tok.lower_, tok.lower_.rstrip("sx")}
        if not forms & self.recip_nouns or tok.morph.get("Number") == ["Sing"]:
            return None
        if not any(c.lower_ in self.recip_nums for c in tok.children):
            return None
        return self.actors.salient_pair(state, tok.i)

    def complement_subtree_entities(self, state: DocActors, tok: Token, exclude_keys: set[str],
                                    exclude: set[int]) -> Argument | None:
        """Last resort for verbs: an entity inside the object/oblique complement
        ('appeler à un renforcement des relations entre Moscou et Pyongyang')."""
        attribution = self.data.cue("attribution_preps")
        for c in self.syn.kids(tok, "obj", "obl"):
            if self.syn.prep(c) in attribution or c.lower_ in attribution:
                continue  # 'selon un rapport de l'ONU': the source of the report, not a party to the act
            for t in c.subtree:
                if t.i in exclude or t.i == c.i:
                    continue
                if not (self.syn.has(t, "nmod") or self.syn.has(t, "conj")):
                    continue
                m = state.matches.get(t.i)
                if m and m.best.kind == "capital" and self.syn.prep(t) in self.noun_actor_preps and t.head.pos_ == "NOUN" \
                        and not self.actors.entities(state, t.head):
                    continue  # a city naming a thing ('l'accord de Paris', 'les accords de Minsk'), not a party
                for ent in self.actors.entities(state, t):
                    if ent.key and ent.key not in exclude_keys:
                        return Argument([ent], t)
        return None
