"""Score veille on PETRARCH-style validation files (`PETR2_GSR_validation.xml`).

Each `<Sentence id date>` carries gold `<EventCoding sourcecode targetcode eventcode>`
records (or `noevents="True"`) and its raw `<Text>`; the `<Parse>` block is ignored:
veille parses the raw text itself, except where `<Text>` is empty: the sentence is then
rebuilt from the token forms of its CoNLL-U `<Parse>` (`parse_text`). The files are not well-formed XML (comment lines,
unclosed `<Sentence>` tags), so records are read with a tolerant scanner.

Actor codes become entity keys (`actor_keys`): a CAMEO country code's first three
letters are the state (`USAGOV`, `RUSMIL` -> `USA`, `RUS`); international and non-state
codes go through `ORG_CODES` (longest prefix wins); `---` (an actor of unknown country)
has no key, so it can match nothing veille emits: the report counts such gold events
(`keyless_source`: a ceiling on recall; `keyless_target`: matched only by an event with no
recipient). A few CAMEO group codes inside a
state code (`PSEREBHMS`, Hamas) also accept the organisation's key.

Per sentence, gold and predicted events become sets, and four micro-averaged F1 scores
are computed over the sentences:

- `root`: the CAMEO root codes (first two digits) of the sentence's events;
- `dyad`: the (source key, target key) pairs;
- `exact`: the (source key, target key, full CAMEO code) triples;
- `plover`: the (source key, target key, PLOVER type) triples, the CAMEO code mapped
  with the ontology's crosswalk (`plover_type` scores the types alone).

Predicted events marked `negated` are left out (PETRARCH codes what is reported, including
plans, wishes and claims, but not what did not happen). A symmetric event (a meeting of
peers) matches gold in either direction or both, as PETRARCH codes meetings sometimes one
way and sometimes both; unmatched, it is one false positive, not two.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..errors import E, VeilleError
from ..ontology import load_ontology
from ..records import Document, Entity, Event
from .metrics import Counts

# CAMEO actor codes of organisations -> veille entity keys (spec/org-ids.tsv). Longest prefix wins.
ORG_CODES: dict[str, str] = {
    "IGOUNOIAE": "IAEA", "IGOUNOHLHWHO": "WHO", "IGOUNOREFHCR": "UNHCR", "IGOUNODEVWBK": "WB",
    "IGOUNOJUDICJ": "ICJ", "IGOUNO": "UN", "IGOEUREEC": "EU", "IGOWSTNAT": "NATO", "IGOAFRAFU": "AU",
    "IGOSEAASN": "ASEAN", "IGOBUSIMF": "IMF", "IGOBUSOPC": "OPEC", "IGOMEAARL": "ARAB_LEAGUE",
    "IGOWAFBUSWAS": "ECOWAS", "NGOHRIAMN": "AMNESTY", "NGOHLHIRC": "ICRC", "IMGMUSALQ": "AQ", "IMGMUSISI": "ISIS",
    "IGOJUDICC": "ICC", "IGOEURCOE": "COE",
}
# Keys veille may use for the same organisation (the UN's organs).
ORG_ALIASES: dict[str, set[str]] = {"UN": {"UNSC", "UNGA"}}
# Group codes written inside a state code (CAMEO 'PSEREBHMS' = Hamas) -> organisation key.
GROUP_CODES: dict[str, str] = {"HMS": "HAMAS", "HEZ": "HEZBOLLAH", "TAL": "TALIBAN"}

SKIPPED_MODALITIES = {"negated"}

_SENTENCE = re.compile(r"<Sentence\b([^>]*)>(.*?)(?=<Sentence\b|</Sentences>|\Z)", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_CODING = re.compile(r"<EventCoding\b([^>]*)/?>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_PARSE = re.compile(r"<Parse>(.*?)</Parse>", re.S)
# tokens written without a space before them (closing punctuation, clitics) or after them (opening marks)
_NO_SPACE_BEFORE = {".", ",", ";", ":", "!", "?", ")", "]", "}", "%", "''", "'", "n't", "'s", "'re", "'ve", "'ll",
                    "'d", "'m", "’s", "n’t"}
_NO_SPACE_AFTER = {"(", "[", "{", "``", "$"}


@dataclass(frozen=True)
class GoldEvent:
    source: str
    target: str
    code: str


@dataclass
class PetrSentence:
    id: str
    date: str | None
    text: str
    events: list[GoldEvent]
    category: str = ""


def read_petrarch(path: str | Path) -> list[PetrSentence]:
    """The sentences of a PETRARCH validation file marked `evaluate="true"` (or with no such mark)."""
    try:
        raw = Path(path).read_text("utf-8")
    except OSError as exc:
        raise VeilleError(E.E013, path=str(path), line=0, reason=f"cannot read: {exc.strerror}") from None
    out = []
    for m in _SENTENCE.finditer(raw):
        attrs = dict(_ATTR.findall(m.group(1)))
        body = m.group(2)
        if attrs.get("evaluate", "true").lower() != "true":
            continue
        text = _TEXT.search(body)
        if not attrs.get("id") or text is None:
            line = raw.count("\n", 0, m.start()) + 1
            raise VeilleError(E.E013, path=str(path), line=line, reason="<Sentence> without an id or a <Text>")
        events = []
        for c in _CODING.finditer(body):
            ca = dict(_ATTR.findall(c.group(1)))
            if ca.get("noevents", "").lower() == "true":
                continue
            if "eventcode" in ca:
                events.append(GoldEvent(ca.get("sourcecode", "---"), ca.get("targetcode", "---"), ca["eventcode"]))
        words = " ".join(text.group(1).split())
        if not words:  # an empty <Text> beside a full parse: the sentence is in the parse's token forms
            parse = _PARSE.search(body)
            words = parse_text(parse.group(1)) if parse else ""
        out.append(PetrSentence(attrs["id"], _iso_date(attrs.get("date")), words, events, attrs.get("category", "")))
    return out


def parse_text(conllu: str) -> str:
    """The sentence of a CoNLL-U block, from its token forms: a space between tokens except where the MISC
    column says `SpaceAfter=No`, before closing punctuation and clitics, and after opening marks. Multiword
    token ranges (`3-4`) and empty nodes (`5.1`) are skipped: their words are the surface forms' parts."""
    tokens: list[tuple[str, bool]] = []  # (form, space after)
    for line in conllu.splitlines():
        cols = line.strip().split("\t")
        if len(cols) < 2 or not cols[0].isdigit():
            continue
        misc = cols[9] if len(cols) > 9 else ""
        tokens.append((cols[1], "SpaceAfter=No" not in misc.split("|")))
    out = []
    for i, (form, space) in enumerate(tokens):
        out.append(form)
        nxt = tokens[i + 1][0] if i + 1 < len(tokens) else None
        if nxt is not None and space and form not in _NO_SPACE_AFTER and nxt not in _NO_SPACE_BEFORE:
            out.append(" ")
    return "".join(out)


