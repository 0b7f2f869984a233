"""Temporal expressions: find them in plain text, classify them (DATE, TIME,
DURATION, SET) and normalise them to TimeML values against a reference date;
turn one into an event's `date`/`date_precision` (coding guide, section 6).

The words and patterns are data (`lang/<lang>/dates.json`, see
`timex_grammar`); the normalisation is `timex_resolve`. Both are language-free.

    >>> [t.value for t in tag_dates("Il est arrivé mardi.", "2023-11-17", "fr")]
    ['2023-11-14']
"""
from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from ..errors import DocumentRejected, E, VeilleError
from ..records import Document, Timex
from .timex_grammar import DateGrammar, Rule, load_grammar
from .timex_resolve import ACTION_FUNCS, Context, Resolved

log = logging.getLogger(__name__)

TenseAt = Callable[[int], "str | None"]
TENSES = ("past", "present", "future")
MOD_DAY = {"START": 5, "MID": 15, "END": 25}
SEASON_EVENT_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}
_SEASON_VALUE = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_WEEK_VALUE = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_DAY_VALUE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH_VALUE = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR_VALUE = re.compile(r"^(\d{4})$")
_DECADE_VALUE = re.compile(r"^(\d{3})$")


@dataclass
class DateTimex(Timex):
    """A `Timex` with the TimeML modifier (START, MID, END) and the id of the rule that found it."""
    mod: str | None = None
    rule: str | None = None


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    rule: Rule
    match: re.Match[str]


def _parse_ref(ref_date: str | None) -> dt.date | None:
    if ref_date is None:
        return None
    try:
        return dt.date.fromisoformat(ref_date[:10])
    except ValueError:
        raise VeilleError(E.E002, value=ref_date) from None


def _candidates(text: str, grammar: DateGrammar) -> list[_Candidate]:
    vetoed = [(m.start(), m.end()) for veto in grammar.vetoes for m in veto.regex.finditer(text)]
    found = []
    for rule in grammar.rules:
        for m in rule.regex.finditer(text):
            if m.end() > m.start() and m.group().strip() and \
                    not any(m.start() < e and s < m.end() for s, e in vetoed):
                found.append(_Candidate(m.start(), m.end(), rule, m))
    return found


def _select(found: list[_Candidate], order: dict[str, int]) -> list[_Candidate]:
    """Longest matches first (earlier rules win ties), no overlaps."""
    chosen: list[_Candidate] = []
    taken: list[tuple[int, int]] = []
    for cand in sorted(found, key=lambda c: (-(c.end - c.start), order[c.rule.id], c.start)):
        if any(cand.start < e and s < cand.end for s, e in taken):
            continue
        chosen.append(cand)
        taken.append((cand.start, cand.end))
    return sorted(chosen, key=lambda c: c.start)


def _context(cand: _Candidate, grammar: DateGrammar, ref: dt.date | None, tense: str) -> Context:
    fields, texts = {}, {}
    for name, raw in cand.match.groupdict().items():
        if raw is None:
            continue
        texts[name] = raw
        cls = cand.rule.group_classes.get(name)
        if cls is None or cls not in grammar.lexicon:
            fields[name] = raw
        else:
            fields[name] = grammar.lookup(cls, raw)
    return Context(fields, texts, ref, tense)


def _trim(text: str, start: int, end: int, grammar: DateGrammar) -> tuple[int, int]:
    """Drop a leading preposition ('en 2016' -> '2016') and trailing punctuation/space."""
    span = text[start:end]
    if grammar.strip_prefix is not None:
        m = grammar.strip_prefix.match(span)
        if m and m.end() < len(span):
            start += m.end()
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;"):
        end -= 1
    return start, end


