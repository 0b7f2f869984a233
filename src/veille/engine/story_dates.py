"""Dates the article gives a mention elsewhere (coding guide 6: an event's date is the day it
happened). A mention whose sentence has no date expression is not necessarily of the
publication day: the article often dates the same event in another sentence (the lead tells
the story, the body dates it) or frames a paragraph with an opening date."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..lang import LanguageData
from ..records import Event, Timex
from .dating import EventDater
from .syntax import Syntax
from .timex import event_date

# '19 septembre 2016. –', '3 mars (AFP) -': a dateline's date is the publication's, no event's.
_DATELINE_END = re.compile(r"\s*[.,]?\s*[-–—(]")
# what may stand before a paragraph's opening date: 'On March 2', '« Le 2 mars'
_FUNCTION = frozenset({"ADP", "DET", "PUNCT", "SPACE", "CCONJ"})


class StoryDater:
    def __init__(self, data: LanguageData, syn: Syntax, dater: EventDater) -> None:
        self.data = data
        self.syn = syn
        self.dater = dater
        self.sequence = data.cue("sequence_adverbs")

    def share(self, events: list[Event], triggers: list[Token], timexes: list[Timex], pub_date: str | None,
              body_start: int = 0) -> None:
        """A mention in a sentence with no date expression (so precision 'publication') that is told as done
        (asserted or alleged), is no state ('assiégé depuis deux ans') and no next step ('parviennent
        ensuite à prendre', `sequence_adverbs` in cues.json) takes the date the
        article gives the same event elsewhere:
        1. the first dated mention of the same event (actor, recipient, type; with no recipient,
           also the same word): 'après une visite de deux jours' after 'arrivée mardi', or a
           lead's 'l'offensive des FDS' dated below;
        2. else the narration's time frame: an expression that opens a sentence ('Le vendredi 2
           mars, deux attaques ont eu lieu ... Les forces ont riposté', 'En janvier 2017, les
           forces sont coupées en deux ... l'aviation réussit à ravitailler les combattants')
           dates the later sentences of its paragraph told in the same tense; a change of tense
           ('La Corée du Sud accuse ...' after a past episode), the conditional of a reported
           claim ('Daech aurait mobilisé ...'), another day or the paragraph's end ends the frame;
        3. else, for a mention in the lead (the first paragraph of the body), the first dated
           account of the same kind of event below it that is no other event's (a word of the
           same type with no event coded on it): the lead 'a frappé les forces du régime', the
           body 'Le 17 septembre, une frappe aérienne tue 60 soldats';
        4. else, for a mention told in the past below the lead, the lead's episode date when the
           lead's first sentence dates its own clause and names a person of the mention: 'Sept
           ambassadeurs ont remis leurs lettres de créance au Président Pierre Nkurunziza, hier,
           20 octobre ... Anne S. Casper a rencontré Pierre Nkurunziza'.
        `body_start` is where the body begins (after a title line). Future, hypothetical and negated mentions keep the publication date."""
        if not events:
            return
        doc = triggers[0].doc
        dated: dict[tuple, Event] = {}
        for ev, trigger in zip(events, triggers):
            if ev.date_precision != "publication":
                dated.setdefault(_identity(ev, trigger), ev)
        frames = self._paragraph_frames(doc, timexes)
        sents = list(doc.sents) if frames else []
        lead = self._lead(doc, body_start)
        coded = frozenset(t.i for t in triggers)
        episode = self._lead_episode(doc, lead, timexes, pub_date, coded)
        for ev, trigger in zip(events, triggers):
            if ev.date_precision != "publication" or ev.modality not in ("asserted", "alleged"):
                continue
            if self._sentence_dated(trigger.sent, timexes):
                continue  # its sentence dates other things: no sign that it continues another mention
            if self._in_state(trigger, timexes) or self._sequenced(trigger):
                continue
            other = dated.get(_identity(ev, trigger))
            if other is not None:
                ev.date, ev.date_end, ev.date_precision = other.date, other.date_end, other.date_precision
                continue
            frame = self._frame_of(trigger, frames, sents, timexes)
            if frame is not None:
                ev.date, ev.date_precision = frame
                ev.date_end = None
            elif lead[0] <= trigger.idx < lead[1]:
                got = self._account_below(doc, ev.type, lead[1], coded, timexes, pub_date)
                if got is not None:
                    ev.date, ev.date_end, ev.date_precision = got
            elif episode is not None and trigger.idx >= episode[0].end_char and self._same_person(ev, episode[0]) \
                    and self._tense(self.syn.clause_verb(trigger)) == "past":
                ev.date, ev.date_end, ev.date_precision = episode[1]

    def _lead_episode(self, doc: Doc, lead: tuple[int, int], timexes: list[Timex], pub_date: str | None,
                      coded: frozenset[int]) -> tuple[Span, tuple[str, str | None, str]] | None:
        """The lead's first sentence with a verb and the date of its main clause, when an expression
        of its own gives one (a dateline is none)."""
        text = doc.text  # rebuilt from every token at each access
        own = [t for t in timexes if not _DATELINE_END.match(text, t.end)]
        for sent in doc.sents:
            if lead[0] <= sent.start_char < lead[1] and any(t.pos_ in ("VERB", "AUX") for t in sent):
                got = self.dater.date_of(sent.root, own, pub_date, coded)
                return (sent, got) if got[2] != "publication" else None
        return None

    @staticmethod
    def _same_person(ev: Event, sent: Span) -> bool:
        """A person of the event (an entity with a name) is named in `sent`, by the last word of
        the name ('Pierre Nkurunziza', 'le Président Nkurunziza')."""
        words = {t.text for t in sent if t.pos_ == "PROPN"}
        return any(e is not None and e.name and e.org is None and e.name.split()[-1] in words
                   for e in (ev.actor, ev.recipient))

    @staticmethod
    def _lead(doc: Doc, body_start: int) -> tuple[int, int]:
        """(start, end) offsets of the first paragraph of the body that has a verb (a dateline
        line alone is no lead)."""
        for tok in doc:
            if tok.idx >= body_start and tok.pos_ in ("VERB", "AUX"):
                text = doc.text
                start = text.rfind("\n", 0, tok.idx) + 1
                end = text.find("\n", tok.idx)
                return start, len(text) if end < 0 else end
        return 0, 0

    def _account_below(self, doc: Doc, typ: str, after: int, coded: frozenset[int], timexes: list[Timex],
                       pub_date: str | None) -> tuple[str, str | None, str] | None:
        """Date of the first event word of type `typ` after offset `after` that carries no coded event
        and has a date of its own."""
        for tok in doc:
            if tok.idx < after or tok.i in coded or tok.pos_ not in ("NOUN", "VERB"):
                continue
            lemma = self.syn.verb_lemma(tok) if tok.pos_ == "VERB" else tok.lemma_
            if not any(e.type == typ for e in self.data.entries(lemma, tok.pos_)):
                continue
            got = self.dater.date_of(tok, timexes, pub_date, coded)
            if got[2] != "publication":
                return got
        return None

    def _sentence_dated(self, sent: Span, timexes: list[Timex]) -> bool:
        """The sentence has a date expression, other than one of a clause describing a noun ('Anne
        Casper (née en 1965) et nommée en septembre, qui a rencontré ...')."""
        for t in timexes:
            if sent.start_char <= t.start < sent.end_char and event_date(t):
                tok = self.dater.token_at(sent.doc, t.start)
                verb = next((g for g in self.syn.governors(tok) if g.pos_ == "VERB"), None) if tok is not None else None
                if verb is None or not self._describes_participant(verb):
                    return True
        return False

    def _describes_participant(self, verb: Token) -> bool:
        """A clause describing a noun that names no event ('Casper, nommée en septembre')."""
        head = verb.head
        return (self.dater.describes_noun(verb) and head.pos_ in ("NOUN", "PROPN")
                and not self.data.entries(head.lemma_, head.pos_))

    def _in_state(self, trigger: Token, timexes: list[Timex]) -> bool:
        """The mention's clause or noun carries a 'depuis'/'since' expression: a state, not a dated act."""
        sent = trigger.sent
        frame = {trigger.i, self.syn.clause_verb(trigger).i}
        for t in timexes:
            if sent.start_char <= t.start < sent.end_char and self.dater.since(trigger.doc, t):
                tok = self.dater.token_at(trigger.doc, t.start)
                verb = next((g for g in self.syn.governors(tok) if g.i in frame or g.pos_ == "VERB"), None)
                if verb is not None and verb.i in frame:  # the first verb above it is this mention's
                    return True
        return False

    def _sequenced(self, trigger: Token) -> bool:
        """'parviennent ensuite à prendre', 'later seized': a next step of the story, not the
        mention or the moment told before it."""
        heads = [trigger, self.syn.clause_verb(trigger), *self.syn.governors(trigger)]
        words = [t for h in heads for t in h.children if t.i != trigger.i]
        for w in words:  # an adverb, or an adverb inside an adverbial ('ensuite rapidement')
            phrase = trigger.doc[w.left_edge.i:w.right_edge.i + 1]
            if phrase.text.lower() in self.sequence or (w.pos_ == "ADV" and any(
                    t.lower_ in self.sequence for t in phrase)):
                return True
        return False

    def _paragraph_frames(self, doc: Doc, timexes: list[Timex]) -> list[tuple[int, int, int, str, str, str | None]]:
        """(paragraph start, sentence start, sentence end, date, precision, tense) of each sentence that
        opens with a date expression: only function words before it ('Le 2 mars, ...', 'On March 2,
        ...', 'En janvier 2017, ...'), no verb. A dateline or a clock time is none."""
        frames = []
        text = doc.text
        for t in timexes:
            got = event_date(t)
            if got is None or t.type != "DATE" or self.dater.since(doc, t) or _DATELINE_END.match(text, t.end):
                continue  # a clock time ('Vers 7h40, ...') takes its day from elsewhere: it frames nothing
            tok = self.dater.token_at(doc, t.start)
            if tok is None:
                continue
            sent = tok.sent
            if any(w.pos_ not in _FUNCTION for w in doc[sent.start:tok.i]):
                continue
            if frames and frames[-1][1] == sent.start_char:
                continue  # the sentence's first expression frames it
            para = text.rfind("\n", 0, sent.start_char) + 1 if text[sent.start_char:sent.start_char + 1] != "\n" \
                else sent.start_char
            frames.append((para, sent.start_char, sent.end_char, got[0], got[1], self._tense(sent.root)))
        return frames

    def _frame_of(self, trigger: Token, frames: list, sents: list, timexes: list[Timex]) -> tuple[str, str] | None:
        """The narrative frame that dates `trigger`: the last sentence of its paragraph before it that
        opens with a date, when every sentence from there to the trigger's keeps that tense (a
        verbless one keeps it too) and gives no date of its own."""
        para = trigger.doc.text.rfind("\n", 0, trigger.idx) + 1
        before = [f for f in frames if f[0] == para and f[2] <= trigger.idx]
        if not before:
            return None
        _, _, end, date, precision, tense = before[-1]
        if tense is None or self._tense(trigger.sent.root) != tense or self._conditional(trigger.sent.root) \
                or self._conditional(self.syn.clause_verb(trigger)):
            return None
        for sent in sents:
            if end <= sent.start_char < trigger.sent.start_char and (
                    self._tense(sent.root) not in (tense, None) or self._conditional(sent.root)
                    or self._other_day(sent, timexes, date)):
                return None
        return date, precision

    def _tense(self, verb: Token) -> str | None:
        """The clause's tense, a passive read from its auxiliary: 'sont coupées' is present, 'ont été
        coupées' and 'were cut' past."""
        passive = self.syn.kids(verb, "aux_pass")
        if not passive:
            return self.syn.tense(verb)
        if self.syn.kids(verb, "aux") and any(a.i not in {p.i for p in passive} for a in self.syn.kids(verb, "aux")):
            return self.syn.tense(verb)  # a compound passive ('a été coupée'): its tense auxiliary decides
        return self.syn.tense(passive[0]) or self.syn.tense(verb)

    def _conditional(self, verb: Token) -> bool:
        """A clause in the conditional ('Daech aurait mobilisé 4 000 hommes'): a reported claim, not
        the narration."""
        return any("Cnd" in t.morph.get("Mood") for t in (verb, *self.syn.kids(verb, "aux", "aux_pass", "cop")))

    def _other_day(self, sent: Span, timexes: list[Timex], day: str) -> bool:
        """The sentence dates something on another day than `day` (its own expressions of the
        frame's day, 'à la mi-journée', keep the frame)."""
        if not self._sentence_dated(sent, timexes):
            return False
        for t in timexes:
            if sent.start_char <= t.start < sent.end_char:
                got = event_date(t)
                if got is not None and not got[0].startswith(day) and not day.startswith(got[0]):
                    return True
        return False


def _identity(ev: Event, trigger: Token) -> tuple:
    """What makes two mentions one event: actor, recipient and type; with no recipient (a
    generic 'FRA AGREE') also the same word ('l'attentat' ... 'l'attentat du 19 décembre')."""
    recipient = ev.recipient.key if ev.recipient else None
    return ev.actor.key, recipient, ev.type, None if recipient else trigger.lemma_.lower()
