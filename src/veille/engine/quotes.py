"""Quotes: who said what (coding guide, section 9). Direct quotes (words between
quotation marks with a speaker and a cue before or after them, split quotes),
indirect speech (a clause or an infinitive under a reporting verb, a 'selon X' /
'pour X' phrase, an incise '..., a indiqué X') and mixed quotes (a quoted fragment
inside reported speech). Speakers resolve through the actor layer like any actor.

Language-free: the cues come from `lang/<lang>/quotes.json`, the dependency labels
from the language's label map."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Iterator

from spacy.tokens import Doc, Span, Token

from ..errors import DocumentRejected
from ..lang import LanguageData
from ..records import Document, Entity, Event, Quote, Speaker
from .actors import ActorResolver, DocActors
from .quotes_cues import QuoteCues, load_quote_cues
from .quotes_marks import Marked, find_marked
from .syntax import Syntax

PUNCT_EDGES = ",;:.–—-()"
INCISE_PUNCT = (",", ";", "(", "–", "—")


@dataclass
class Claim:
    """A reported statement before it becomes a Quote: content span in characters,
    the token naming the speaker, the cue text."""
    kind: str
    start: int
    end: int
    speaker: Token | None
    cue: str | None
    verb: Token | None = None
    marked: list[Marked] = field(default_factory=list)
    speaker_obj: Speaker | None = None  # set when the speaker is inherited (split or continued quotes)


@dataclass
class Incise:
    """'..., a indiqué X' / 'a-t-il dit' / 'comme le précise X': a reporting verb with its
    speaker after it, set off by punctuation from the words it attributes."""
    verb: Token
    speaker: Token | None
    start: int  # token index of the first token of the incise
    end: int    # token index after its last token
    cue: str


class QuoteExtractor:
    def __init__(self, data: LanguageData, actors: ActorResolver, cues: QuoteCues | None = None) -> None:
        self.data = data
        self.actors = actors
        self.cues = cues or load_quote_cues(data.lang)
        self.syn = Syntax(data)
        c = self.cues
        single = {v for v in c.speech_verbs if " " not in v}
        self.speech = single - c.feeling_verbs
        # 'faire savoir', 'laisser entendre': last word -> words before it; 'se dire': reflexive uses
        self.multi: dict[str, set[str]] = {}
        self.reflexive: set[str] = set()
        for v in c.speech_verbs - single:
            first, last = v.rsplit(" ", 1)
            if first.lower() in c.reflexive_clitics or first.endswith("'"):
                self.reflexive.add(last)
            else:
                self.multi.setdefault(last, set()).add(first)
        self.fragment = c.fragment_verbs | self.speech
        self.closers = {cl for _, cl in c.marks} | {o for o, _ in c.marks}
        self.pronouns = {p.lower() for p in data.cue("personal_pronouns")}
        self._state: DocActors | None = None
        self._pronouns: dict[int, list[Entity]] = {}

    # ---- public -------------------------------------------------------------------------
    def extract(self, doc: Doc, state: DocActors, doc_id: str) -> list[Quote]:
        text = doc.text
        self._state = state
        self._pronouns: dict[int, list[Entity]] = {}
        marked = find_marked(text, self.cues.marks)
        incises = self._incises(doc)
        claims: list[Claim] = []
        claims += self._clauses(doc)
        claims += self._sources(doc, state)
        claims += self._incise_claims(doc, incises, marked)
        claims = [cl for cl in claims  # reported speech inside a quotation belongs to the quotation
                  if cl.verb is None or not any(m.open < cl.verb.idx < m.close for m in marked)]
        claims = self._dedupe(claims)
        used: set[int] = set()
        for cl in claims:  # quoted words inside reported speech: mixed (or direct when they are all of it)
            around = [m for m in marked if m.inner_start <= cl.start and cl.end <= m.inner_end + 1]
            if around:  # 'X said: “...”' parsed as a clausal complement: the quotation itself
                m = around[0]
                cl.kind, cl.start, cl.end, cl.marked = "direct", m.inner_start, m.inner_end, [m]
                used.add(m.open)
                continue
            inside = [m for m in marked if cl.start <= m.open and m.close < cl.end + 1 and not self._is_name(text, m)]
            if inside:
                cl.marked = inside
                used.update(m.open for m in inside)
                quoted = sum(m.close - m.open + 1 for m in inside)
                if len(inside) == 1 and quoted >= 0.9 * (cl.end - cl.start):
                    cl.kind, cl.start, cl.end = "direct", inside[0].inner_start, inside[0].inner_end
                else:
                    cl.kind = "mixed"
        claims += self._marked_claims(doc, state, [m for m in marked if m.open not in used], incises, claims)
        claims.sort(key=lambda c: c.start)
        sent_starts = [s.start_char for s in doc.sents]
        out = []
        for cl in claims:
            speaker = cl.speaker_obj or self.speaker(state, cl.speaker, cl.verb)
            if speaker is None:
                continue
            cl.speaker_obj = speaker
            sentence = max((i for i, s in enumerate(sent_starts) if s <= cl.start), default=0)
            out.append(Quote(doc_id=doc_id, kind=cl.kind, content=text[cl.start:cl.end], start=cl.start, end=cl.end,
                             cue=cl.cue, speaker=speaker, sentence=sentence))
        return out

    # ---- speakers -----------------------------------------------------------------------
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
        for c in [tok, *self.syn.kids(tok, "appos"), *self.syn.kids(tok, "flat")]:
            if c.pos_ == "PROPN" and c.i not in state.matches:
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
        idx = [t.i for t in tok.subtree if t.i not in skip]
        # stop at the first gap (a skipped relative clause, or a clause the parser hung on the noun)
        idx.sort()
        run = [idx[0]]
        for i in idx[1:]:
            if i != run[-1] + 1:
                break
            run.append(i)
        idx = [i for i in run if i <= tok.i] + [i for i in run if i > tok.i and not doc[i].pos_ in ("VERB", "AUX")]
        lo, hi = min(idx), max(idx) + 1
        while hi > lo + 1 and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
            hi -= 1
        while lo < hi - 1 and doc[lo].is_punct:
            lo += 1
        return doc[lo:hi].text

    # ---- reported clauses: 'X affirme que ...', 'X dit regretter ...' -------------------
    def _is_speech(self, tok: Token) -> bool:
        if tok.pos_ not in ("VERB", "AUX"):  # a mis-tagged form of a reporting verb with its clause ('avouât que')
            return tok.lower_ in self.cues.speech_forms and bool(self.syn.kids(tok, "ccomp"))
        lemma = tok.lemma_
        if lemma in self.multi:  # 'a fait savoir que'
            near = [tok.head, *tok.children, *(tok.doc[tok.i - 1:tok.i])]
            if any(t.lemma_ in self.multi[lemma] for t in near):
                return True
        if any(lemma in firsts and self.syn.has(c, "xcomp") and c.lemma_ == last
               for last, firsts in self.multi.items() for c in tok.children):
            return True  # the parser may hang the clause on 'faire' rather than on 'savoir'
        if lemma in self.cues.feeling_verbs:
            return False
        return lemma in self.speech or (lemma not in self.cues.fragment_verbs and tok.lower_ in self.cues.speech_forms)

    def _reflexive_speech(self, verb: Token) -> bool:
        """'se dit optimiste'"""
        return verb.lemma_ in self.reflexive and any(c.lower_ in self.cues.reflexive_clitics for c in verb.children)

    def _clauses(self, doc: Doc) -> list[Claim]:
        out = []
        for verb in doc:
            if not self._is_speech(verb):
                continue
            comp = self._complement(verb)
            if comp is None:
                continue
            lo, hi = comp
            subj = self._subject(verb)
            start, end = self._chars(doc, lo, hi)
            if end > start:
                out.append(Claim("indirect", start, end, subj, self._cue(verb), verb))
        return out

    def _complement(self, verb: Token) -> tuple[int, int] | None:
        """Token range [lo, hi) of the clause a reporting verb introduces, without 'que'."""
        comps = self.cues.complementizers
        for c in verb.children:
            if c.i < verb.i or (c.lemma_ in self.multi and verb.lemma_ in self.multi[c.lemma_]):
                continue
            marks = [m for m in c.children if self.syn.has(m, "mark") and m.lower_ in comps and m.i < c.i]
            if marks and (self.syn.has(c, "ccomp") or c.dep_ in self._clause_labels()):
                lo = marks[0].i + 1
                return lo, self._right(c, verb)
            if self.syn.has(c, "ccomp") and (c.pos_ in ("VERB", "AUX") or self.syn.kids(c, "cop", "subj")):
                lo = c.left_edge.i
                between = [t for t in verb.doc[verb.i + 1:c.i] if t.lower_ in comps]
                if between:
                    lo = between[0].i + 1
                if lo > verb.i:
                    return lo, self._right(c, verb)
            if self._reflexive_speech(verb) and c.pos_ in ("ADJ",) and not self.syn.has(c, "subj"):
                return c.i, self._right(c, verb)
            if c.i > verb.i and self._infinitive(c) and (self.syn.has(c, "xcomp") or self._inf_mark(c)) \
                    and c.dep_ in self._clause_labels() | self.syn._labels.get("xcomp", frozenset()):
                return c.left_edge.i, self._right(c, verb)
        return self._surface_complement(verb)

    def _surface_complement(self, verb: Token) -> tuple[int, int] | None:
        """When the parse hides the clause: 'que' right after the verb (adverbs aside) opens it,
        and it runs to the end of the sentence."""
        doc = verb.doc
        sent_end = self._sent(verb).end
        for j in range(verb.i + 1, min(verb.i + 4, sent_end)):
            t = doc[j]
            if t.lower_ in self.cues.complementizers:
                if j + 1 < sent_end:
                    return j + 1, sent_end
                return None
            if t.pos_ not in ("ADV",) and not t.is_punct:
                return None
        return None

    def _clause_labels(self) -> frozenset[str]:
        labels = self.syn._labels
        return frozenset().union(*(labels.get(k, frozenset()) for k in ("ccomp", "obj", "advcl", "xcomp", "obl", "acl")))

    def _infinitive(self, tok: Token) -> bool:
        return any("Inf" in t.morph.get("VerbForm") for t in (tok, *self.syn.kids(tok, "aux", "aux_pass")))

    def _inf_mark(self, tok: Token) -> bool:
        return any(m.lower_ in self.cues.infinitive_marks for m in self.syn.kids(tok, "mark", "case"))

    def _right(self, comp: Token, verb: Token) -> int:
        """End of a complement clause: its subtree, stopping at a later incise of the same verb."""
        hi = comp.right_edge.i + 1
        return hi

    def _subject(self, verb: Token) -> Token | None:
        subj = [s for s in self.syn.subjects(verb) if s.lower_ not in ("-t", "-t-") and not s.is_punct
                and not (s.i == verb.head.i and self._participle(verb))]  # not the noun a participle hangs on
        inverted = [s for s in subj if s.text.startswith("-") and s.pos_ == "PRON"]
        if inverted:  # 'a-t-il dit': the clitic, whatever else the parser hung on the verb
            return inverted[0]
        if subj:
            return subj[0]
        if any(m.lower_ in self.cues.incise_marks for m in self.syn.kids(verb, "mark")) and verb.i + 1 < len(verb.doc):
            nxt = verb.doc[verb.i + 1]  # 'comme le précise l'ambassadeur': the subject follows the verb
            nxt = nxt.head if nxt.pos_ == "DET" else nxt
            if nxt.pos_ in ("NOUN", "PROPN") and nxt.i > verb.i:
                return nxt
        clitics = [c for c in self.syn.kids(verb, "expl", "subj", "pass_subj") if c.text.startswith("-") and c.pos_ == "PRON"
                   and c.lower_ not in ("-t", "-t-")]
        if clitics:  # 'a-t-il dit' parsed as an expletive subject
            return clitics[0]
        head = verb.head
        inverted_obj = [c for c in verb.children if c.i > verb.i and self.syn.has(c, "obj") and c.pos_ == "PROPN"]
        if inverted_obj and not self.syn.kids(verb, "ccomp", "xcomp"):
            return inverted_obj[0]  # '« ... » a annoncé Erdoğan'
        if head.i != verb.i and (self.syn.has(verb, "advcl") or self.syn.has(verb, "conj") or self.syn.has(verb, "acl")):
            for anc in [head, *self.syn.governors(head)][:4]:  # 'en évoquant', '..., indiquant': the main clause's subject
                if anc.pos_ in ("VERB", "AUX"):
                    subj = self.syn.subjects(anc)
                    if subj:
                        return subj[0]
                    break
        if verb.i + 1 < len(verb.doc):  # an inverted subject parsed as object: 'a déclaré Szydło'
            for c in verb.children:
                if c.i > verb.i and self.syn.has(c, "obj") and c.pos_ in ("PROPN", "NOUN", "PRON"):
                    return c
        return None

    def _participle(self, verb: Token) -> bool:
        """'..., indiquant les avoir arrêtées': a participle, not a relative clause."""
        return self.syn.has(verb, "acl") and "Part" in verb.morph.get("VerbForm") and not any(
            c.lower_ in self.cues.relative_pronouns for c in verb.children)

    def _cue(self, verb: Token, extra: Token | None = None) -> str:
        doc = verb.doc
        lo = min([verb.i] + [a.i for a in self.syn.kids(verb, "aux", "aux_pass") if a.i < verb.i])
        if extra is not None:
            lo = min(lo, extra.i)
        return doc[lo:verb.i + 1].text

    # ---- 'selon X, ...' / 'pour X, ...' -------------------------------------------------
    def _sources(self, doc: Doc, state: DocActors) -> list[Claim]:
        out = []
        for x in doc:
            if x.pos_ not in ("NOUN", "PROPN", "PRON"):
                continue
            found = self._prep_phrase(x)
            if found is None:
                continue
            low, phrase_start, cue_end = found
            view = low in self.cues.view_preps
            if not (low in self.cues.source_preps or view):
                continue
            sent = self._sent(x)
            phrase_end = self._phrase_end(doc, x)
            if not self._speaker_like(x):
                continue
            at_start = all(t.is_punct or t.is_space or self.syn.has(t, "cc") or self.syn.has(t, "advmod")
                           for t in doc[sent.start:phrase_start])
            if view:
                # 'pour X, ...' is a view only at the head of a sentence, set off by a comma, X an actor
                if not at_start or phrase_end >= sent.end or doc[phrase_end].text != ",":
                    continue
                if not (self.actors.entities(state, x) or x.pos_ == "PROPN" or x.lower_ in self.cues.speaker_nouns
                        or x.lemma_.lower() in self.cues.speaker_nouns):
                    continue
                if x.lower_ in self.cues.impersonal_subjects:
                    continue
            if at_start:
                lo, hi = phrase_end, sent.end
                if hi - lo < 3 and hi < len(doc):  # the parser closed the sentence after the phrase
                    hi = self._sent(doc[hi]).end
            else:
                lo, hi = sent.start, phrase_start
                lo = self._after_incise_or_mark(doc, lo, phrase_start)
            start, end = self._chars(doc, lo, hi)
            if end - start < 8:
                continue
            out.append(Claim("indirect", start, end, x, doc[phrase_start:cue_end].text, None))
        return out

    def _prep_phrase(self, x: Token) -> tuple[str, int, int] | None:
        """(preposition lower-cased, its first token, token after it) of a nominal: 'selon', 'd'après'
        (a case marker with fixed parts), or 'according to' where prepositions head their objects."""
        doc = x.doc
        cases = [c for c in x.children if c.dep_ in self.syn._labels.get("case", ()) and c.i < x.i]
        if cases:
            tok = cases[0]
            low, last = tok.lower_, tok.i
            for part in tok.children:  # 'd'après' as 'd'' + fixed 'après'
                if part.dep_ == "fixed":
                    low += part.lower_ if low.endswith(("'", "’")) else " " + part.lower_
                    last = max(last, part.i)
            return low, tok.i, last + 1
        if x.dep_ in self.syn._labels.get("pobj", ()) and x.head.i < x.i:
            prep = x.head
            first = prep
            if prep.head.i == prep.i - 1 and prep.head.pos_ in ("VERB", "ADP"):
                first = prep.head  # 'according to'
            return " ".join(t.lower_ for t in doc[first.i:prep.i + 1]), first.i, prep.i + 1
        return None

    def _after_incise_or_mark(self, doc: Doc, lo: int, hi: int) -> int:
        return lo

    def _phrase_end(self, doc: Doc, x: Token) -> int:
        """End of the 'selon X' phrase: X's subtree, cut at the first comma outside brackets."""
        end = x.right_edge.i + 1
        depth = 0
        for j in range(x.i + 1, end):
            t = doc[j].text
            depth += t == "("
            depth -= t == ")"
            if depth <= 0 and t == ",":
                return j
        return end

    # ---- incises: '..., a indiqué X' ----------------------------------------------------
    def _incises(self, doc: Doc) -> list[Incise]:
        out = []
        for verb in doc:
            if not self._is_speech(verb) or self._complement(verb) is not None:
                continue
            auxes = [a for a in self.syn.kids(verb, "aux", "aux_pass") if a.i < verb.i]
            first = min([verb.i] + [a.i for a in auxes])
            objs = [c for c in verb.children if self.syn.has(c, "obj") and c.i < verb.i and c.pos_ == "PRON"]
            comme = [m for m in self.syn.kids(verb, "mark") if m.i < verb.i and m.lower_ in self.cues.incise_marks]
            first = min([first] + [o.i for o in objs] + [m.i for m in comme])
            subj = self._subject(verb)
            if subj is None:
                continue
            if subj.i < first:
                lead = subj.left_edge.i
                if lead == 0 or doc[lead - 1].text not in self.closers and not (
                        doc[lead - 1].is_punct and lead > 1 and doc[lead - 2].text in self.closers):
                    continue
                first = lead
            prev = doc[first - 1] if first > 0 else None
            if not comme and (prev is None or prev.text not in self.closers and prev.text not in INCISE_PUNCT):
                continue
            if subj.i > verb.i and not self._speaker_like(subj):
                continue
            end = max(subj.right_edge.i, verb.i) + 1
            cue = doc[comme[0].i:verb.i + 1].text if comme else (
                self._cue(verb) if subj.i < verb.i else doc[first:verb.i + 1].text)
            out.append(Incise(verb, subj, first, end, cue))
        return out

    def _speaker_like(self, tok: Token) -> bool:
        state = self._state
        return (tok.pos_ in ("PROPN", "PRON") or tok.lower_ in self.cues.speaker_nouns
                or tok.lemma_.lower() in self.cues.speaker_nouns or tok.lower_ in self.data.cue("honorifics")
                or any(t.i in state.matches or t.i in state.roles for t in tok.subtree))

    def _incise_claims(self, doc: Doc, incises: list[Incise], marked: list[Marked]) -> list[Claim]:
        """Indirect speech attributed by an incise, when no quotation closes right before it."""
        out = []
        for inc in incises:
            sent = self._sent(inc.verb)
            before = doc[sent.start:inc.start]
            if self._marked_before(doc, inc, marked) is not None:
                continue
            if len([t for t in before if not t.is_punct]) >= 3:
                lo = sent.start
                for m in marked:  # do not reach back into an earlier quotation of the sentence
                    if doc[sent.start].idx <= m.close < doc[inc.start].idx:
                        lo = max(lo, self._tok_after(doc, m.close))
                start, end = self._chars(doc, lo, inc.start)
            else:
                start, end = self._chars(doc, inc.end, sent.end)
            if end - start >= 8:
                out.append(Claim("indirect", start, end, inc.speaker, inc.cue, inc.verb))
        return out

    def _marked_before(self, doc: Doc, inc: Incise, marked: list[Marked]) -> Marked | None:
        """The quotation that ends just before an incise (only punctuation between)."""
        pos = doc[inc.start].idx
        for m in marked:
            if m.close < pos and not doc.text[m.close + 1:pos].strip(" ,\u00a0\u202f"):
                return m
        return None

    def _tok_after(self, doc: Doc, char: int) -> int:
        for t in doc:
            if t.idx > char:
                return t.i
        return len(doc)

    # ---- quotations not inside reported speech -------------------------------------------
    def _marked_claims(self, doc: Doc, state: DocActors, marked: list[Marked], incises: list[Incise],
                       claims: list[Claim]) -> list[Claim]:
        text = doc.text
        out: list[Claim] = []
        by_close = {}
        for inc in incises:
            m = self._marked_before(doc, inc, marked)
            if m is not None:
                by_close[m.open] = inc
        last: Claim | None = None
        for m in marked:
            claim = None
            inc = by_close.get(m.open)
            if inc is not None:  # « ... », a indiqué X
                claim = Claim("direct", m.inner_start, m.inner_end, inc.speaker, inc.cue, inc.verb)
            elif last is not None and last.kind == "direct" and self._only_incise_between(text, last, m, incises, doc):
                claim = Claim("direct", m.inner_start, m.inner_end, last.speaker, last.cue, last.verb,
                              speaker_obj=last.speaker_obj)  # split quote
            else:
                claim = self._introduced(doc, m) or self._fragment(doc, state, m) or self._continued(doc, m, last)
            if claim is not None:
                claim.marked = [m]
                out.append(claim)
                last = claim
        return out

    def _only_incise_between(self, text: str, last: Claim, m: Marked, incises: list[Incise], doc: Doc) -> bool:
        """« A », a dit X, « B »: the second part belongs to the same speaker."""
        if last.verb is None or m.open <= last.end:
            return False
        between = text[last.end:m.open]
        verb = last.verb
        lo, hi = doc[verb.i].idx, doc[verb.i].idx + len(verb.text)
        if last.end <= lo and hi <= m.open and len(between) < 80 and between.rstrip().endswith((",", ":")):
            return True
        # '« A » poursuivant par « B »': a short link with no sentence end and no other speaker
        inner = between.strip(" \u00a0\u202f" + "".join(self.closers))
        span = doc.char_span(last.end, m.open, alignment_mode="contract")
        return (len(inner) < 40 and not any(c in inner for c in ".!?\n") and span is not None
                and not any(self.syn.has(t, "subj") for t in span))

    def _introduced(self, doc: Doc, m: Marked) -> Claim | None:
        """'X a déclaré : « ... »', 'X précise que : « ... »'."""
        before = doc.text[:m.open].rstrip()
        if not before.endswith(":"):
            return None
        colon = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
        if colon is None:
            return None
        sent = self._sent(colon[0])
        for tok in reversed(doc[sent.start:colon.start]):
            if self._is_speech(tok) or (tok.pos_ == "VERB" and tok.lemma_ in self.fragment):
                subj = self._subject(tok)
                if subj is not None:
                    return Claim("direct", m.inner_start, m.inner_end, subj, self._cue(tok), tok)
        return None

    def _is_name(self, text: str, m: Marked) -> bool:
        """« État islamique », « Bouclier de l'Euphrate »: a short capitalised phrase is a name, not a quote."""
        inner = text[m.inner_start:m.inner_end]
        return inner[:1].isupper() and m.words(text) <= self.cues.scare_max_words and not inner.endswith(("!", "?"))

    def _fragment(self, doc: Doc, state: DocActors, m: Marked) -> Claim | None:
        """A quoted fragment inside a sentence whose verb attributes it: 'a qualifié les frappes d'« agression »'."""
        span = doc.char_span(m.inner_start, m.inner_end, alignment_mode="expand")
        if span is None or m.words(doc.text) > self.cues.fragment_max_words or self._is_name(doc.text, m):
            return None
        inner = {t.i for t in span}
        tok = span.root
        for _ in range(5):
            head = tok.head
            if head.i == tok.i:
                break
            tok = head
            if tok.i in inner:
                continue
            if tok.pos_ == "VERB" and (tok.lemma_ in self.fragment or self._is_speech(tok)):
                subj = self._subject(tok)
                if subj is not None and subj.i not in inner and (self.actors.entities(state, subj) or subj.pos_ == "PROPN"):
                    return Claim("mixed", m.inner_start, m.inner_end, subj, self._cue(tok), tok)
                return None
            if tok.pos_ == "VERB":
                return None
        return None

    def _continued(self, doc: Doc, m: Marked, last: Claim | None) -> Claim | None:
        """A quotation standing as a sentence of its own right after a quote of the same speaker."""
        if last is None or m.words(doc.text) < 4 or m.open - last.end > 400:
            return None
        before = doc.char_span(m.open, m.open + 1, alignment_mode="expand")
        if before is None:
            return None
        sent = self._sent(before[0])
        lead = doc.text[sent.start_char:m.open].strip()
        if lead and lead not in "—-–":
            return None
        return Claim("direct", m.inner_start, m.inner_end, last.speaker, None, last.verb,
                     speaker_obj=last.speaker_obj)

    # ---- helpers ------------------------------------------------------------------------
    def _sent(self, tok: Token) -> Span:
        """The sentence of a token, cut at paragraph breaks (the parser may run a title or a
        quotation into the next paragraph)."""
        sent = tok.sent
        doc = tok.doc
        lo, hi = sent.start, sent.end
        for j in range(tok.i - 1, sent.start - 1, -1):
            if "\n" in doc[j].text or (doc[j].is_space and "\n" in doc[j].text_with_ws):
                lo = j + 1
                break
        for j in range(tok.i + 1, sent.end):
            if "\n" in doc[j].text:
                hi = j
                break
        return doc[lo:hi]

    def _chars(self, doc: Doc, lo: int, hi: int) -> tuple[int, int]:
        """Character range of tokens [lo, hi), edge punctuation trimmed (quotation marks kept when they close)."""
        while lo < hi and (doc[lo].is_space or (doc[lo].is_punct and doc[lo].text not in self.closers)):
            lo += 1
        while hi > lo and (doc[hi - 1].is_space or (doc[hi - 1].is_punct and doc[hi - 1].text not in self.closers)
                           or doc[hi - 1].text in PUNCT_EDGES):
            hi -= 1
        if hi <= lo:
            return 0, 0
        return doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)

    def _dedupe(self, claims: list[Claim]) -> list[Claim]:
        kept: list[Claim] = []
        for cl in claims:
            if any(_overlap(cl, k) >= 0.5 * min(cl.end - cl.start, k.end - k.start) for k in kept):
                continue
            kept.append(cl)
        return kept


