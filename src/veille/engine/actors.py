"""Who acts: resolve noun phrases of a parsed document to entities (entity key,
role, name). The text decides first (gazetteer names, demonyms, capitals and
metonyms, role nouns with their modifiers, appositions); dated office holders
are the fallback for bare person names; resolutions stick to later mentions
(surname, title, pronoun) within the document."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..gazetteer import GazEntry, Gazetteer, normalize
from ..gazetteer.places import load_places
from ..lang import LanguageData
from ..records import Entity
from .actor_context import ContextResolver
from .actor_documents import document_author
from .actor_lists import coordinated_demonyms, enumerated_owners
from .actor_persons import apposed_person, name_span, named_person, office_holder, remember_person
from .actor_places import holder_owner, located_owner, owner_prep, place_key
from .actor_pronouns import names_nobody, plural_antecedents, pronoun_antecedent, salient_pair
from .actor_parties import hear_quotes, possessor_owner, relation_party, specified_parties
from .spelled_phrases import SpelledPhrases, glued
from .syntax import Syntax

NOMINAL = ("NOUN", "PROPN", "PRON", "ADJ", "NUM", "X", "DET")


@dataclass
class Match:
    start: int          # token indices [start, end)
    end: int
    entries: tuple[GazEntry, ...]

    @property
    def best(self) -> GazEntry:
        order = {"org": 0, "acronym": 0, "country": 1, "capital": 2, "metonym": 2, "demonym": 3}
        return sorted(self.entries, key=lambda e: order.get(e.kind, 9))[0]


@dataclass
class DocActors:
    """Per-document state: gazetteer matches, role nouns, persons met so far."""
    doc: Doc
    date: str | None
    matches: dict[int, Match] = field(default_factory=dict)        # token index -> match covering it
    roles: dict[int, tuple[int, str, str]] = field(default_factory=dict)  # token i -> (end, role, phrase)
    persons: dict[str, Entity] = field(default_factory=dict)       # normalised name/surname -> entity
    role_memory: dict[str, Entity] = field(default_factory=dict)   # role phrase -> last entity with it
    role_memory_at: dict[str, int] = field(default_factory=dict)   # role phrase -> token i of that mention
    keys_seen: list[tuple[int, str]] = field(default_factory=list)  # (token i, key) in text order
    pairs: list[tuple[int, Entity, Entity]] = field(default_factory=list)  # coordinated pairs (token i)
    cache: dict[int, list[Entity]] = field(default_factory=dict)
    # document context for generic mentions (actor_context.py)
    intro_nouns: dict[str, list[tuple[int, Entity]]] = field(default_factory=dict)  # noun lemma -> named entities
    orgs_seen: list[tuple[int, str, Entity]] = field(default_factory=list)          # (token i, org key, entity)
    focus: str | None = None                                                         # the one state the text is about
    speakers: list[tuple[int, int, Entity]] = field(default_factory=list)  # (start, end char) of direct quotes, speaker
    _ents: tuple[Span, ...] | None = field(default=None, repr=False)

    @property
    def ents(self) -> tuple[Span, ...]:
        """The doc's named entities, built once (spaCy builds new spans at each read of doc.ents)."""
        if self._ents is None:
            self._ents = self.doc.ents
        return self._ents


def _code(key: str | None, role: str | None) -> str | None:
    return f"{key}{role or ''}" if key else None


