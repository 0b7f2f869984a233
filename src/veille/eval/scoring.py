"""Score predicted events against gold (coding-guide.md, section 8).

Per document, predictions reduce to unique (actor, recipient, type) triples; a
triple is a true positive when it matches a gold event (alternatives included,
either direction where symmetric), each gold event matched at most once. A
prediction matching only non-required gold events is neither rewarded nor
penalised. Negated predictions are not positives. Date and modality accuracy are
computed on matched required events; actor accuracy on gold events whose type
was found."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..records import Event
from .gold import GoldDoc, GoldEvent
from .metrics import Counts


@dataclass
class EventScore:
    overall: Counts = field(default_factory=Counts)
    by_type: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    confusion: Counter = field(default_factory=Counter)     # (gold type, predicted type) on same dyad
    date_ok: int = 0
    date_n: int = 0
    modality_ok: int = 0
    modality_n: int = 0
    actor_ok: int = 0
    actor_n: int = 0
    location_ok: int = 0
    location_n: int = 0
    docs: int = 0
    # (doc, kind, triple, detail): kind FP/FN, or DATE/PLACE for a matched event whose date/country is wrong,
    # KEYS for a gold event whose type was found only on other dyads (detail: those dyads)
    errors: list[tuple[str, str, tuple, str]] = field(default_factory=list)

    def as_dict(self) -> dict:
        def c(x: Counts) -> dict:
            return x.as_dict()
        ratio = lambda a, b: round(a / b, 4) if b else None  # noqa: E731
        return {"documents": self.docs, "overall": c(self.overall),
                "by_type": {k: c(v) for k, v in sorted(self.by_type.items())},
                "date_accuracy": ratio(self.date_ok, self.date_n), "date_n": self.date_n,
                "modality_accuracy": ratio(self.modality_ok, self.modality_n), "modality_n": self.modality_n,
                "actor_accuracy": ratio(self.actor_ok, self.actor_n), "actor_n": self.actor_n,
                "location_country_accuracy": ratio(self.location_ok, self.location_n), "location_n": self.location_n}


def date_matches(pred: str, gold: str | None, gold_precision: str | None) -> bool:
    """Same day, or the same period at the gold's precision ('2023-11' matches any November day)."""
    if not gold:
        return True
    n = len(gold)
    if gold_precision == "approximate" and n == 10:
        return pred[:7] == gold[:7]
    return pred[:n] == gold


