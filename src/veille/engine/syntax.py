"""Language-free helpers over a dependency parse. Labels come from the language's
label map (labels.json), so the same code reads UD French and ClearNLP English."""
from __future__ import annotations

import unicodedata
from typing import Iterator

from spacy.tokens import Token

from ..lang import LanguageData


def _fold(text: str) -> str:
    """Lower-case without diacritics ('assiège' and 'assiéger' share 'assieg')."""
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c))


class Syntax:
    def __init__(self, data: LanguageData) -> None:
        self.data = data
        self._labels = {k: data.label(k) for k in data.labels}
        # Parsers where a preposition heads its object (label map key 'pobj', e.g. ClearNLP prep -> pobj):
        # the object stands in for the preposition, which becomes its 'case'.
        self._pobj = self._labels.get("pobj", frozenset())
        self._stems: list[tuple[str, str]] | None = None
        # relative pronouns by their words, for parsers whose morphology leaves PronType=Rel unset (English)
        self._relatives = data.cue("relative_pronouns")
        self._kid_labels: dict[tuple[str, ...], frozenset[str]] = {}  # label keys -> their labels, for kids()
        self._locative_adverbs = data.cue("locative_adverbs")
        self._part_nouns = data.cue("part_nouns")

    def has(self, tok: Token, key: str) -> bool:
        labels = self._labels.get(key, ())
        dep = tok.dep_  # each read looks the string up anew
        return dep in labels or (dep in self._pobj and tok.head.dep_ in labels)

    def kids(self, tok: Token, *keys: str) -> list[Token]:
        labels = self._kid_labels.get(keys)
        if labels is None:
            labels = self._kid_labels[keys] = frozenset().union(*(self._labels.get(k, frozenset()) for k in keys))
        out = [c for c in tok.children if c.dep_ in labels]
        if self._pobj:
            out = [o for c in out for o in ([g for g in c.children if g.dep_ in self._pobj] or [c])]
        return out

    def verb_like(self, tok: Token) -> bool:
        """A verb, or a verb the tagger took for a noun or adjective ('a téléphoné', 'ont gelé' with an
        auxiliary; 'négocieraient', 'assiège' heading a clause, with a verb lemma and no determiner)."""
        if tok.pos_ in ("VERB", "AUX"):
            return True
        if tok.pos_ not in ("NOUN", "PROPN", "ADJ") or self.data.entries(tok.lemma_, "NOUN"):
            return False
        if self.kids(tok, "aux", "aux_pass") and not self.kids(tok, "cop"):
            return True
        if self.bare_infinitive(tok):
            return True
        if tok.pos_ == "ADJ" or self.kids(tok, "det", "case", "cop") or tok.is_title:
            return False
        if not (self.has(tok, "root") or self.has(tok, "conj") or self.kids(tok, "subj", "obj")):
            return False
        lemma = self.verb_lemma(tok)
        return bool(self.data.entries(lemma, "VERB")) and not self.data.entries(lemma, "NOUN")

    def verb_lemma(self, tok: Token) -> str:
        """The lemma of a verb-like token: its own when it names a verb of the lexicon, else the lexicon verb
        whose stem (the lemma without its infinitive ending, cue 'verb_endings') begins the word."""
        if self.data.entries(tok.lemma_, "VERB"):
            return tok.lemma_
        if tok.pos_ in ("VERB", "AUX"):
            return self._regular_lemma(tok) or tok.lemma_
        if self._stems is None:
            endings = sorted(self.data.cue("verb_endings"), key=len, reverse=True)
            stems = {}
            for e in self.data.lexicon:
                if e.pos != "VERB":
                    continue
                end = next((x for x in endings if e.lemma.endswith(x)), None)
                if end is not None and len(e.lemma) - len(end) >= 4:
                    stems[_fold(e.lemma[:-len(end)])] = e.lemma
            self._stems = sorted(stems.items(), key=lambda kv: len(kv[0]), reverse=True)
        word = _fold(tok.lower_)
        for stem, lemma in self._stems:
            if word.startswith(stem):
                return lemma
        return tok.lemma_

    def _regular_lemma(self, tok: Token) -> str | None:
        """The lexicon verb a form regularly conjugates, when the tagger's features agree with that form: the
        lemmatiser reads 'pressent' (they urge) as pressentir and leaves 'demande' unlemmatised (cue
        'regular_forms')."""
        forms = self.data.cues.get("regular_forms")
        if not isinstance(forms, dict) or tok.pos_ != "VERB":
            return None
        word = tok.lower_
        for infinitive, endings in forms.items():
            for ending, feats in endings.items():
                if not word.endswith(ending) or len(word) <= len(ending):
                    continue
                lemma = word[:-len(ending)] + infinitive
                if self.data.entries(lemma, "VERB") and all(
                        v in tok.morph.get(k) for k, _, v in (f.partition("=") for f in feats.split("|"))):
                    return lemma
        return None

    def bare_infinitive(self, tok: Token) -> bool:
        """An infinitive of the lexicon the tagger took for a noun ('réussissent à ravitailler les combattants'):
        the very lemma of a lexicon verb, with no determiner, in a language whose infinitives carry an ending
        (cue 'verb_endings'; an English noun such as 'travel' is often a verb's bare form)."""
        return (tok.pos_ in ("NOUN", "PROPN") and not tok.is_title and bool(self.data.entries(tok.lower_, "VERB"))
                and any(tok.lower_.endswith(e) for e in self.data.cue("verb_endings"))
                and not self.data.entries(tok.lower_, "NOUN") and not self.kids(tok, "det"))

    def prep(self, tok: Token) -> str | None:
        """The preposition introducing a nominal ('à', 'avec', 'auprès de' -> 'auprès'), lower-cased."""
        if tok.dep_ in self._pobj:
            return tok.head.lower_
        cases = self.kids(tok, "case")
        if not cases:
            return None
        if self._locative_adverbs and cases[0].i > 0:
            # 'près du siège des renseignements': the parser hangs the adverb elsewhere, but it makes the
            # nominal a place; not an approximate quantity ('près de 200 combattants', 'près de la moitié')
            before = tok.doc[cases[0].i - 1]
            if before.lower_ in self._locative_adverbs and before.pos_ == "ADV" and tok.lemma_ not in self._part_nouns \
                    and not self.kids(tok, "nummod"):
                return before.lower_
        return self._complex().get(cases[0].lower_, cases[0].lower_)

    def complex_prep(self, tok: Token) -> str | None:
        """The simple preposition a complex one headed by `tok` stands for ('en direction de' -> 'sur')."""
        return self._complex().get(tok.lemma_) if self.kids(tok, "case") else None

    def _complex(self) -> dict[str, str]:
        """Nouns that form a preposition with their own ('face à', 'en direction de', 'à l'encontre de'),
        mapped to the simple preposition they stand for (cue 'complex_prepositions')."""
        value = self.data.cues.get("complex_prepositions")
        return value if isinstance(value, dict) else {}

    def mark(self, tok: Token) -> str | None:
        marks = self.kids(tok, "mark")
        return marks[0].lower_ if marks else None

    def is_passive(self, verb: Token) -> bool:
        if self.kids(verb, "agent") and "Part" in verb.morph.get("VerbForm"):
            return True  # 'écartée par les États-Unis': a participle with an agent, whatever its auxiliary
        if not self.kids(verb, "agent") and (verb.lemma_ in self.data.cue("unaccusative_verbs") or self.is_reflexive(verb)):
            return False  # 'est arrivé', 's'est retirée': active tenses with 'être', however the parser labels them
        return bool(self.kids(verb, "aux_pass", "pass_subj")) or "Pass" in verb.morph.get("Voice")

    def conjuncts(self, tok: Token) -> list[Token]:
        """tok and the nominals coordinated with it (conj chains, either direction)."""
        out, todo = [], [tok]
        lists = bool(self.data.cues.get("appositive_lists"))
        while todo:
            t = todo.pop()
            if t in out:
                continue
            out.append(t)
            todo.extend(self.kids(t, "conj"))
            if lists:  # 'the US, Russia, and Switzerland' parsed as US -appos-> Russia -conj-> Switzerland
                todo.extend(a for a in self.kids(t, "appos") if self.kids(a, "cc") and self.kids(a, "conj"))
        return sorted(out, key=lambda t: t.i)

    def clause_verb(self, tok: Token) -> Token:
        """The verb of the clause a token belongs to (itself for verbs)."""
        t = tok
        for _ in range(12):
            if t.pos_ in ("VERB", "AUX") or self.has(t, "root") or t.head.i == t.i or self.verb_like(t):
                return t
            t = t.head
        return t

    def governors(self, tok: Token) -> Iterator[Token]:
        t = tok
        for _ in range(12):
            if t.head.i == t.i:  # spaCy makes a new Token on each access: compare indices
                return
            t = t.head
            yield t

    def subjects(self, verb: Token, seen: frozenset[int] = frozenset()) -> list[Token]:
        """Logical subjects: nsubj, or the agent of a passive; inherited across conj,
        xcomp (subject or object control), and participial acl (the modified noun)."""
        if verb.i in seen:
            return []
        seen = seen | {verb.i}
        agents = self.kids(verb, "agent")
        if agents:  # 'soutenue par l'Ukraine mais refusée par la Russie': an agent of its own wins
            return agents
        if self.is_passive(verb):
            return self.kids(verb, "agent")
        subj = self.kids(verb, "subj") or self.kids(verb, "pass_subj")
        if subj:
            return [self.antecedent(verb, s) for s in subj]
        head = verb.head
        if head.i == verb.i:
            return []
        if verb.dep_ in self._pobj and head.head.i != head.i:  # 'accused X of supplying': the preposition's governor
            objs = self.kids(head.head, "obj") or self.kids(head.head, "iobj")
            if objs and self._object_control(head.head):
                return objs
            return self.subjects(head.head, seen)
        if self.has(verb, "conj") and head.pos_ in ("VERB", "AUX"):
            return self.subjects(head, seen)
        infinitive = self.bare_infinitive(verb) or any("Inf" in t.morph.get("VerbForm")
                                                       for t in (verb, *self.kids(verb, "aux", "aux_pass")))
        controlled = (self.has(verb, "xcomp") or (infinitive and self.has(verb, "obl"))
                      or (infinitive and self.has(verb, "advcl")) or (infinitive and self.has(verb, "acl") and bool(self.mark(verb))))
        if controlled and head.pos_ in ("NOUN", "PROPN", "PRON") and self.has(verb, "acl") and head.head.i != head.i:
            # 'convaincu les Américains de retirer', the infinitive parsed under the object
            if self.has(head, "obj") and self._object_control(head.head):
                return [head]
            return self.subjects(head.head, seen)
        if controlled:
            objs = self.kids(head, "obj") or self.kids(head, "iobj") or self._addressees(head)
            if objs and self._object_control(head):
                return objs
            if self.is_passive(head) and self.kids(head, "pass_subj"):  # 'X is expected to visit': X visits
                return [self.antecedent(head, s) for s in self.kids(head, "pass_subj")]
            return self.subjects(head, seen)
        if self.has(verb, "acl") and "Part" in verb.morph.get("VerbForm"):
            if self._passive_participle(verb):
                return self.kids(verb, "agent")  # 'Daech encerclé', 'les rebelles soutenus par la Turquie'
            return [head]
        return []

    def _passive_participle(self, verb: Token) -> bool:
        """A past participle modifying a noun is passive ('les sanctions imposées'), except for verbs
        conjugated with 'être' ('une délégation arrivée') and pronominal ones."""
        return ("Past" in verb.morph.get("Tense") and self.has(verb, "acl")
                and verb.lemma_ not in self.data.cue("unaccusative_verbs") and not self.is_reflexive(verb))

    def _addressees(self, head: Token) -> list[Token]:
        """The addressee of a request introduced by a preposition ('called on Russia to withdraw')."""
        preps = {p for e in self.data.entries(head.lemma_, "VERB") if e.type == "REQUEST" and "obl" in e.recipient
                 for p in e.recipient_preps}
        return self.obliques(head, preps) if preps else []

    def _object_control(self, head: Token) -> bool:
        """Verbs whose infinitive complement takes the object as subject ('accuser X de', 'appeler X à')."""
        return any(e.complement_event or e.type in ("REQUEST", "ACCUSE", "THREATEN")
                   for e in self.data.entries(head.lemma_, "VERB"))

    def antecedent(self, verb: Token, tok: Token) -> Token:
        """A relative pronoun ('qui', 'que', 'who') stands for the noun its clause modifies."""
        relative = "Rel" in tok.morph.get("PronType") or (tok.pos_ == "PRON" and tok.lower_ in self._relatives)
        if relative and verb.head.i != verb.i and self.has(verb, "acl"):
            return verb.head
        if relative and self.has(tok, "subj") and tok.i < verb.i and self.has(verb, "dep"):
            return self._loose_antecedent(verb, tok) or tok
        return tok

    def _loose_antecedent(self, verb: Token, tok: Token) -> Token | None:
        """A relative clause the parser hung elsewhere ('les embuscades de Daech dans le désert, qui ont coûté
        la vie à ...'): the closest noun before the pronoun whose number the clause's finite verb agrees with."""
        finite = [t for t in (verb, *self.kids(verb, "aux", "aux_pass")) if "Fin" in t.morph.get("VerbForm")]
        number = finite[0].morph.get("Number") if finite else []
        if not number:
            return None
        for j in range(tok.i - 1, tok.sent.start - 1, -1):
            t = tok.doc[j]
            if t.pos_ not in ("NOUN", "PROPN"):
                continue
            dets = [d for d in self.kids(t, "det") if d.morph.get("Number")]
            if (dets[0].morph.get("Number") if dets else t.morph.get("Number")) == number:
                return t
        return None

    def clitic_antecedent(self, tok: Token) -> Token | None:
        """'maintenir des sanctions contre la Russie, mais finalement les supprimer': a third-person object
        pronoun stands for the closest noun before it in its sentence that agrees in number and gender."""
        if tok.pos_ != "PRON" or not self.has(tok, "obj") or "3" not in tok.morph.get("Person") \
                or tok.morph.get("PronType") or tok.morph.get("Reflex"):
            return None
        number, gender = tok.morph.get("Number"), tok.morph.get("Gender")
        for t in reversed(tok.doc[tok.sent.start:tok.i]):
            if t.pos_ != "NOUN":
                continue
            if number and t.morph.get("Number") and t.morph.get("Number") != number:
                continue
            if gender and t.morph.get("Gender") and t.morph.get("Gender") != gender:
                continue
            return t
        return None

    def objects(self, verb: Token) -> list[Token]:
        if self.is_passive(verb):
            objs = self.kids(verb, "pass_subj") or self.kids(verb, "obj")
            # 'la proposition a cette fois été rejetée': the parser may hang the subject on the auxiliary
            objs = objs + [s for a in self.kids(verb, "aux", "aux_pass") for s in self.kids(a, "subj")]
            if self.has(verb, "xcomp") and verb.head.pos_ == "AUX":  # 'X a été rejetée' parsed with 'a' as root
                objs = objs + self.kids(verb.head, "subj")
            if self.has(verb, "conj") and verb.head.pos_ in ("VERB", "AUX"):  # '... rejetée par X et écartée par Y'
                objs = objs + self.objects(verb.head)
        else:
            objs = self.kids(verb, "obj")
        if not objs and verb.head.i != verb.i and self._passive_participle(verb) and "Part" in verb.morph.get("VerbForm"):
            objs = [verb.head]  # 'Daech encerclé à Mossoul': the modified noun undergoes the event
        if not objs and self.bare_infinitive(verb) and verb.head.i != verb.i:
            # 'réussissent à ravitailler les combattants': the object after the infinitive hung on its governor
            objs = [o for o in self.kids(verb.head, "obj") if o.i > verb.i]
        if not objs:  # a nominal parsed as a predicate complement ('a consulté Washington' -> xcomp)
            objs = [c for c in self.kids(verb, "xcomp") if c.pos_ in ("NOUN", "PROPN") and c.i > verb.i]
        return [self.antecedent(verb, o) for o in objs]

    def obliques(self, tok: Token, preps: frozenset[str] | set[str] | None = None) -> list[Token]:
        """Oblique/nominal-modifier dependents, optionally only those with one of `preps`."""
        out = []
        complex_ = self._complex()
        for c in self.kids(tok, "obl", "nmod", "iobj"):
            if c.lemma_ in complex_ and self.kids(c, "case"):  # 'en direction de X': X, as with 'sur X'
                if preps is None or complex_[c.lemma_] in preps:
                    out += [g for g in self.kids(c, "nmod") if self.prep(g) in (None, "de", "d'", "du", "des")]
                continue
            p = self.prep(c)
            if preps is None or (p is not None and p in preps):
                out.append(c)
        return out

    def is_reflexive(self, verb: Token) -> bool:
        refl = self.data.cue("reflexive_pronouns") or frozenset({"se", "s'", "me", "m'", "te", "t'", "nous", "vous", "soi"})
        return any(c.lower_ in refl for c in verb.children if c.dep_ in self._labels.get("expl", ()) or
                   c.dep_ in self._labels.get("obj", ()) or c.dep_ in self._labels.get("iobj", ()))

    def negated(self, verb: Token) -> bool:
        neg = self.data.cue("negation")
        particle = self.data.cue("negation_particle")
        kids = list(verb.children)
        has_neg = any(c.lower_ in neg for c in kids)
        if particle:
            return has_neg and any(c.lower_ in particle for c in kids)
        return has_neg

    def tense(self, verb: Token) -> str | None:
        """'past', 'present', 'future' or None, from the verb and its auxiliaries."""
        auxes = self.kids(verb, "aux", "aux_pass", "cop")
        forms = [verb, *auxes]
        if any("Fut" in t.morph.get("Tense") for t in forms):
            return "future"
        if any(t.lemma_ in self.data.cue("future_aux") for t in auxes):
            return "future"
        if any("Past" in t.morph.get("Tense") or "Imp" in t.morph.get("Tense") for t in forms):
            return "past"
        if any("Pres" in t.morph.get("Tense") for t in forms):
            return "present"
        return None
