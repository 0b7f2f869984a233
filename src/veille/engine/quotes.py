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
from .quotes_speakers import SpeakerResolver
from .quotes_syntax import SpeechSyntax
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
        self.sx = SpeechSyntax(self.cues, self.syn)
        self.speakers = SpeakerResolver(data, actors, self.cues, self.syn)
        self.closers = {cl for _, cl in self.cues.marks} | {o for o, _ in self.cues.marks}
        self._state: DocActors | None = None

    # ---- public -------------------------------------------------------------------------
    def extract(self, doc: Doc, state: DocActors, doc_id: str) -> list[Quote]:
        text = doc.text
        self._state = state
        self.speakers.reset()
        marked = find_marked(text, self.cues.marks)
        incises = self._incises(doc)
        claims: list[Claim] = []
        claims += self._clauses(doc)
        claims += self._sources(doc, state)
        claims += self._incise_claims(doc, text, incises, marked)
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
        claims += self._marked_claims(doc, text, state, [m for m in marked if m.open not in used], incises, claims)
        claims.sort(key=lambda c: c.start)
        sent_starts = [s.start_char for s in doc.sents]
        out = []
        for cl in claims:
            speaker = cl.speaker_obj or self.speakers.speaker(state, cl.speaker, cl.verb)
            if speaker is None:
                continue
            cl.speaker_obj = speaker
            sentence = max((i for i, s in enumerate(sent_starts) if s <= cl.start), default=0)
            out.append(Quote(doc_id=doc_id, kind=cl.kind, content=text[cl.start:cl.end], start=cl.start, end=cl.end,
                             cue=cl.cue, speaker=speaker, sentence=sentence))
        return out

    # ---- reported clauses: 'X affirme que ...', 'X dit regretter ...' -------------------
    def _clauses(self, doc: Doc) -> list[Claim]:
        out = []
        for verb in doc:
            if not self.sx.is_speech(verb):
                continue
            comp = self.sx.complement(verb)
            if comp is None:
                continue
            lo, hi = comp
            subj = self.sx.subject(verb)
            start, end = self._chars(doc, lo, hi)
            if end > start:
                out.append(Claim("indirect", start, end, subj, self.sx.cue(verb), verb))
        return out

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
            sent = self.sx.sent(x)
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
                    hi = self.sx.sent(doc[hi]).end
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
        cases = [c for c in self.syn.kids(x, "case") if c.i < x.i]
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
            if not self.sx.is_speech(verb) or self.sx.complement(verb) is not None:
                continue
            auxes = [a for a in self.syn.kids(verb, "aux", "aux_pass") if a.i < verb.i]
            first = min([verb.i] + [a.i for a in auxes])
            objs = [c for c in verb.children if self.syn.has(c, "obj") and c.i < verb.i and c.pos_ == "PRON"]
            comme = [m for m in self.syn.kids(verb, "mark") if m.i < verb.i and m.lower_ in self.cues.incise_marks]
            first = min([first] + [o.i for o in objs] + [m.i for m in comme])
            subj = self.sx.subject(verb)
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
                self.sx.cue(verb) if subj.i < verb.i else doc[first:verb.i + 1].text)
            out.append(Incise(verb, subj, first, end, cue))
        return out

    def _speaker_like(self, tok: Token) -> bool:
        state = self._state
        return (tok.pos_ in ("PROPN", "PRON") or tok.lower_ in self.cues.speaker_nouns
                or tok.lemma_.lower() in self.cues.speaker_nouns or tok.lower_ in self.data.cue("honorifics")
                or any(t.i in state.matches or t.i in state.roles for t in tok.subtree))

    def _incise_claims(self, doc: Doc, text: str, incises: list[Incise], marked: list[Marked]) -> list[Claim]:
        """Indirect speech attributed by an incise, when no quotation closes right before it."""
        out = []
        for inc in incises:
            sent = self.sx.sent(inc.verb)
            before = doc[sent.start:inc.start]
            if self._marked_before(doc, text, inc, marked) is not None:
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

    def _marked_before(self, doc: Doc, text: str, inc: Incise, marked: list[Marked]) -> Marked | None:
        """The quotation that ends just before an incise (only punctuation between). `text` is the doc's, which
        spaCy rebuilds from every token at each access: callers read it once per document."""
        pos = doc[inc.start].idx
        for m in marked:
            if m.close < pos and not text[m.close + 1:pos].strip(" ,\u00a0\u202f"):
                return m
        return None

    def _tok_after(self, doc: Doc, char: int) -> int:
        for t in doc:
            if t.idx > char:
                return t.i
        return len(doc)

    # ---- quotations not inside reported speech -------------------------------------------
    def _marked_claims(self, doc: Doc, text: str, state: DocActors, marked: list[Marked], incises: list[Incise],
                       claims: list[Claim]) -> list[Claim]:
        out: list[Claim] = []
        by_close = {}
        for inc in incises:
            m = self._marked_before(doc, text, inc, marked)
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
                claim = (self._introduced(doc, text, m) or self._fragment(doc, text, state, m)
                         or self._continued(doc, text, m, last))
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

    def _introduced(self, doc: Doc, text: str, m: Marked) -> Claim | None:
        """'X a déclaré : « ... »', 'X précise que : « ... »'."""
        before = text[:m.open].rstrip()
        if not before.endswith(":"):
            return None
        colon = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
        if colon is None:
            return None
        sent = self.sx.sent(colon[0])
        for tok in reversed(doc[sent.start:colon.start]):
            if self.sx.is_speech(tok) or (tok.pos_ == "VERB" and tok.lemma_ in self.sx.fragment):
                subj = self.sx.subject(tok)
                if subj is not None:
                    return Claim("direct", m.inner_start, m.inner_end, subj, self.sx.cue(tok), tok)
        return None

    def _is_name(self, text: str, m: Marked) -> bool:
        """« État islamique », « Bouclier de l'Euphrate »: a short capitalised phrase is a name, not a quote."""
        inner = text[m.inner_start:m.inner_end]
        return inner[:1].isupper() and m.words(text) <= self.cues.scare_max_words and not inner.endswith(("!", "?"))

    def _fragment(self, doc: Doc, text: str, state: DocActors, m: Marked) -> Claim | None:
        """A quoted fragment inside a sentence whose verb attributes it: 'a qualifié les frappes d'« agression »'."""
        span = doc.char_span(m.inner_start, m.inner_end, alignment_mode="expand")
        if span is None or m.words(text) > self.cues.fragment_max_words or self._is_name(text, m):
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
            if tok.pos_ == "VERB" and (tok.lemma_ in self.sx.fragment or self.sx.is_speech(tok)):
                subj = self.sx.subject(tok)
                if subj is not None and subj.i not in inner and (self.actors.entities(state, subj) or subj.pos_ == "PROPN"):
                    return Claim("mixed", m.inner_start, m.inner_end, subj, self.sx.cue(tok), tok)
                return None
            if tok.pos_ == "VERB":
                return None
        return None

    def _continued(self, doc: Doc, text: str, m: Marked, last: Claim | None) -> Claim | None:
        """A quotation standing as a sentence of its own right after a quote of the same speaker."""
        if last is None or m.words(text) < 4 or m.open - last.end > 400:
            return None
        before = doc.char_span(m.open, m.open + 1, alignment_mode="expand")
        if before is None:
            return None
        sent = self.sx.sent(before[0])
        lead = text[sent.start_char:m.open].strip()
        if lead and lead not in "—-–":
            return None
        return Claim("direct", m.inner_start, m.inner_end, last.speaker, None, last.verb,
                     speaker_obj=last.speaker_obj)

    # ---- helpers ------------------------------------------------------------------------
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
