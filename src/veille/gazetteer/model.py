"""Typed, read-only view of the gazetteer: countries, organisations, their
metonyms, dated office holders and role nouns, indexed by normalised phrase."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable, Mapping

from .normalize import index_forms, normalize

KINDS = ("country", "demonym", "capital", "metonym", "org", "acronym")


@dataclass(frozen=True)
class GazEntry:
    key: str              # ISO alpha-3 or org id
    kind: str             # one of KINDS
    role: str | None      # "GOV" for capitals/metonyms, "IGO" for IGOs...; None for names and demonyms
    country: str | None   # ISO3 for country-bound entries
    org: str | None       # org id when the entry stands for an organisation
    name: str             # canonical English name of the entity


def _date_span(date: str) -> tuple[str, str]:
    """'2016' -> ('2016-01-01', '2016-12-31'); partial dates cover their whole period."""
    if len(date) == 4:
        return f"{date}-01-01", f"{date}-12-31"
    if len(date) == 7:
        return f"{date}-01", f"{date}-31"  # string comparison: '-31' bounds any day of the month
    return date, date


@dataclass(frozen=True)
class OfficeHolder:
    name: str
    aliases: tuple[str, ...]
    country: str | None
    org: str | None
    role: str
    title: str
    start: str | None
    end: str | None
    source: str | None = None   # None: hand-curated; 'phoenix': imported (end = last date known in office)

    def holds_on(self, date: str | None) -> bool:
        """True if the term overlaps `date` (YYYY[-MM[-DD]]); None ignores dates."""
        if date is None:
            return True
        lo, hi = _date_span(date)
        return (self.start is None or self.start <= hi) and (self.end is None or self.end >= lo)


@dataclass(frozen=True)
class RoleNoun:
    id: str
    phrase: str
    role: str
    examples: tuple[str, ...]
    variants: tuple[str, ...] = ()  # plural/feminine forms indexed like the phrase


@dataclass(frozen=True)
class Gazetteer:
    entries: Mapping[str, Mapping[str, tuple[GazEntry, ...]]]   # lang -> normalised phrase -> entries
    country_names: Mapping[str, Mapping[str, str]]              # ISO3 -> lang -> preferred name
    coords: Mapping[str, tuple[float, float]]                   # ISO3 -> capital (lat, lon)
    office_holders: tuple[OfficeHolder, ...]
    holder_index: Mapping[str, tuple[OfficeHolder, ...]]        # normalised full name or alias
    surname_index: Mapping[str, tuple[OfficeHolder, ...]]       # normalised last token
    roles: Mapping[str, Mapping[str, RoleNoun]]                 # lang -> normalised phrase -> noun
    max_phrase_tokens: int = field(default=1)
    imported: Callable[[], tuple[OfficeHolder, ...]] | None = field(default=None, compare=False, repr=False)
    org_index: Mapping[str, GazEntry] = field(default_factory=dict)                              # org key -> name entry
    descriptor_index: Mapping[str, Mapping[str, frozenset[str]]] = field(default_factory=dict)  # lang -> word -> org keys

    def lookup(self, phrase: str, lang: str) -> tuple[GazEntry, ...]:
        return self.phrases(lang).get(normalize(phrase), ())

    def phrases(self, lang: str) -> Mapping[str, tuple[GazEntry, ...]]:
        return self.entries.get(lang, {})

    def country_name(self, key: str, lang: str) -> str | None:
        return self.country_names.get(key, {}).get(lang)

    def capital_coords(self, key: str) -> tuple[float, float] | None:
        return self.coords.get(key)

    def is_country(self, key: str) -> bool:
        return key in self.country_names

    def holders(self, name: str, date: str | None) -> tuple[OfficeHolder, ...]:
        """Curated holders in office on `date` known by this full name or alias; failing that,
        by surname alone when it points to exactly one curated person in office on that date;
        failing that, imported holders (full names only) in office on that date."""
        norm = normalize(name)
        if norm in self.holder_index:
            found = tuple(h for h in self.holder_index[norm] if h.holds_on(date))
        else:
            found = tuple(h for h in self.surname_index.get(norm, ()) if h.holds_on(date))
            found = found if len({h.name for h in found}) == 1 else ()
        if not found and self.imported is not None:
            found = tuple(h for h in self._imported_index.get(norm, ()) if h.holds_on(date))
        return found

    @cached_property
    def _imported_index(self) -> Mapping[str, tuple[OfficeHolder, ...]]:
        """Imported holders by normalised full name or alias, read on first use (thousands of
        records: loading them only when a name is not curated keeps start-up fast)."""
        index: dict[str, list[OfficeHolder]] = {}
        for h in self.imported():
            for alias in {form for a in (h.name, *h.aliases) for form in index_forms(a)}:
                index.setdefault(alias, []).append(h)
        return {k: tuple(v) for k, v in index.items()}

    def descriptors(self, lang: str) -> Mapping[str, frozenset[str]]:
        """Normalised words that describe organisations ('djihadiste' -> {'ISIS', ...}): a generic
        mention with such a word may stand for the one such organisation a document names."""
        return self.descriptor_index.get(lang, {})

    def org_entry(self, key: str) -> GazEntry | None:
        """The organisation's own name entry (kind 'org'), for building entities from a key."""
        return self.org_index.get(key)

    def role_nouns(self, lang: str) -> Mapping[str, RoleNoun]:
        return self.roles.get(lang, {})
