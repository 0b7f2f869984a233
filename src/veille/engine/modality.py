"""Modality and attribution of an event from its trigger's clause: negated,
hypothetical, future, alleged or asserted; and who reports it ('selon X',
'X affirme que', 'a indiqué X', 'accuse X d'avoir...'). Cues are language data."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..lang import LanguageData
from .syntax import Syntax


@dataclass
class Attribution:
    modality: str
    source: Token | None = None     # the token whose entity reports the event
    embedded_in: Token | None = None  # governing speech/accuse verb


class ModalityDetector:
    def __init__(self, data: LanguageData) -> None:
        self.data = data
        self.syn = Syntax(data)
        self.speech = data.cue("speech_verbs")
        self.future_gov = data.cue("future_governors")
        self.future_noun_gov = data.cue("future_noun_governors")
        self.hypo_gov = data.cue("hypothetical_governors")
        self.intent_gov = data.cue("intent_governors")
        self.hypo_marks = data.cue("hypothetical_marks")
        self.purpose_marks = data.cue("purpose_marks")
        self.hypo_nouns = data.cue("hypothetical_nouns")
        self.hypo_verbs = data.cue("hypothetical_verbs")
        self.alleged_adv = data.cue("alleged_adverbs") | data.cue("alleged_adjectives")
        self.neg_verbs = data.cue("negation_verbs")
        self.attrib_preps = data.cue("attribution_preps")
        self.attrib_part = data.cue("attribution_participles")

    def _conditional(self, verb: Token) -> bool:
        forms = [verb, *self.syn.kids(verb, "aux", "aux_pass")]
        if verb.pos_ not in ("VERB", "AUX") and not self.syn.kids(verb, "aux", "aux_pass"):
            # a verb the tagger took for a noun has no morphology: read the conditional off its ending
            return any(verb.lower_.endswith(e) for e in self.data.cue("conditional_endings"))
        return any("Cnd" in t.morph.get("Mood") for t in forms)

    def modality(self, trigger: Token, complement_of: Token | None = None) -> str:
        """`complement_of`: a governing trigger that makes this one a claim (accuse X d'avoir...)."""
        verb = self.syn.clause_verb(trigger)
        if self.syn.negated(verb) and (verb.i == trigger.i or trigger.pos_ != "VERB"):
            return "negated"
        if trigger.pos_ == "NOUN" and any(c.lower_ in self.data.cue("negation") and self.syn.has(c, "det")
                                           for c in trigger.children):
            return "negated"
        chain = list(self.syn.governors(verb))[:3]
        if any(g.lemma_ in self.neg_verbs for g in chain[:1]):
            return "negated"
        # hypothetical: 'si', 'pourrait', 'envisage de', 'l'idée de'
        if self.syn.mark(verb) in self.hypo_marks or self._purpose(verb):
            return "hypothetical"
        if trigger.pos_ == "NOUN" and self.syn.has(trigger, "obj") and trigger.head.lemma_ in self.future_noun_gov:
            return "future"  # 'prévoit le retrait de ses troupes', 'a promis l'envoi de troupes'
        if trigger.pos_ == "NOUN":
            for g in [trigger.head, trigger.head.head]:
                if g.lemma_ in self.hypo_nouns:
                    return "hypothetical"
                if g.lemma_ in self.hypo_verbs and g.pos_ == "VERB":
                    return "hypothetical"
        gov, complement = self._governor(verb)
        if gov is not None and gov.lemma_ in self.intent_gov and complement:
            return "future"  # 'wants to help Israel', 'offered to mediate': the subject states its intent
        if gov is not None and (gov.lemma_ in self.hypo_gov or gov.lower_ in self.hypo_gov):  # a form the
            # lemmatiser gets wrong may be listed as written ('hopes', lemmatised 'hop' by en_core_web_sm)
            return "hypothetical"
        if gov is not None and gov.lemma_ in self.future_gov:
            return "future"
        if any(c.lemma_ in self.hypo_gov and self._conditional(c) for c in self.syn.kids(verb, "aux")):
            return "hypothetical"
        if any(c.lemma_ in self.data.cue("hypothetical_aux") for c in self.syn.kids(verb, "aux")):
            return "hypothetical"
        if self.syn.tense(verb) == "future":
            return "future"
        if complement_of is not None:
            return "alleged"
        if self._conditional(verb):
            return "alleged"
        if any(c.lower_ in self.alleged_adv for c in list(verb.children) + list(trigger.children)):
            return "alleged"
        return "asserted"

    def _purpose(self, verb: Token) -> bool:
        """'sont intervenus pour bloquer le cortège', 'afin d'en chasser les rebelles': an infinitive introduced by a
        purpose cue (cue 'purpose_marks', read as written since parsers hang 'afin de', 'en vue de' in many ways) is
        an aim, not an act the text asserts. A past infinitive ('condamné pour avoir frappé') is a reason: its head
        is a participle, not an infinitive."""
        if not self.purpose_marks or "Inf" not in verb.morph.get("VerbForm"):
            return False
        start = verb.i
        while start > verb.sent.start and verb.doc[start - 1].head.i == verb.i \
                and verb.doc[start - 1].pos_ in ("PRON", "ADV"):  # clitics and adverbs: 'pour ne pas les libérer'
            start -= 1
        before = " ".join(t.lower_.replace("’", "'") for t in verb.doc[max(verb.sent.start, start - 4):start])
        return any(before == m or before.endswith(" " + m) for m in self.purpose_marks)

    def _governor(self, verb: Token) -> tuple[Token | None, bool]:
        """The governor of an infinitive complement ('wants to attack', 'wants Putin to attack'), and whether the
        infinitive is its complement proper (xcomp)."""
        # ('pressured by Congress to help Iran': the small English parser hangs some of them as adverbials)
        infinitive = (self.syn.has(verb, "ccomp") or self.syn.has(verb, "advcl")) and "Inf" in verb.morph.get("VerbForm")
        # 'souhaite maintenir des sanctions, mais finalement les supprimer': an infinitive the parser coordinated
        # with the finite governor of its conjunct is that governor's complement
        loose = (self.syn.has(verb, "conj") and "Inf" in verb.morph.get("VerbForm")
                 and "Fin" in verb.head.morph.get("VerbForm"))
        complement = self.syn.has(verb, "xcomp") or loose
        return (verb.head if verb.head.i != verb.i and (complement or infinitive) else None), complement

    def wished(self, trigger: Token) -> bool:
        """'souhaite ... supprimer les sanctions': an act its actor wishes for (cue 'wish_governors'); an intent
        the text reports, however uncertain."""
        gov, complement = self._governor(self.syn.clause_verb(trigger))
        wish = self.data.cue("wish_governors")
        return gov is not None and complement and (gov.lemma_ in wish or gov.lower_ in wish)

    def reporter(self, trigger: Token) -> tuple[Token | None, bool]:
        """(token naming who reports the event, whether it is a speech-verb embedding) or (None, False)."""
        verb = self.syn.clause_verb(trigger)
        # 'X affirme que ...': the event is in a clause under a speech verb
        t = verb
        for _ in range(4):
            if t.head.i == t.i:
                break
            if (self.syn.has(t, "ccomp") or self.syn.has(t, "parataxis")) and t.head.lemma_ in self.speech:
                subj = self.syn.subjects(t.head)
                if subj:
                    return subj[0], True
            t = t.head
        sent = trigger.sent
        # 'selon X', 'd'après X'
        for tok in sent:
            if tok.lower_ in self.attrib_preps and self.syn.has(tok, "case"):
                return tok.head, False
            if tok.lower_ in self.attrib_preps and self.syn.obliques(tok):  # the cue heads its object ('according to X')
                return self.syn.obliques(tok)[0], False
        # '..., a indiqué X' / 'cité par X' anywhere in the sentence, not governing the trigger's subject
        for tok in sent:
            if tok.lemma_ in self.speech and tok.pos_ == "VERB" and tok.i > verb.i and tok.i != trigger.i:
                subj = self.syn.subjects(tok)
                if subj and subj[0].i > tok.i:  # inverted subject: an incise after the reported words
                    return subj[0], False
        return None, False
