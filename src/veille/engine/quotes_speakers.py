"""Who said it: a quote's speaker resolved through the actor layer like any actor, with the
fallbacks quotes need (a pronoun stands for the last subject of its gender, an apposition or
an actor named inside the phrase, a repeated noun, private media without a key)."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ..lang import LanguageData
from ..records import Entity, Speaker
from .actors import ActorResolver, DocActors
from .quotes_cues import QuoteCues
from .syntax import Syntax


class SpeakerResolver:
    def __init__(self, data: LanguageData, actors: ActorResolver, cues: QuoteCues, syn: Syntax) -> None:
        self.data = data
        self.actors = actors
        self.cues = cues
        self.syn = syn
        self.pronouns = {p.lower() for p in data.cue("personal_pronouns")}
        self._pronouns: dict[int, list[Entity]] = {}

    def reset(self) -> None:
        """Forget the pronoun resolutions of the previous document."""
        self._pronouns = {}

    def speaker(self, state: DocActors, tok: Token | None, verb: Token | None = None) -> Speaker | None:
        if tok is None:
            return None
        relative = verb is not None and verb.head.i != verb.i and (
            tok.lower_ in self.cues.relative_pronouns or (tok.i == verb.head.i and self.syn.has(verb, "acl")))
        if relative:
            tok = verb.head  # 'le chef de mission de MSF pour la Syrie, qui considère que ...'
            while (self.syn.has(tok, "nmod") or self.syn.has(tok, "appos")) and tok.head.i != tok.i \
                    and tok.head.pos_ in ("NOUN", "PROPN"):
                tok = tok.head
        if tok.lower_ in self.cues.impersonal_subjects and not self.actors.entities(state, tok):
            return None
        if tok.lower_ in self.cues.relative_pronouns or tok.pos_ == "PRON" and "Rel" in tok.morph.get("PronType"):
            return None
        ents = self._antecedent(state, tok) if self._is_pronoun(tok) else self.actors.entities(state, tok)
        text = self._mention(tok)
        name = self._person_name(state, tok)
        if not ents and verb is not None:  # 'a déclaré Matthew Rycroft, l'ambassadeur britannique': two subjects
            for other in self.syn.subjects(verb):
                if other.i > tok.i and tok.doc[other.left_edge.i - 1].text == ",":
                    ents = self.actors.entities(state, other) or self._fallback(state, other)
                    if ents:
                        break
        if not ents:
            ents = self._fallback(state, tok)
            if ents and not name:
                name = self._apposed_name(state, tok)
        if not ents:
            return Speaker(text=text, key=None, role=None, name=name, keys=[])
        keys: list[str] = []
        for e in ents:
            if e.key and e.key not in keys:
                keys.append(e.key)
        if self._private_medium(state, tok, ents[0]):
            return Speaker(text=text, key=None, role=ents[0].role, name=None, keys=[])
        first = ents[0]
        person = first.name if self._is_person(first) else None
        name = name or (self._apposed_name(state, tok) if not person else None)
        return Speaker(text=text, key=first.key, role=first.role, name=person or name, keys=keys)

    def _private_medium(self, state: DocActors, tok: Token, ent: Entity) -> bool:
        """A newspaper or channel ('le quotidien libanais L'Orient-Le Jour', here or at an earlier
        mention of the same name) is a private medium with no key, unless the text ties it to
        the state ('la télévision d'État', 'proche du pouvoir')."""
        if ent.role != "MED" or not ent.key or (ent.name and self._known_org(ent.name)):
            return False
        words: set[str] = set()
        for t in [tok, *(t for t in state.doc[:tok.i] if t.text == tok.text and t.pos_ == tok.pos_)]:
            words |= self._np_words(state.doc, t)
        return bool(words & self.cues.private_media_nouns) and not (words & self.cues.state_media_words)

    def _np_words(self, doc: Doc, tok: Token) -> set[str]:
        """Lower-cased words and lemmas of a noun phrase and of the few words before it."""
        words = {t.lemma_.lower() for t in tok.subtree} | {t.lower_ for t in tok.subtree}
        lo = tok.left_edge.i
        for j in range(lo - 1, max(-1, lo - 6), -1):
            if doc[j].is_punct or doc[j].pos_ in ("VERB", "AUX"):
                break
            words |= {doc[j].lemma_.lower(), doc[j].lower_}
        return words

    def _known_org(self, name: str) -> bool:
        return any(e.kind in ("org", "acronym") for e in self.actors.gaz.lookup(name, self.data.lang))

    def _is_pronoun(self, tok: Token) -> bool:
        return tok.pos_ == "PRON" and tok.lower_.lstrip("-") in self.pronouns

    def _antecedent(self, state: DocActors, tok: Token) -> list[Entity]:
        """A pronoun speaker ('il a affirmé', 'selon lui', 'a-t-il dit') stands for the last subject
        before it that resolves to an actor of the same gender; failing that, the actor layer decides."""
        if tok.i in self._pronouns:
            return self._pronouns[tok.i]
        gender = tok.morph.get("Gender")
        found: list[Entity] = []
        doc = state.doc
        for t in reversed(doc[max(0, tok.i - 400):tok.i]):
            if not (self.syn.has(t, "subj") or self.syn.has(t, "pass_subj")) or t.text.startswith("-t"):
                continue
            if t.lower_ in self.cues.relative_pronouns:
                continue
            other = ([d.morph.get("Gender") for d in self.syn.kids(t, "det") if d.morph.get("Gender")]
                     or [t.morph.get("Gender")])[0]  # 'la ministre': the determiner knows better than the noun
            if gender and other and gender != other and not self._is_pronoun(t):
                continue
            ents = self._antecedent(state, t) if self._is_pronoun(t) else (
                self.actors.entities(state, t) or self._fallback(state, t))
            ents = [e for e in ents if e.key]
            if ents:
                found = ents
                break
        found = found or self.actors.entities(state, tok)
        self._pronouns[tok.i] = found
        return found

    def _fallback(self, state: DocActors, tok: Token) -> list[Entity]:
        """A speaker the actor layer does not resolve as a whole: its apposition ('Matthew Rycroft,
        l'ambassadeur britannique'), then the first actor named inside it ('le bureau de MSF',
        'un rapport de la CIA', 'le vice-ministre russe')."""
        apposed = self.syn.kids(tok, "appos") + [c for c in self.syn.kids(tok, "conj")
                                                 if c.i > 0 and tok.doc[c.left_edge.i - 1].text == ","]
        for c in apposed:  # 'Matthew Rycroft, l'ambassadeur britannique'
            ents = self.actors.entities(state, c) or self._inside(state, c)
            if ents:
                return ents
        return self._inside(state, tok) or self._left_context(state, tok) or self._same_noun(state, tok)

    def _inside(self, state: DocActors, tok: Token) -> list[Entity]:
        skip = self._relative_tokens(tok)
        for t in tok.subtree:
            if t.i == tok.i or t.i in skip:
                continue
            if t.i in state.matches:
                ents = self.actors.entities(state, t)
                if ents:
                    return ents
                m = state.matches[t.i].best
                if m.key:
                    return [Entity(text=t.text, key=m.key, country=m.country, org=m.org,
                                   role=m.role if m.kind != "demonym" else None)]
        return []

    def _left_context(self, state: DocActors, tok: Token) -> list[Entity]:
        """'L'agence d'information sud-coréenne Yonhap' parsed as a bare name: the words just before it."""
        if tok.pos_ != "PROPN":
            return []
        doc = state.doc
        for j in range(tok.left_edge.i - 1, max(-1, tok.left_edge.i - 6), -1):
            t = doc[j]
            if t.is_punct or t.pos_ in ("VERB", "AUX"):
                break
            m = state.matches.get(j)
            if m is not None and m.best.key:
                role = state.roles[j][1] if j in state.roles else None
                for k in range(j, tok.i):
                    if k in state.roles:
                        role = state.roles[k][1]
                        break
                return [Entity(text=doc[j:tok.i + 1].text, key=m.best.key, country=m.best.country, org=m.best.org,
                               role=role or (m.best.role if m.best.kind != "demonym" else None))]
        return []

    def _same_noun(self, state: DocActors, tok: Token) -> list[Entity]:
        """A definite noun repeated from an earlier, resolved mention: 'L'ONG Human Rights Watch ... l'ONG'."""
        if tok.pos_ not in ("NOUN", "X"):
            return []
        for t in reversed(state.doc[:tok.i]):
            if t.lower_ == tok.lower_ or (t.lemma_.lower() == tok.lemma_.lower() and t.pos_ == tok.pos_):
                ents = self.actors.entities(state, t)
                if not ents:
                    for c in self.syn.kids(t, "appos", "flat", "nmod"):
                        ents = self.actors.entities(state, c) if c.i in state.matches or c.pos_ == "PROPN" else []
                        if ents:
                            break
                if ents:
                    return ents
        return []

    def _apposed_name(self, state: DocActors, tok: Token) -> str | None:
        doc = state.doc
        apposed = [c for c in self.syn.kids(tok, "conj", "nmod")
                   if c.i > tok.i and c.left_edge.i > 0 and doc[c.left_edge.i - 1].text == ","]
        for c in [tok, *self.syn.kids(tok, "appos"), *self.syn.kids(tok, "flat"), *apposed]:
            if c.pos_ == "PROPN" and c.i not in state.matches and c.ent_type_ in ("PER", "PERSON", ""):
                return self.actors._name_span(state, c).text
        return None

    def _relative_tokens(self, tok: Token) -> set[int]:
        skip: set[int] = set()
        for t in tok.subtree:
            if self.syn.has(t, "acl") and t.i > tok.i and any(g.lower_ in self.cues.relative_pronouns for g in t.children):
                skip.update(x.i for x in t.subtree)
        return skip

    def _is_person(self, ent: Entity) -> bool:
        """Organisations carry their own name; a speaker name is a person's."""
        if not ent.name:
            return False
        return not any(e.kind in ("org", "acronym", "country", "capital", "metonym")
                       for e in self.actors.gaz.lookup(ent.name, self.data.lang))

    def _person_name(self, state: DocActors, tok: Token) -> str | None:
        if tok.pos_ != "PROPN" or tok.ent_type_ not in ("PER", "PERSON", ""):
            return None
        return self.actors._name_span(state, tok).text

    def _mention(self, tok: Token) -> str:
        doc = tok.doc
        skip = self._relative_tokens(tok)
        skip |= {c.i for c in tok.children if c.i < tok.i and self.syn.has(c, "case")}  # 'selon', 'd'après'
        skip |= {f.i for c in tok.children if c.i in skip for f in c.children}
        members = {t.i for t in tok.subtree if t.i not in skip}
        # the contiguous block around the head word (a clause the parser hung on the noun stays out)
        lo = hi = tok.i
        while lo - 1 in members:
            lo -= 1
        while hi + 1 in members and doc[hi + 1].pos_ not in ("VERB", "AUX"):
            hi += 1
        idx = [lo, hi]
        lo, hi = min(idx), max(idx) + 1
        while hi > lo + 1 and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
            hi -= 1
        while lo < hi - 1 and doc[lo].is_punct:
            lo += 1
        return doc[lo:hi].text