def tag_dates(text: str, ref_date: str | None, lang: str,
              tense_at: TenseAt | None = None) -> list[DateTimex]:
    """Temporal expressions of `text`, normalised against `ref_date` (YYYY-MM-DD; None leaves
    relative expressions unresolved). `tense_at(offset)` gives the tense of the clause at a
    character offset ('past', 'present', 'future' or None). Without a tense, a bare weekday is
    the most recent one (news reports what happened) and a day or month without a year is
    the nearest one (ties go to the past)."""
    grammar = load_grammar(lang)
    ref = _parse_ref(ref_date)
    order = {rule.id: i for i, rule in enumerate(grammar.rules)}
    out: list[DateTimex] = []
    narrative = ref  # the last day mentioned: anchor of clock times and 'la nuit'
    narrative_end = 0  # where it was mentioned
    for cand in _select(_candidates(text, grammar), order):
        tense = tense_at(cand.start) if tense_at else None
        if tense not in TENSES:
            tense = None
        anchor = ref
        if cand.rule.anchor == "narrative":
            anchor = narrative
        elif cand.rule.anchor == "paragraph" and "\n" not in text[narrative_end:cand.start]:
            anchor = narrative  # 'le lendemain', 'trois jours plus tard': the day the paragraph is at
        resolved: Resolved | None = ACTION_FUNCS[cand.rule.action](_context(cand, grammar, anchor, tense))
        if resolved is None:
            log.debug("rule %s matched %r but gave no value", cand.rule.id, cand.match.group())
            continue
        start, end = _trim(text, cand.start, cand.end, grammar)
        out.append(DateTimex(start=start, end=end, text=text[start:end], type=resolved.type,
                             value=resolved.value, precision=resolved.precision,
                             approximate=resolved.approximate, value_end=resolved.value_end,
                             mod=resolved.mod, rule=cand.rule.id))
        if resolved.value and (m := _DAY_VALUE.match(resolved.value)):
            narrative = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            narrative_end = end
    return out


def dates_of_document(doc: Document, lang: str | None = None,
                      tense_at: TenseAt | None = None) -> list[DateTimex]:
    """The temporal expressions of a document, against its publication date."""
    return tag_dates(doc.text, doc.date, lang or doc.lang or "fr", tense_at)


def dates_of_paths(paths: Iterable[str], date: str | None, lang: str
                   ) -> Iterator[tuple[Document, list[DateTimex]] | DocumentRejected]:
    """Read `paths` (see `veille.ingest.readers.read_paths`) and tag each document's dates;
    rejected inputs are yielded as they come. `lang` is used when a document names none."""
    from ..ingest.readers import read_paths
    from ..lang import supported_languages
    known = supported_languages()
    for item in read_paths(paths, date=date, lang=None):
        if isinstance(item, DocumentRejected):
            yield item
            continue
        yield item, dates_of_document(item, item.lang if item.lang in known else lang)


def _day_of_week(year: int, week: int, weekday: int) -> str | None:
    try:
        return dt.date.fromisocalendar(year, week, weekday).isoformat()
    except ValueError:
        return None


def event_date(timex: Timex) -> tuple[str, str] | None:
    """The event schema's (`date`, `date_precision`) for a temporal expression, or None when it
    gives no calendar date (durations, sets, PRESENT_REF, unresolved values).

    Days give the day; months the month ("YYYY-MM"); years the year. Approximate
    expressions give precision "approximate": mid/start/end of a month the 15th/5th/25th,
    a week its Monday (a weekend its Saturday), a season its middle month (spring 04,
    summer 07, autumn 10, winter 01), a decade its middle year (1990s -> 1995)."""
    value = timex.value
    if not value or timex.type in ("DURATION", "SET") or "X" in value:
        return None
    approx = timex.approximate or timex.precision == "approximate"
    mod = getattr(timex, "mod", None)
    if m := _DAY_VALUE.match(value):
        return m.group(0), "approximate" if approx else "day"
    if m := _MONTH_VALUE.match(value):
        if mod in MOD_DAY:
            return f"{m.group(0)}-{MOD_DAY[mod]:02d}", "approximate"
        return m.group(0), "approximate" if approx else "month"
    if m := _WEEK_VALUE.match(value):
        day = _day_of_week(int(m.group(1)), int(m.group(2)), 6 if m.group(3) else 1)
        return (day, "approximate") if day else None
    if m := _SEASON_VALUE.match(value):
        return f"{m.group(1)}-{SEASON_EVENT_MONTH[m.group(2)]:02d}", "approximate"
    if m := _YEAR_VALUE.match(value):
        return m.group(0), "approximate" if approx or mod else "year"
    if m := _DECADE_VALUE.match(value):
        return f"{m.group(1)}5", "approximate"
    return None