def _iso_date(value: str | None) -> str | None:
    """'20080804' -> '2008-08-04'; anything else (e.g. '121108') -> None (publication date unknown)."""
    if value and re.fullmatch(r"(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])", value):
        return f"{value[:4]}-{value[4:6]}-{value[6:]}"
    return None


def actor_keys(code: str) -> frozenset[str]:
    """Entity keys a CAMEO actor code stands for (empty: no key, e.g. '---REB')."""
    code = code.strip().upper()
    for prefix in sorted(ORG_CODES, key=len, reverse=True):
        if code.startswith(prefix):
            key = ORG_CODES[prefix]
            return frozenset({key} | ORG_ALIASES.get(key, set()))
    if len(code) < 3 or code.startswith("---") or code[:3] in ("IGO", "NGO", "IMG", "MNC"):
        return frozenset()
    keys = {code[:3]}
    keys.update(org for grp, org in GROUP_CODES.items() if grp in code[3:])
    return frozenset(keys)


@dataclass
class Count(Counts):
    def add(self, gold: list[tuple], pred: set[tuple], match, group=None) -> None:
        """Greedy one-to-one matching of gold items (each a set of acceptable tuples) with predictions.
        `group(p)` names the event a prediction comes from: the two directions of a symmetric event are
        one group, which may match gold in one direction or both and is one false positive when neither
        direction matches."""
        group = group or (lambda p: p)
        left, matched = set(pred), set()
        for g in gold:
            hit = next((p for p in sorted(left, key=str) if match(g, p)), None)
            if hit is None:
                self.fn += 1
            else:
                left.discard(hit)
                matched.add(group(hit))
                self.tp += 1
        self.fp += len({group(p) for p in left} - matched)


@dataclass
class PetrarchReport:
    files: list[str]
    sentences: int = 0
    gold_events: int = 0
    keyless_source: int = 0  # gold events whose source has no veille key: no prediction can match them
    keyless_target: int = 0  # gold events with a keyed source and a keyless target: matched only with no recipient
    scores: dict[str, Count] = field(default_factory=lambda: {k: Count() for k in
                                                               ("root", "dyad", "exact", "plover", "plover_type")})
    rows: list[dict] = field(default_factory=list)  # per sentence: id, gold, predicted (for --errors)

    def as_dict(self) -> dict:
        return {"files": self.files, "sentences": self.sentences, "gold_events": self.gold_events,
                "keyless_source": self.keyless_source, "keyless_target": self.keyless_target,
                **{k: {"precision": round(c.precision, 4), "recall": round(c.recall, 4), "f1": round(c.f1, 4),
                       "tp": c.tp, "fp": c.fp, "fn": c.fn} for k, c in self.scores.items()}}

    def format(self, errors: bool = False) -> str:
        lines = [f"petrarch: {self.sentences} sentences, {self.gold_events} gold events",
                 f"  gold events with a side that has no veille key ('---', IGO/NGO codes not in the table): "
                 f"{self.keyless_source + self.keyless_target} ({self.keyless_source} with no source key can match "
                 f"nothing; {self.keyless_target} with no target key match only an event with no recipient)"]
        names = {"root": "CAMEO root", "dyad": "dyad", "exact": "exact (src, tgt, CAMEO)",
                 "plover": "(src, tgt, PLOVER)", "plover_type": "PLOVER type"}
        for k, c in self.scores.items():
            lines.append(f"  {names[k]:24s} P={c.precision:.3f} R={c.recall:.3f} F1={c.f1:.3f}  "
                         f"(tp={c.tp} fp={c.fp} fn={c.fn})")
        if errors:  # sentences with an exact-triple miss or false alarm
            for row in self.rows:
                tp, fp, fn = row.get("exact", (0, 0, 0))
                if fp or fn:
                    lines.append(f"  {row['id']} (exact tp={tp} fp={fp} fn={fn}): gold {row['gold']} "
                                 f"predicted {row['predicted']}")
                    if row.get("text"):
                        lines.append(f"      {row['text']}")
        return "\n".join(lines)