def score_document(gold: GoldDoc, predicted: list[Event], score: EventScore) -> None:
    score.docs += 1
    preds: dict[tuple, Event] = {}
    for ev in predicted:
        if ev.modality == "negated":
            continue
        triple = (ev.actor.key, ev.recipient.key if ev.recipient else None, ev.type)
        preds.setdefault(triple, ev)
    # Gold duplicates of one triple count once: required gold events are grouped by the
    # triple they are written with, and predictions are matched one-to-one to groups with a
    # maximum matching (a greedy choice could spend a prediction on a group another one
    # needed). Candidate groups are tried in order of preference: the prediction's own
    # triple as written, then a date that agrees.
    groups: dict[tuple, list[int]] = {}
    for i, g in enumerate(gold.events):
        if g.required:
            groups.setdefault(_primary(g), []).append(i)
    keys = list(groups)

    def fits(triple: tuple, ev: Event, i: int) -> tuple:
        g = gold.events[i]
        written = (g.raw.get("actor"), g.raw.get("recipient"), g.raw.get("type"))
        return (written != triple, not date_matches(ev.date, g.date, g.date_precision), i)

    options: dict[tuple, list[int]] = {}
    for triple, ev in preds.items():
        cands = [k for k, key in enumerate(keys) if any(gold.events[i].matches(*triple) for i in groups[key])]
        cands.sort(key=lambda k: min(fits(triple, ev, i) for i in groups[keys[k]] if gold.events[i].matches(*triple)))
        options[triple] = cands
    owner: dict[int, tuple] = {}  # group index -> prediction triple

    def augment(triple: tuple, seen: set[int]) -> bool:
        for k in options[triple]:  # a free group first, in order of preference
            if k not in owner and k not in seen:
                seen.add(k)
                owner[k] = triple
                return True
        for k in options[triple]:  # else move another prediction to one of its other groups
            if k in seen:
                continue
            seen.add(k)
            if augment(owner[k], seen):
                owner[k] = triple
                return True
        return False

    for triple in preds:
        augment(triple, set())
    matched_gold: set[int] = {i for k in owner for i in groups[keys[k]]}
    won = {triple: k for k, triple in owner.items()}
    for triple, ev in preds.items():
        if triple not in won:
            if any(g.matches(*triple) for g in gold.events):
                continue  # acceptable, not expected (or a duplicate of an already matched gold event)
            score.overall.fp += 1
            score.by_type[ev.type].fp += 1
            score.errors.append((gold.document.id, "FP", triple, ""))
            continue
        members = [i for i in groups[keys[won[triple]]] if gold.events[i].matches(*triple)]
        g = gold.events[min(members, key=lambda i: fits(triple, ev, i))]
        score.overall.tp += 1
        score.by_type[ev.type].tp += 1
        score.date_n += 1
        date_ok = date_matches(ev.date, g.date, g.date_precision)
        score.date_ok += date_ok
        if not date_ok:
            score.errors.append((gold.document.id, "DATE", triple,
                                 f"predicted {ev.date} ({ev.date_precision}), gold {g.date} ({g.date_precision})"))
        if g.modality:
            score.modality_n += 1
            score.modality_ok += ev.modality == g.modality
        gold_countries = _location_keys(g) if g.location else set()
        if gold_countries:
            score.location_n += 1
            country = ev.location.country if ev.location else None
            score.location_ok += country in gold_countries
            if country not in gold_countries:
                score.errors.append((gold.document.id, "PLACE", triple, f"predicted {country} "
                                     f"({ev.location.text if ev.location else None!r}), gold {sorted(gold_countries)} "
                                     f"({g.raw.get('location')!r})"))
    for i, g in enumerate(gold.events):
        if g.required and i not in matched_gold:
            matched_gold.update(groups[_primary(g)])
            typ = sorted(g.types)[0] if len(g.types) == 1 else g.raw.get("type")
            score.overall.fn += 1
            score.by_type[typ].fn += 1
            score.errors.append((gold.document.id, "FN", (g.raw.get("actor"), g.raw.get("recipient"), typ), ""))
            same_dyad = [t for t in preds if g.matches(t[0], t[1], t[2]) is False and
                         t[0] in g.actors and t[1] in g.recipients]
            for t in same_dyad:
                score.confusion[(typ, t[2])] += 1
    # actor accuracy: for required gold events whose type was predicted, are the keys right?
    for g in gold.events:
        if not g.required:
            continue
        same_type = [t for t in preds if t[2] in g.types]
        if not same_type:
            continue
        score.actor_n += 1
        keys_ok = any(g.matches(*t) for t in same_type)
        score.actor_ok += keys_ok
        if not keys_ok:
            score.errors.append((gold.document.id, "KEYS", (g.raw.get("actor"), g.raw.get("recipient"),
                                                            g.raw.get("type")), f"predicted {sorted(same_type, key=str)}"))


def _primary(g: GoldEvent) -> tuple:
    """The triple a gold event is written with; symmetric events ignore direction."""
    a, r, t = g.raw.get("actor"), g.raw.get("recipient"), g.raw.get("type")
    return (t, frozenset((a, r))) if g.symmetric else (t, a, r)


def _location_keys(g: GoldEvent) -> set[str]:
    """Country keys of a gold location: its own country field, else the gazetteer's reading of its text."""
    loc = g.raw.get("location")
    if isinstance(loc, dict) and loc.get("country"):
        return {loc["country"]}
    text = loc if isinstance(loc, str) else (loc or {}).get("text")
    if not text:
        return set()
    from ..gazetteer import load_gazetteer
    from ..gazetteer.places import load_places
    gaz, places = load_gazetteer(), load_places()
    # 'mont Thourda, Deir ez-Zor', 'nord de la Syrie', 'Syrie (Damas, Homs)': try the whole text, then its parts
    parts = [text, *[p.strip() for p in re.split(r"[,()]", text) if p.strip()]]
    parts += [re.split(r"\b(?:de la|de l'|du|des|de|d'|en)\s+", p)[-1].strip() for p in list(parts)]
    for part in parts:
        keys = {e.country for lang in ("fr", "en") for e in gaz.lookup(part, lang)
                if e.country and e.kind in ("country", "capital")}
        if not keys:
            for lang in ("fr", "en"):
                found = places.geocode(part, lang)
                if found and found.country:
                    keys.add(found.country)
        if keys:
            return keys
    return set()