def _overlap(a: Claim, b: Claim) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def attribute_events(events: Iterable[Event], quotes: Iterable[Quote]) -> None:
    """Events whose trigger lies inside a direct quote are reported by its speaker
    (when nothing else reports them)."""
    direct = [q for q in quotes if q.kind == "direct" and (q.speaker.key or q.speaker.name)]
    for ev in events:
        pos = ev.evidence.trigger_start
        if ev.reported_by is not None or pos is None:
            continue
        for q in direct:
            if q.start <= pos < q.end:
                sp = q.speaker
                ev.reported_by = Entity(text=sp.text, key=sp.key, role=sp.role, name=sp.name,
                                        code=f"{sp.key}{sp.role or ''}" if sp.key else None)
                break


def quotes_of_paths(paths: Iterable[str], settings, date: str | None = None, lang: str | None = None
                    ) -> Iterator[tuple[Document, list[Quote]] | DocumentRejected]:
    """Quotes of every document under `paths` (see `veille.ingest.readers.read_paths`), in order;
    rejected inputs come as errors."""
    from ..extraction import extract_paths  # the pipeline imports this module
    for item in extract_paths(paths, settings, date=date, lang=lang):
        if isinstance(item, Exception):
            yield item
        else:
            yield item.document, item.quotes


def code_quotes(data: LanguageData, actors: ActorResolver, doc: Doc, state: DocActors, doc_id: str,
                events: list[Event]) -> list[Quote]:
    """The coder's entry point: the quotes of a parsed document, and events inside direct
    quotes attributed to their speakers."""
    quotes = QuoteExtractor(data, actors).extract(doc, state, doc_id)
    attribute_events(events, quotes)
    return quotes