def _keys(ent: Entity | None) -> frozenset[str]:
    """A predicted entity's key, plus the state of a non-state group (PETRARCH codes the Free Syrian
    Army as SYRREB, Hamas as PSEREBHMS)."""
    if ent is None or not ent.key:
        return frozenset()
    return frozenset({ent.key} | ({ent.country} if ent.org and ent.country else set()))


def _predicted(events: Iterable[Event]) -> set[tuple]:
    """(source keys, target keys, CAMEO code, group) per direction of each event; a symmetric event gives
    both directions with one group (the pair of directions), so that it counts as one event."""
    out = set()
    for ev in events:
        if ev.modality in SKIPPED_MODALITIES:
            continue
        src, tgt = _keys(ev.actor), _keys(ev.recipient)
        if ev.symmetric and tgt:
            pair = frozenset({(src, tgt, ev.cameo), (tgt, src, ev.cameo)})
            out.update({(src, tgt, ev.cameo, pair), (tgt, src, ev.cameo, pair)})
        else:
            out.add((src, tgt, ev.cameo, (src, tgt, ev.cameo)))
    return out


def _group(p: tuple):
    return p[-1]


def score_sentence(report: PetrarchReport, sent: PetrSentence, events: Iterable[Event]) -> None:
    ontology = load_ontology()
    pred = _predicted(events)
    gold = [(actor_keys(g.source), actor_keys(g.target), g.code) for g in sent.events]
    plover = ontology.plover_for_cameo

    def key_ok(gold_keys: frozenset[str], keys: frozenset[str]) -> bool:
        return bool(gold_keys & keys) if gold_keys else not keys

    report.sentences += 1
    report.gold_events += len(gold)
    report.keyless_source += sum(1 for g in gold if not g[0])
    report.keyless_target += sum(1 for g in gold if g[0] and not g[1])
    s = report.scores
    before = (s["exact"].tp, s["exact"].fp, s["exact"].fn)
    s["exact"].add(gold, pred, lambda g, p: key_ok(g[0], p[0]) and key_ok(g[1], p[1]) and g[2] == p[2], _group)
    s["plover"].add(gold, pred, lambda g, p: key_ok(g[0], p[0]) and key_ok(g[1], p[1])
                    and plover(g[2]) is not None and plover(g[2]) == plover(p[2]), _group)
    dyads = {g[:2] for g in gold}
    pred_dyads = {(p[0], p[1], frozenset((d[0], d[1]) for d in p[3]) if isinstance(p[3], frozenset) else p[:2])
                  for p in pred}
    s["dyad"].add(list(dyads), pred_dyads, lambda g, p: key_ok(g[0], p[0]) and key_ok(g[1], p[1]), _group)
    roots = {g[2][:2] for g in gold}
    s["root"].add([(r,) for r in sorted(roots)], {(p[2][:2],) for p in pred}, lambda g, p: g == p)
    types = {plover(g[2]) for g in gold if plover(g[2])}
    s["plover_type"].add([(t,) for t in sorted(types)], {(plover(p[2]),) for p in pred if plover(p[2])},
                         lambda g, p: g == p)
    exact = tuple(now - was for now, was in zip((s["exact"].tp, s["exact"].fp, s["exact"].fn), before))
    report.rows.append({"id": sent.id, "text": sent.text, "exact": exact, "gold": sorted(f"{g.source}-{g.target}-{g.code}" for g in sent.events),
                        "predicted": sorted(f"{'/'.join(sorted(a)) or None}-{'/'.join(sorted(b)) or None}-{c}"
                                            for a, b, c, _ in pred)})


def evaluate_petrarch(paths: list[str], extractor, lang: str = "en") -> PetrarchReport:
    """Run veille (an `Extractor`) on every sentence of the files, in `lang`, and score it."""
    report = PetrarchReport(files=[str(p) for p in paths])
    for path in paths:
        for sent in read_petrarch(path):
            if not sent.text:  # no <Text> and no parse to rebuild it from: its gold events (if any) are missed
                score_sentence(report, sent, [])
                continue
            result = extractor.process(Document(id=sent.id, text=sent.text, date=sent.date, lang=lang))
            score_sentence(report, sent, result.events)
    return report
