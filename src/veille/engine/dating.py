"""Give each event its own date: the temporal expression that governs its clause
or noun, else the nearest in its sentence that belongs to no other event, else the
publication date (precision 'publication'). 'arrivée mardi et repartie jeudi' gives
a range."""
from __future__ import annotations

import bisect
import datetime as dt

from spacy.tokens import Doc, Token

from ..lang import LanguageData
from ..records import Timex
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

    def timexes(self, doc: Doc, pub_date: str | None) -> list[Timex]:
        starts = [t.idx for t in doc]

        def tense_at(offset: int) -> str | None:
            i = max(0, bisect.bisect_right(starts, offset) - 1)
            if not len(doc):
                return None
            return self.syn.tense(self.syn.clause_verb(doc[i]))

        return list(tag_dates(doc.text, pub_date, self.data.lang, tense_at))

    def token_at(self, doc: Doc, offset: int) -> Token | None:
        span = doc.char_span(offset, offset + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def since(self, doc: Doc, t: Timex) -> bool:
        """An expression introduced by 'depuis'/'since' ('affrontent depuis 2012', 'encerclés depuis
        juillet 2014'): the start of a state, not the date of an event."""
        tok = self.token_at(doc, t.start)
        return tok is not None and tok.i > 0 and doc[tok.i - 1].lower_ in self.since_preps

    def relative(self, trigger: Token) -> bool:
        """A noun trigger introduced by 'après'/'avant' ('a appelé vendredi ..., après une visite'): the
        clause's date is not its own."""
        if trigger.pos_ == "VERB":
            return False
        return self.syn.prep(trigger) in self.relative_preps or any(
            c.lower_ in self.relative_preps for c in self.syn.kids(trigger, "case"))

    def _owner(self, tok: Token, trigger: Token, clause: Token, triggers: frozenset[int]) -> Token | None:
        """The event word an expression modifies: the first governor that is the trigger, its
        clause, a verb, or an event noun (another event's trigger, or a noun of the lexicon)."""
        for g in self.syn.governors(tok):
            if g.i in (trigger.i, clause.i):
                return g
            if g.pos_ == "VERB" or g.i in triggers or (g.pos_ == "NOUN" and self.data.entries(g.lemma_, "NOUN")):
                return g
        return None

    def describes_noun(self, verb: Token) -> bool:
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
           'l'offensive du 24 août', 'les embuscades, qui ont coûté la vie ... le 16 février'),
           the nearest if several;
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
            tok = self.token_at(doc, t.start)
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
            if own.pos_ != "VERB":
                return False
            if not self.describes_noun(own):
                return True
            # the occasion of the clause, dated by what describes it: 'Dans une interview publiée
            # vendredi, X a indiqué ...' (an oblique of the frame, not a participant: 'Casper,
            # nommée en septembre, a rencontré ...')
            noun = own.head
            anchor = noun.head.head if noun.head.pos_ == "ADP" else noun.head  # 'in an interview': via the preposition
            return noun.i != own.i and anchor.i in frame and self.syn.has(noun, "obl") and not self.syn.has(noun, "subj")

        owners = {id(t): owner(t) for t in cands}
        def governs(own: Token | None) -> bool:
            # a clause describing the trigger noun, with no event of its own, dates it: 'les
            # embuscades, qui ont coûté la vie à quatre soldats le 16 février'
            return own is not None and (own.i in (trigger.i, clause.i) or (
                trigger.pos_ != "VERB" and own.head.i == trigger.i and self.describes_noun(own)
                and own.i not in triggers and not self.data.entries(own.lemma_, own.pos_)))

        governing = [t for t in cands if governs(owners[id(t)])]
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
            tok = self.token_at(doc, t.start)
            if tok is None:
                continue
            window = doc[max(0, tok.i - 3):tok.i]
            if any(w.lemma_ in self.range_verbs or w.lower_ in self.range_verbs or w.lower_ in self.range_preps
                   for w in window):
                got = event_date(t)
                if got and got[1] == event_date(first)[1]:
                    return got[0]
        return None

    @staticmethod
    def _publication(pub_date: str | None) -> tuple[str, None, str]:
        # Without a publication date the reference is the processing day (documented in the README).
        return (pub_date or dt.date.today().isoformat()), None, "publication"
