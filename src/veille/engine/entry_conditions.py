"""Whether a lexicon entry applies to a trigger: the conditions an entry states as data
(reflexive, object lemmas, exceptions, a person as object, particles, prepositions) and the
senses no entry codes (sports contests, event nouns used as labels, fixed phrases); and
which of an entry's overrides its complements select."""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..lang import LanguageData, LexiconEntry
from .syntax import Syntax

if TYPE_CHECKING:  # pragma: no cover
    from .actors import ActorResolver


class EntryConditions:
    def __init__(self, data: LanguageData, actors: "ActorResolver", syn: Syntax) -> None:
        self.data = data
        self.actors = actors
        self.syn = syn
        self.of_preps = data.cue("of_preps")
        self.time_labels = data.cue("time_entity_labels")
        self.actor_labels = data.cue("actor_entity_labels")  # the pipeline's NER labels of persons and groups
        # nouns that name persons: role nouns of one word, and the cue list of other person nouns
        self.person_nouns = data.cue("person_nouns") | {w for p, r in data.roles.items()
                                                        for w in (p, *r.get("variants", ())) if " " not in w}
        self.collective_nouns = data.cue("part_nouns") | data.cue("group_nouns")
        self.sport_words = data.cue("sport_words")

    def matches(self, entry: LexiconEntry, tok: Token) -> bool:
        cond = entry.condition
        if self.sport_words and any(t.lemma_ in self.sport_words or t.lower_ in self.sport_words for t in tok.sent):
            return False  # a sports contest: its wins, attacks and meetings are no political events
        if cond.reflexive is not None and self.syn.is_reflexive(tok) != cond.reflexive:
            return False
        if cond.obj_lemmas and not (self._complement_lemmas(tok) & cond.obj_lemmas):
            return False
        if cond.obj_lemmas and self.data.cues.get("bare_object_idioms") and self._idiom_object(tok, cond.obj_lemmas):
            return False  # 'prendre position' (take a stand), not 'prendre des positions'

        if tok.pos_ == "NOUN" and not self.syn.verb_like(tok) and self._classifier(tok):
            return False
        if cond.except_lemmas and self._complement_lemmas(tok, light=True) & cond.except_lemmas:
            return False  # another sense of the word ('accuser un retard', 'un appel d'offres')
        if cond.obj_person and self.syn.verb_like(tok) and not self._acts_on_person(entry, tok):
            return False  # 'arrêter le carnage', 'libérer le passage': the object is no one who can undergo it
        if cond.particles and not any(c.i > tok.i and c.lower_ in cond.particles for c in tok.children):
            return False  # a phrasal verb ('stepped down', 'called off') needs its particle
        if cond.preps:
            obls = self.syn.kids(tok, "obl", "nmod", "iobj")
            if self.data.cues.get("light_verb_obliques") and self.syn.has(tok, "obj"):
                obls += self.syn.kids(tok.head, "obl")  # 'remporter une victoire face à X', attached to the verb
            obls = [c for c in obls if not self._time_phrase(c)]  # 'fired missiles ... on Thursday'
            if cond.obj_person and tok.pos_ == "NOUN":  # 'une victoire sur les rebelles', not 'sur le circuit'
                obls = [c for c in obls if self._names_person(c)]
            preps = {self.syn.prep(c) for c in obls} | {self.syn.complex_prep(c) for c in obls}
            preps |= {self.syn.mark(c) for c in self.syn.kids(tok, "xcomp", "ccomp", "advcl")}
            if not (preps & cond.preps):
                return False
        return True

    def _idiom_object(self, verb: Token, lemmas: frozenset[str]) -> bool:
        """The only object of the needed kind is a bare singular noun: a fixed phrase with the verb."""
        objs = [o for o in self.syn.kids(verb, "obj") if o.lemma_ in lemmas]
        return bool(objs) and self.syn.verb_like(verb) and all(
            o.pos_ == "NOUN" and not self.syn.kids(o, "det") and "Plur" not in o.morph.get("Number")
            and o.lower_ == o.lemma_.lower() for o in objs)

    def _classifier(self, tok: Token) -> bool:
        """An event noun without determiner that qualifies another noun names a kind of thing, not an act:
        'une commission d'enquête', 'un mandat d'arrêt', 'les Forces nationales de libération'. Plural ones
        still count acts ('une vague d'attentats')."""
        if not (self.syn.has(tok, "nmod") and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i < tok.i
                and self.syn.prep(tok) in self.of_preps and not self.syn.kids(tok, "det")):
            return False
        if any("Def" in c.morph.get("Definite") for c in self.syn.kids(tok, "case")):
            return False  # a preposition fused with an article ('une étape du retrait')
        # plural, by the tag or by an inflected form ('à cause de contre-offensives')
        return "Plur" not in tok.morph.get("Number") and tok.lower_ == tok.lemma_.lower()

    def _acts_on_person(self, entry: LexiconEntry, verb: Token) -> bool:
        """The verb has an object and it names someone (a pronoun object stands for someone); or, for an entry
        whose complement states an event ('accuser l'élection d'être truquée'), it has that complement."""
        if entry.complement_event:  # the complement, which the parser may hang on the object
            comps = self.syn.kids(verb, "xcomp", "ccomp") + [c for o in self.syn.kids(verb, "obj")
                                                            for c in self.syn.kids(o, "nmod", "acl") if c.pos_ == "VERB"]
            if any(self.syn.mark(c) for c in comps):
                return True
        if any(c.pos_ == "PRON" for c in self.syn.kids(verb, "obj", "pass_subj")):
            return True
        objs = self.syn.objects(verb)
        return bool(objs) and all(self._names_person(o) for o in objs)

    def _names_person(self, tok: Token, owner: bool = True) -> bool:
        """A nominal that can name a person, a group or a political actor: a pronoun, a proper name, a named
        entity, a person or role noun, a collective noun of such ('des dizaines de manifestants'), or, with
        `owner`, a thing of theirs ('le programme nucléaire de la Corée du Nord', 'son programme', 'le
        programme nord-coréen')."""
        tok = self.syn.clitic_antecedent(tok) or tok
        if tok.pos_ in ("PRON", "PROPN") or tok.ent_type_ in self.actor_labels:  # not a place ('le circuit WTS')
            return True
        if tok.lemma_ in self.person_nouns or tok.lower_ in self.person_nouns or self._gazetteer_name(tok):
            return True
        if tok.lemma_ in self.collective_nouns and any(self._names_person(c, False) for c in self.syn.kids(tok, "nmod")):
            return True
        if not owner:
            return False
        if any("Yes" in d.morph.get("Poss") for d in self.syn.kids(tok, "det")):
            return True
        if any(self._is_demonym(a) for a in self.syn.kids(tok, "amod")):
            return True
        return any(self.syn.prep(c) in self.of_preps and self._names_person(c, False) for c in self.syn.kids(tok, "nmod"))

    def _gazetteer_name(self, tok: Token) -> bool:
        """A common noun that starts a name of the gazetteer ('l'Etat islamique', 'les Nations unies')."""
        doc, end = tok.doc, min(tok.right_edge.i + 1, tok.i + 4)
        return any(self.actors.gaz.lookup(doc[tok.i:j].text, self.data.lang) for j in range(tok.i + 2, end + 1))

    def _is_demonym(self, tok: Token) -> bool:
        return any(e.kind == "demonym" for text in {tok.lower_, tok.lemma_}
                   for e in self.actors.gaz.lookup(text, self.data.lang))

    def _time_phrase(self, tok: Token) -> bool:
        """An oblique that is a date or time only (the named entity lies inside the phrase, so 'at Kyiv
        overnight', tagged as one time span, is not)."""
        if tok.ent_type_ not in self.time_labels:
            return False
        span = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
        inside = {t.i for t in tok.subtree}
        return span is not None and all(i in inside for i in range(span.start, span.end))

    def _complement_lemmas(self, tok: Token, light: bool = False) -> set[str]:
        out = set()
        if light and self.data.cues.get("light_verb_obliques") and self.syn.has(tok, "obj"):
            # 'lancer un appel à témoins': the complement of the noun, attached to its light verb
            out.update(c.lemma_ for c in self.syn.kids(tok.head, "obl") if c.i > tok.i)
        for c in self.syn.kids(tok, "obj", "pass_subj", "nmod", "amod", "obl", "xcomp"):
            c = self.syn.clitic_antecedent(c) or c  # 'les supprimer': the sanctions named before
            out.add(c.lemma_)
            out.update(g.lemma_ for g in self.syn.kids(c, "nmod", "amod", "conj"))
        out.update(c.lemma_ for c in self.syn.kids(tok, "advmod"))  # 'a réagi vivement'
        if self.syn.is_passive(tok):
            out.update(c.lemma_ for c in self.syn.kids(tok, "pass_subj"))
        if self.syn.has(tok, "acl"):  # 'un missile tiré', 'les sanctions imposées'
            out.add(tok.head.lemma_)
        return out

    def override(self, entry: LexiconEntry, tok: Token):
        lemmas = self._complement_lemmas(tok)
        for ov in entry.overrides:
            if lemmas & ov.lemmas:
                return ov
        return None
