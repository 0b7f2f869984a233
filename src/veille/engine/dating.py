"""Give each event its own date: the temporal expression that governs its clause
or noun, else the nearest in its sentence that belongs to no other event, else the
publication date (precision 'publication'). 'arrivée mardi et repartie jeudi' gives
a range."""
from __future__ import annotations

import bisect
import datetime as dt

from spacy.tokens import Doc, Token

from ..lang import LanguageData
from ..records import Event, Timex
from .syntax import Syntax
from .timex import event_date, tag_dates


class EventDater:
    def __init__(self, data: LanguageData, syn: Syntax) -> None:
        self.data = data
        self.syn = syn
        self.range_verbs = data.cue("range_end_verbs")
        self.range_preps = data.cue("range_end_preps")
        self.relative_preps = data.cue("relative_time_preps")
        self.since_preps = data.cue("since_preps")
        self.sequence = data.cue("sequence_adverbs")

    def timexes(self, doc: Doc, pub_date: str | None) -> list[Timex]:
        starts = [t.idx for t in doc]

        def tense_at(offset: int) -> str | None:
            i = max(0, bisect.bisect_right(starts, offset) - 1)
            if not len(doc):
                return None
            return self.syn.tense(self.syn.clause_verb(doc[i]))

        return list(tag_dates(doc.text, pub_date, self.data.lang, tense_at))

    def _token_at(self, doc: Doc, offset: int) -> Token | None:
        span = doc.char_span(offset, offset + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def since(self, doc: Doc, t: Timex) -> bool:
        """An expression introduced by 'depuis'/'since' ('affrontent depuis 2012', 'encerclés depuis
        juillet 2014'): the start of a state, not the date of an event."""
        tok = self._token_at(doc, t.start)
        return tok is not None and tok.i > 0 and doc[tok.i - 1].lower_ in self.since_preps

    def relative(self, trigger: Token) -> bool:
        """A noun trigger introduced by 'après'/'avant' ('a appelé vendredi ..., après une visite'): the
        clause's date is not its own."""
        return trigger.pos_ != "VERB" and any(c.lower_ in self.relative_preps for c in self.syn.kids(trigger, "case"))

    def _owner(self, tok: Token, trigger: Token, clause: Token, triggers: frozenset[int]) -> Token | None:
        """The event word an expression modifies: the first governor that is the trigger, its
        clause, a verb, or an event noun (another event's trigger, or a noun of the lexicon)."""
        for g in self.syn.governors(tok):
            if g.i in (trigger.i, clause.i):
                return g
            if g.pos_ == "VERB" or g.i in triggers or (g.pos_ == "NOUN" and self.data.entries(g.lemma_, "NOUN")):
                return g
        return None

    def _describes_noun(self, verb: Token) -> bool:
        """A clause that describes a noun: an adnominal clause, a bare participle ('nommée en
        septembre', 'née en 1965', however the parser attaches it), or a relative clause ('qui
        ont coûté la vie ... le 16 février'). Read from labels and UD morphology."""
        if self.syn.has(verb, "acl"):
            return True
        if "Part" in verb.morph.get("VerbForm") and not self.syn.kids(verb, "aux", "aux_pass", "cop"):
            return True
        return any("Rel" in s.morph.get("PronType") for s in self.syn.kids(verb, "subj", "pass_subj"))

    def date_of(self, trigger: Token, timexes: list[Timex], pub_date: str | None,
                triggers: frozenset[int] = frozenset()) -> tuple[str, str | None, str]:
        """(date, date_end, precision) of the event `trigger` names. `triggers` are the token
        indices of the document's other event triggers.

        1. an expression that governs the trigger's clause or noun ('a frappé mardi',
           'l'offensive du 24 août'), the nearest if several;
        2. else the nearest expression of the sentence that is free: it opens the sentence
           before any verb ('Vers 9 h 30, ...') or modifies a clause that contains the trigger
           (the sentence's time frame: 'Le 17 septembre, X a annoncé avoir frappé Y'), no event
           word at all, or a verb that is no event and modifies no noun ('parvenus à un accord
           pour s'unir lundi'). An expression of another event ('lors de sa visite du 3 mai',
           'a annoncé qu'il attaquerait mardi') or of a clause describing a noun ('nommée en
           septembre, qui a rencontré', 'née en 1965') is not this event's date;
        3. else the publication date, precision 'publication'.
        An expression introduced by 'depuis'/'since' starts a state and dates no event."""
        sent = trigger.sent
        doc = trigger.doc
        cands = [t for t in timexes if sent.start_char <= t.start < sent.end_char and event_date(t)
                 and not self.since(doc, t)]
        if self.relative(trigger):
            inside = (trigger.left_edge.idx, trigger.right_edge.idx + len(trigger.right_edge.text))
            cands = [t for t in cands if inside[0] <= t.start < inside[1]]
        if not cands:
            return self._publication(pub_date)
        clause = self.syn.clause_verb(trigger)
        frame = {trigger.i, clause.i} | {g.i for g in self.syn.governors(trigger)}

        def owner(t: Timex) -> Token | None:
            tok = self._token_at(doc, t.start)
            if tok is None:
                return None
            inside = {x.i for x in doc.char_span(t.start, t.end, alignment_mode="expand") or ()}
            own = self._owner(tok, trigger, clause, triggers)
            while own is not None and own.i in inside:  # a word of the expression itself
                own = self._owner(own, trigger, clause, triggers)
            return own

        def distance(t: Timex) -> int:
            return min(abs(t.start - trigger.idx), abs(t.end - trigger.idx))

        first_verb = next((t.idx for t in sent if t.pos_ in ("VERB", "AUX")), sent.end_char)

        def free(t: Timex) -> bool:
            own = owners[id(t)]
            if own is None or own.i in frame or t.end <= first_verb:
                return True
            if own.i in triggers or self.data.entries(own.lemma_, own.pos_):
                return False  # another event's
            return own.pos_ == "VERB" and not self._describes_noun(own)

        owners = {id(t): owner(t) for t in cands}
        governing = [t for t in cands if owners[id(t)] is not None and owners[id(t)].i in (trigger.i, clause.i)]
        chosen = governing or [t for t in cands if free(t)]
        if not chosen:
            return self._publication(pub_date)
        best = min(chosen, key=distance)
        date, precision = event_date(best)
        if best.value_end:
            end_timex = Timex(best.start, best.end, best.text, best.type, best.value_end, best.precision)
            got = event_date(end_timex)
            date_end = got[0] if got else None
        else:
            date_end = self._range_end(doc, best, cands)
        return date, date_end, precision

    def _range_end(self, doc: Doc, first: Timex, cands: list[Timex]) -> str | None:
        """A later expression of the same sentence introduced by a departure verb or 'au'/'jusqu'au'."""
        for t in cands:
            if t.start <= first.end:
                continue
            tok = self._token_at(doc, t.start)
            if tok is None:
                continue
            window = doc[max(0, tok.i - 3):tok.i]
            if any(w.lemma_ in self.range_verbs or w.lower_ in self.range_verbs or w.lower_ in self.range_preps
                   for w in window):
                got = event_date(t)
                if got and got[1] == event_date(first)[1]:
                    return got[0]
        return None

    # ---- dates the article gives a mention elsewhere ---------------------------------------
    def share(self, events: list[Event], triggers: list[Token], timexes: list[Timex]) -> None:
        """A mention in a sentence with no date expression (so precision 'publication') that is told as done
        (asserted or alleged), is no state ('assiégé depuis deux ans') and no next step ('parviennent
        ensuite à prendre', `sequence_adverbs` in cues.json) takes the date the
        article gives the same event elsewhere:
        1. the first dated mention of the same event (actor, recipient, type): 'après une visite
           de deux jours' after 'arrivée mardi', or a lead's 'l'offensive des FDS' dated below;
        2. else its paragraph's time frame: an expression that opens the paragraph ('Le vendredi
           2 mars, deux attaques ont eu lieu ... Les forces ont riposté') dates the later
           sentences of that paragraph told in the same tense; a change of tense ('La Corée du
           Sud accuse ...' after a past episode) ends the frame.
        Future, hypothetical and negated mentions keep the publication date."""
        if not events:
            return
        doc = triggers[0].doc
        dated: dict[tuple, Event] = {}
        for ev in events:
            if ev.date_precision != "publication":
                dated.setdefault(_triple(ev), ev)
        frames = self._paragraph_frames(doc, timexes)
        sents = list(doc.sents) if frames else []
        for ev, trigger in zip(events, triggers):
            if ev.date_precision != "publication" or ev.modality not in ("asserted", "alleged"):
                continue
            sent = trigger.sent
            if any(sent.start_char <= t.start < sent.end_char and event_date(t) for t in timexes):
                continue  # its sentence dates other things: no sign that it continues another mention
            if self._in_state(trigger, timexes) or self._sequenced(trigger):
                continue
            other = dated.get(_triple(ev))
            if other is not None:
                ev.date, ev.date_end, ev.date_precision = other.date, other.date_end, other.date_precision
                continue
            frame = self._frame_of(trigger, frames, sents)
            if frame is not None:
                ev.date, ev.date_precision = frame
                ev.date_end = None

    def _in_state(self, trigger: Token, timexes: list[Timex]) -> bool:
        """The mention's clause or noun carries a 'depuis'/'since' expression: a state, not a dated act."""
        sent = trigger.sent
        frame = {trigger.i, self.syn.clause_verb(trigger).i}
        for t in timexes:
            if sent.start_char <= t.start < sent.end_char and self.since(trigger.doc, t):
                tok = self._token_at(trigger.doc, t.start)
                if tok is not None and any(g.i in frame for g in self.syn.governors(tok)):
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

    def _paragraph_frames(self, doc: Doc, timexes: list[Timex]) -> dict[int, tuple[int, str, str, str | None]]:
        """{paragraph start offset: (end of the framed sentence, date, precision, tense)} for each
        paragraph whose first sentence opens with a date expression, before any verb."""
        frames: dict[int, tuple[int, str, str, str | None]] = {}
        text = doc.text
        for t in timexes:
            para = text.rfind("\n", 0, t.start) + 1
            got = event_date(t)
            if got is None or para in frames or self.since(doc, t) or text[para:t.start].strip(" \t\"«(-–—"):
                continue
            tok = self._token_at(doc, t.start)
            if tok is None:
                continue
            sent = tok.sent
            if any(w.pos_ in ("VERB", "AUX") for w in doc[sent.start:tok.i]):
                continue
            frames[para] = (sent.end_char, got[0], got[1], self.syn.tense(sent.root))
        return frames

    def _frame_of(self, trigger: Token, frames: dict, sents: list) -> tuple[str, str] | None:
        """The paragraph frame that dates `trigger`: its sentence comes after the framed one and
        every sentence up to it keeps the framed tense (a verbless one keeps it too)."""
        para = trigger.doc.text.rfind("\n", 0, trigger.idx) + 1
        frame = frames.get(para)
        if frame is None or trigger.idx < frame[0]:
            return None
        end, date, precision, tense = frame
        if tense is None or self.syn.tense(trigger.sent.root) != tense:
            return None
        for sent in sents:
            if end <= sent.start_char <= trigger.idx and self.syn.tense(sent.root) not in (tense, None):
                return None
        return date, precision

    @staticmethod
    def _publication(pub_date: str | None) -> tuple[str, None, str]:
        # Without a publication date the reference is the processing day (documented in the README).
        return (pub_date or dt.date.today().isoformat()), None, "publication"


def _triple(ev: Event) -> tuple:
    return ev.actor.key, ev.recipient.key if ev.recipient else None, ev.type