class ActorResolver:
    def __init__(self, data: LanguageData, gazetteer: Gazetteer) -> None:
        self.data = data
        self.gaz = gazetteer
        self.syn = Syntax(data)
        self.lang = data.lang
        self.phrases = gazetteer.phrases(self.lang)
        self.role_nouns = gazetteer.role_nouns(self.lang)
        self.max_len = max(gazetteer.max_phrase_tokens, 6)
        self.spelled = SpelledPhrases(self.phrases)
        self.spelled_roles = SpelledPhrases(self.role_nouns)
        self.features = SpelledPhrases(load_places().feature_forms(self.lang))  # seas, straits, regions
        self.normalized = lru_cache(maxsize=1 << 16)(normalize)  # token texts and lemmas repeat across documents
        self.strip = {normalize(w) for w in data.cue("determiners_to_strip")}
        self.honorifics = {normalize(w) for w in data.cue("honorifics")}
        self.pronouns = {normalize(w) for w in data.cue("personal_pronouns")}
        self.group_nouns = data.cue("group_nouns")
        self.lead_verbs = data.cue("lead_verbs")
        self.contextual = {normalize(k): v for k, v in (data.cues.get("contextual_names") or {}).items()}
        self.first_person = {normalize(w) for w in data.cue("first_person")}
        self.relation_nouns = {normalize(w) for w in data.cue("relation_nouns")}
        self.of_preps = {normalize(w) for w in data.cue("of_preps")} | {None}
        self.place_named = {normalize(w) for w in data.cue("place_named_nouns")}
        self.bodies = {normalize(w) for w in data.cue("non_state_bodies")}
        self.origin_nouns = {normalize(w) for w in data.cue("origin_nouns")}
        self.captive_nouns = {normalize(w) for w in data.cue("captive_nouns")}
        self.place_preps = data.cue("place_preps")
        self.person_nouns = {normalize(w) for w in data.cue("person_nouns")}
        self.plural_possessors = {normalize(w) for w in data.cue("plural_possessors")}
        self.context = ContextResolver(self)

    # ----- document scan ---------------------------------------------------------------
    def scan(self, doc: Doc, date: str | None) -> DocActors:
        state = DocActors(doc=doc, date=date)
        texts = [t.text for t in doc]
        norms = [self.normalized(t) for t in texts]
        spelled = [glued(w) for w in norms]
        people = self._people(state)
        # 'François Hollande' ... 'Hollande est arrivé': a person's surname, not the country it spells
        surnames = {texts[end - 1] for start, end in people if end - start > 1}  # as written: 'Un' is not 'UN'
        i, n = 0, len(doc)
        while i < n:
            found = None
            for length in self.spelled.lengths(spelled, i, self.max_len):  # the only lengths that can match
                key = " ".join(norms[i:i + length])
                # tokens split on apostrophes ("d'" + "Orsay") also join without a space
                keys = (key, key.replace("' ", "'"), key.replace(" - ", "-").replace(" -", "-").replace("- ", "-"))
                for k in keys:
                    if k in self.phrases and not (length == 1 and not texts[i][:1].isalpha()):
                        found = Match(i, i + length, self.phrases[k])
                        break
                if found:
                    break
            feature = next(iter(self.features.lengths(spelled, i, self.max_len)), 0)
            if feature > (found.end - found.start if found else 0):
                i += feature  # 'the South China Sea', 'le golfe de Guinée': a place, no mention of China or Guinea
                continue
            if found and self._plausible(doc, found, norms, people) \
                    and not (found.end - found.start == 1 and texts[i] in surnames):
                for j in range(found.start, found.end):
                    state.matches[j] = found
                if found.best.kind != "demonym":
                    state.keys_seen.append((i, found.best.key))
                i = found.end
            else:
                i += 1
        self._scan_roles(doc, norms, state)
        self.context.scan(state)
        return state

    def _people(self, state: DocActors) -> list[tuple[int, int]]:
        """(start, end) of the entities tagged as persons."""
        labels = self.data.cue("person_entity_labels")
        return [(e.start, e.end) for e in state.ents if e.label_ in labels] if labels else []

    def _plausible(self, doc: Doc, m: Match, norms: list[str], people: list[tuple[int, int]]) -> bool:
        """Skip lower-case single words that are names only when capitalised ('chine' in 'porcelaine de chine' is
        rare; 'or' the metal is not Oregon)."""
        best = m.best
        if best.kind == "demonym" and m.start > 0 and normalize(doc[m.start - 1].lemma_) in self.origin_nouns:
            return False  # 'un individu d'origine algérienne': where a person comes from, no tie to a state
        if best.kind in ("demonym",):
            return True
        first = doc[m.start]
        if m.end - m.start == 1 and first.text.islower() and best.kind in ("country", "capital", "org", "acronym", "metonym"):
            return False
        if best.kind in ("org", "acronym") and best.country and m.end < len(doc):
            # 'les FDS burkinabés': an organisation of one state qualified by another's nationality is some
            # other body with the same name or acronym
            after = doc[m.end]
            if m.start <= after.head.i < m.end and any(e.kind == "demonym" and e.country and e.country != best.country
                                                       for e in self.phrases.get(norms[m.end], ())):
                return False
        # 'Un' in 'Kim Jong Un', 'Jordan' in 'Michael Jordan'
        if any(start <= m.start and m.end <= end and end - start > m.end - m.start for start, end in people):
            return False
        return True

    def _scan_roles(self, doc: Doc, norms: list[str], state: DocActors) -> None:
        lemmas = [self.normalized(t.lemma_) for t in doc]
        spelled = ([glued(w) for w in norms], [glued(w) for w in lemmas])
        n = len(doc)
        for i in range(n):
            if i in state.roles:
                continue
            # a role noun by its words or by its lemmas, the longest first; only lengths that can match
            spans = [set(self.spelled_roles.lengths(words, i, 5)) for words in spelled]
            for length in sorted(spans[0] | spans[1], reverse=True):
                for seq, lengths in ((norms, spans[0]), (lemmas, spans[1])):
                    if length not in lengths:
                        continue
                    key = " ".join(seq[i:i + length]).replace("' ", "'")
                    noun = self.role_nouns.get(key)
                    if noun:
                        for j in range(i, i + length):
                            state.roles.setdefault(j, (i + length, noun.role, noun.phrase))
                        break
                else:
                    continue
                break

    # ----- resolution of one nominal -----------------------------------------------------
    def entities(self, state: DocActors, tok: Token) -> list[Entity]:
        """Entities a nominal stands for, with coordination expanded ('la France et l'Allemagne')."""
        if tok.i in state.cache:
            return state.cache[tok.i]
        if (group := plural_antecedents(self, state, tok)) is not None:  # 'they': all of a coordination
            state.cache[tok.i] = group
            return group
        out: list[Entity] = []
        for conj in self.syn.conjuncts(tok):
            ent = self.entity(state, conj)
            if ent and all(e.key != ent.key or e.role != ent.role for e in out):
                out.append(ent)
        if not out:
            out = specified_parties(self, state, tok)
        if len(out) == 1 and tok.i in state.roles and out[0].key:
            out += enumerated_owners(self.syn, state, tok, out[0]) or coordinated_demonyms(self.syn, state, tok, out[0])
        if len(out) == 2:
            state.pairs.append((tok.i, out[0], out[1]))
        state.cache[tok.i] = out
        return out

    def _from_apposition(self, state: DocActors, tok: Token) -> Entity | None:
        """A common noun named by its apposition: 'ses alliés (milices et Hezbollah)', 'le pays
        voisin, la Turquie'."""
        if tok.pos_ != "NOUN":
            return None
        for c in tok.children:
            if c.i > tok.i and self.syn.has(c, "appos"):
                ents = self.entities(state, c)
                if ents and ents[0].key:
                    return replace(ents[0], text=self._text(state, tok))
        return None

    def entity(self, state: DocActors, tok: Token) -> Entity | None:
        if tok.pos_ not in NOMINAL and tok.pos_ != "VERB":
            return None
        ent = (self._from_role(state, tok) or self._from_match(state, tok) or self._from_branch(state, tok)
               or named_person(self, state, tok)
               or self._from_pronoun(state, tok) or self._from_contextual(state, tok) or self._from_group(state, tok)
               or self._from_ordinal(state, tok) or self.context.resolve(state, tok) or self._from_apposition(state, tok)
               or relation_party(self, state, tok) or document_author(self, state, tok))
        if ent is not None and ent.name and ent.key:
            remember_person(state, ent)
        return ent

    def non_state_body(self, tok: Token) -> bool:
        """A body that a nationality or a country does not make that state's: a part of an organisation ('la
        branche égyptienne de l'EI' operates in Egypt), a team or a company ('l'équipe de France')."""
        return tok.pos_ == "NOUN" and self.normalized(tok.lemma_) in self.bodies

    def _from_branch(self, state: DocActors, tok: Token) -> Entity | None:
        """Such a body belongs to the organisation named after 'de' ('l'aile armée du Hamas', 'une équipe de
        l'AIEA')."""
        if not self.non_state_body(tok):
            return None
        for c in self.syn.kids(tok, "nmod"):
            prep = self.syn.prep(c)
            if prep is None or normalize(prep) not in self.of_preps:
                continue
            ents = self.entities(state, c)
            if ents and ents[0].org:
                return replace(ents[0], text=self._text(state, tok, end=c.right_edge.i + 1))
        states = {c.i for c in tok.children if c.i in state.matches and not state.matches[c.i].best.org}
        owner = self._key_from_modifiers(state, tok, {tok.i} | states)  # 'une équipe d'inspecteurs de l'AIEA'
        if owner is not None and owner.org:
            return Entity(text=self._text(state, tok), key=owner.key, org=owner.org, role=owner.role,
                          code=_code(owner.key, owner.role))
        return None

    def _text(self, state: DocActors, tok: Token, start: int | None = None, end: int | None = None) -> str:
        lo = min([tok.i] + [c.i for c in self.syn.kids(tok, "det") if c.i < tok.i])
        lo = start if start is not None and start < lo else lo
        hi = end if end is not None else tok.i + 1
        for c in tok.children:
            if c.i > tok.i and (self.syn.has(c, "amod") or self.syn.has(c, "flat")):
                hi = max(hi, c.right_edge.i + 1 if self.syn.has(c, "flat") else c.i + 1)
        return state.doc[lo:hi].text

    def names_place(self, state: DocActors, tok: Token) -> bool:
        """A capital after 'de' on a noun named after where it happened or was signed ('les attentats de
        Bruxelles', 'l'accord de Paris', 'le sommet de Vienne'): a place, not an owner or an actor."""
        m = state.matches.get(tok.i)
        if m is None or m.best.kind not in ("capital", "metonym"):
            return False
        head = tok.head
        return (head.i != tok.i and not m.start <= head.i < m.end and normalize(head.lemma_) in self.place_named
                and self.syn.prep(tok) is not None and normalize(self.syn.prep(tok)) in self.of_preps)

    def placed(self, state: DocActors, tok: Token) -> bool:
        """A country or capital named as a place ('à Prague', 'en Syrie'): where something happens, which
        neither acts nor owns (coding guide: 'arrivée à Pyongyang' is a location)."""
        m = state.matches.get(tok.i)
        return m is not None and m.best.kind in ("country", "capital", "metonym") \
            and self.syn.prep(tok) in self.place_preps

    def _from_match(self, state: DocActors, tok: Token) -> Entity | None:
        m = state.matches.get(tok.i)
        if not m or self.names_place(state, tok):
            return None
        e = m.best
        if e.kind == "demonym" and tok.pos_ == "ADJ":
            return None  # an adjective qualifies something else ("le ministre russe")
        role = e.role
        key = e.key
        return Entity(text=state.doc[m.start:m.end].text, key=key, country=e.country if e.country else None,
                      org=e.org, role=role, name=e.name if e.kind in ("org", "acronym") else None, code=_code(key, role))

    def _key_from_modifiers(self, state: DocActors, tok: Token, exclude: set[int]) -> Entity | None:
        """The state/organisation a role noun belongs to: 'ministre russe', 'armée de la Russie',
        'agence de presse officielle de Pyongyang', 'ministre des Affaires étrangères de l'Iran'."""
        for c in tok.children:
            if c.i in exclude:
                continue
            m = state.matches.get(c.i)
            if m and (self.syn.has(c, "amod") or self.syn.has(c, "nmod") or self.syn.has(c, "flat")
                      or self.syn.has(c, "appos") or c.dep_ in ("compound",)):
                return self._from_match(state, c) or Entity(text=c.text, key=m.best.key, country=m.best.country,
                                                           org=m.best.org, role=None)
        for c in tok.children:  # one level deeper: 'agence de presse officielle de Pyongyang'
            # (through the words of a multiword title too: 'presse' of 'agence de presse')
            if not (self.syn.has(c, "nmod") or self.syn.has(c, "amod")):
                continue
            if self.syn.has(c, "nmod") and c.i not in exclude and not owner_prep(self, state, tok, c):
                continue  # 'les forces kurdes comme les combattants de l'EI': a comparison, not an owner
            for g in c.children:
                m = state.matches.get(g.i)
                if m and g.i not in exclude and (self.syn.has(g, "nmod") or self.syn.has(g, "amod")) \
                        and not self.names_place(state, g):
                    return Entity(text=g.text, key=m.best.key, country=m.best.country, org=m.best.org, role=None)
        return None

    def _from_role(self, state: DocActors, tok: Token) -> Entity | None:
        info = state.roles.get(tok.i)
        if not info or state.matches.get(tok.i):
            return None
        end, role, phrase = info
        exclude = set(range(tok.i, end))
        if normalize(tok.lemma_) in self.captive_nouns:  # 'les otages de l'EI': their holder, not their owner
            exclude.update(t.i for c in self.syn.kids(tok, "nmod", "acl") for t in c.subtree)
        owner = (self._key_from_modifiers(state, tok, exclude) or located_owner(self, state, tok, exclude)
                 or holder_owner(self, state, tok, exclude) or possessor_owner(self, state, tok, exclude))
        person = apposed_person(self, state, tok)
        name = person if person else None
        if owner is None and person:
            known = state.persons.get(normalize(person)) or self._holder(state, person)
            if known:
                return replace(known, text=self._text(state, tok), name=known.name or person)
        if owner is None:
            # a bare title refers back to the last entity introduced with it ("le ministre")
            remembered = state.role_memory.get(normalize(phrase))
            if remembered and tok.i > 0 and not self.context.qualified(state, tok):
                if self.context.aside(state, tok, remembered, state.role_memory_at.get(normalize(phrase))):
                    return None  # left to the document context: the story's own state
                return replace(remembered, text=self._text(state, tok))
            return None
        key = owner.key
        org = owner.org
        ent = Entity(text=self._text(state, tok), key=key, country=owner.country or (key if org is None else None),
                     org=org, role=role, name=name, code=_code(key, role))
        state.role_memory[normalize(phrase)] = ent
        state.role_memory_at[normalize(phrase)] = tok.i
        return ent

    def _name_span(self, state: DocActors, tok: Token) -> Span:
        return name_span(self, state, tok)

    def _holder(self, state: DocActors, name: str) -> Entity | None:
        return office_holder(self, state, name)

    def _from_ordinal(self, state: DocActors, tok: Token) -> Entity | None:
        """'la première' / 'la seconde' after 'la Russie et la Corée du Nord'."""
        lemma = tok.lemma_.lower()
        first, second = self.data.cue("ordinal_first"), self.data.cue("ordinal_second")
        if lemma not in first | second and tok.lower_ not in first | second:
            return None
        if not any(self.syn.has(c, "det") for c in tok.children):
            return None
        pairs = [p for p in state.pairs if p[0] < tok.i]
        if not pairs:
            return None
        _, a, b = pairs[-1]
        ent = a if (lemma in first or tok.lower_ in first) else b
        return replace(ent, text=self._text(state, tok))

    def hear(self, state: DocActors, quotes) -> None:
        """Record who speaks each direct quote (a first-person pronoun inside one stands for its speaker)."""
        hear_quotes(state, quotes)

    def _from_pronoun(self, state: DocActors, tok: Token) -> Entity | None:
        return pronoun_antecedent(self, state, tok)

    def names_nobody(self, state: DocActors, tok: Token, possessive: Token) -> bool:
        return names_nobody(self, state, tok, possessive)

    def _from_contextual(self, state: DocActors, tok: Token) -> Entity | None:
        rule = self.contextual.get(self.normalized(tok.text))
        if not rule or not tok.text[:1].isupper():
            return None
        seen = {k for _, k in state.keys_seen}
        if not seen & set(rule.get("when_any", ())):
            return None
        key = rule["key"]
        return Entity(text=self._text(state, tok), key=key, country=key, role=None, code=key)

    def _from_group(self, state: DocActors, tok: Token) -> Entity | None:
        """'une délégation russe', 'une délégation menée par X', 'X a mené une délégation', 'the US-led coalition'."""
        if tok.lemma_ not in self.group_nouns:
            return None
        owner = self._key_from_modifiers(state, tok, {tok.i})
        if owner:
            return Entity(text=self._text(state, tok), key=owner.key, country=owner.country, org=owner.org,
                          role=owner.role or "GOV", code=_code(owner.key, owner.role or "GOV"))
        head = tok.head
        if head.lemma_ in self.lead_verbs and self.syn.has(tok, "obj"):
            leaders = self.syn.subjects(head)
            for leader in leaders:
                ents = self.entities(state, leader)
                if ents:
                    return replace(ents[0], text=self._text(state, tok))
        for c in tok.children:  # 'menée par X'; 'the US-led coalition' (the leader on the participle)
            if (self.syn.has(c, "acl") or self.syn.has(c, "amod")) and c.lemma_ in self.lead_verbs:
                for agent in self.syn.kids(c, "agent") + [g for g in c.children if g.i < c.i and g.pos_ == "PROPN"]:
                    ents = self.entities(state, agent)
                    if ents:
                        return replace(ents[0], text=self._text(state, tok))
        return None

    # ----- places ------------------------------------------------------------------------
    def place_key(self, state: DocActors, tok: Token) -> tuple[str, str] | None:
        return place_key(self, state, tok)

    # ----- salient pair for reciprocal phrases ("les deux pays") -------------------------
    def salient_pair(self, state: DocActors, before: int) -> tuple[Entity, Entity] | None:
        return salient_pair(state, before)
