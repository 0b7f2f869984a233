"""Reporting verbs in a parse: which tokens are speech verbs (lemma, surface form when the
lemmatiser fails, 'faire savoir'), the clause or infinitive they introduce, their subject
(inverted '-t-il', 'comme le précise X', participles), and the cue text."""
from __future__ import annotations

from spacy.tokens import Span, Token

from .quotes_cues import QuoteCues
from .syntax import Syntax


class SpeechSyntax:
    def __init__(self, cues: QuoteCues, syn: Syntax) -> None:
        self.cues = cues
        self.syn = syn
        single = {v for v in cues.speech_verbs if " " not in v}
        self.speech = single - cues.feeling_verbs
        # 'faire savoir', 'laisser entendre': last word -> words before it; 'se dire': reflexive uses
        self.multi: dict[str, set[str]] = {}
        self.reflexive: set[str] = set()
        for v in cues.speech_verbs - single:
            first, last = v.rsplit(" ", 1)
            if first.lower() in cues.reflexive_clitics or first.endswith("'"):
                self.reflexive.add(last)
            else:
                self.multi.setdefault(last, set()).add(first)
        self.fragment = cues.fragment_verbs | self.speech

    def is_speech(self, tok: Token) -> bool:
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
        # a surface form counts only where the lemmatiser gave up ('indique' -> 'indique')
        return lemma in self.speech or (lemma.lower() == tok.lower_ and tok.lower_ in self.cues.speech_forms)

    def reflexive_speech(self, verb: Token) -> bool:
        """'se dit optimiste'"""
        return verb.lemma_ in self.reflexive and any(c.lower_ in self.cues.reflexive_clitics for c in verb.children)

    def complement(self, verb: Token) -> tuple[int, int] | None:
        """Token range [lo, hi) of the clause a reporting verb introduces, without 'que'."""
        comps = self.cues.complementizers
        for c in verb.children:
            if c.i < verb.i or (c.lemma_ in self.multi and verb.lemma_ in self.multi[c.lemma_]):
                continue
            marks = [m for m in c.children if self.syn.has(m, "mark") and m.lower_ in comps and m.i < c.i]
            if marks and (self.syn.has(c, "ccomp") or c.dep_ in self.clause_labels()):
                lo = marks[0].i + 1
                return lo, self.right(c, verb)
            if self.syn.has(c, "ccomp") and (c.pos_ in ("VERB", "AUX") or self.syn.kids(c, "cop", "subj")):
                lo = c.left_edge.i
                between = [t for t in verb.doc[verb.i + 1:c.i] if t.lower_ in comps]
                if between:
                    lo = between[0].i + 1
                if lo > verb.i:
                    return lo, self.right(c, verb)
            if self.reflexive_speech(verb) and c.pos_ in ("ADJ",) and not self.syn.has(c, "subj"):
                return c.i, self.right(c, verb)
            if c.i > verb.i and self.infinitive(c) and (self.syn.has(c, "xcomp") or self.inf_mark(c)) \
                    and c.dep_ in self.clause_labels() | self.syn._labels.get("xcomp", frozenset()):
                return c.left_edge.i, self.right(c, verb)
        return self.surface_complement(verb)

    def surface_complement(self, verb: Token) -> tuple[int, int] | None:
        """When the parse hides the clause: 'que' right after the verb (adverbs aside) opens it,
        and it runs to the end of the sentence."""
        doc = verb.doc
        sent_end = self.sent(verb).end
        for j in range(verb.i + 1, min(verb.i + 4, sent_end)):
            t = doc[j]
            if t.lower_ in self.cues.complementizers:
                if j + 1 < sent_end:
                    return j + 1, sent_end
                return None
            if t.pos_ not in ("ADV",) and not t.is_punct:
                return None
        return None

    def clause_labels(self) -> frozenset[str]:
        labels = self.syn._labels
        return frozenset().union(*(labels.get(k, frozenset()) for k in ("ccomp", "obj", "advcl", "xcomp", "obl", "acl")))

    def infinitive(self, tok: Token) -> bool:
        return any("Inf" in t.morph.get("VerbForm") for t in (tok, *self.syn.kids(tok, "aux", "aux_pass")))

    def inf_mark(self, tok: Token) -> bool:
        return any(m.lower_ in self.cues.infinitive_marks for m in self.syn.kids(tok, "mark", "case"))

    def right(self, comp: Token, verb: Token) -> int:
        """End of a complement clause: its subtree, stopping at a later incise of the same verb."""
        hi = comp.right_edge.i + 1
        return hi

    def subject(self, verb: Token) -> Token | None:
        subj = [s for s in self.syn.subjects(verb) if s.lower_ not in ("-t", "-t-") and not s.is_punct
                and not (s.i == verb.head.i and self.participle(verb))]  # not the noun a participle hangs on
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

    def participle(self, verb: Token) -> bool:
        """'..., indiquant les avoir arrêtées': a participle, not a relative clause."""
        return self.syn.has(verb, "acl") and "Part" in verb.morph.get("VerbForm") and not any(
            c.lower_ in self.cues.relative_pronouns for c in verb.children)

    def cue(self, verb: Token, extra: Token | None = None) -> str:
        doc = verb.doc
        lo = min([verb.i] + [a.i for a in self.syn.kids(verb, "aux", "aux_pass") if a.i < verb.i])
        if extra is not None:
            lo = min(lo, extra.i)
        return doc[lo:verb.i + 1].text

    def sent(self, tok: Token) -> Span:
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
