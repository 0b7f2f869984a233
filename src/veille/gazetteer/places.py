"""Offline geocoder: place name -> `Location` (text, country key, coordinates).

Data: `data/places.tsv.gz`, built by `scripts/build_places.py` from GeoNames
(cities of 15,000+ inhabitants with alternate names, countries; CC BY 4.0), ISO 3166-2
first-level subdivisions (pycountry, with French names where translated), curated
French exonyms and regions, and curated geographic features (continents, world regions, seas,
gulfs, straits...; country-less unless they lie within one country); see data/LICENSE-places.md. Names are matched exactly
after `normalize` (case, accents, apostrophes, dashes), hyphens also as spaces, and
without the apostrophes that transliterate Arabic 'ayn and hamza ('‘Afrīn' = 'Afrin').

A geographic feature shadows its homonyms: "Africa" is the continent, never an old name of
Mahdia; "Sahel" the region, not the Burkinabe province. Other ambiguous names ("Paris",
"London", "Tripoli") are resolved by, in order: a place
in one of the article's countries (a city only if it is at most PREFER_RATIO times
smaller than the largest candidate: "Paris" stays in France in an article about
Texas), a name specific to the article's language (French "Mexico" is the city),
a primary name over an alternate one ("Jura" is the French department, not an old name
of Győr), a country over a city over a region ("Idlib" is the city, not the governorate),
then population.

    >>> load_places().geocode("Pyongyang", "fr").country
    'PRK'
"""
from __future__ import annotations

import gzip
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable, Mapping, Sequence

from ..errors import E, VeilleError
from ..records import Location
from .normalize import index_forms, normalize

PREFER_RATIO = 50
DATA_FILE = "places.tsv.gz"
KINDS = ("country", "city", "region", "feature")
KIND_RANK = {"feature": 3, "country": 2, "city": 1, "region": 0}
_TRANSLIT_MARKS = re.compile(r"(?<=\w)'(?=\w)|^'|(?<= )'")


def _forms(text: str) -> tuple[str, ...]:
    """Index and lookup forms of a name: `index_forms`, plus the same without transliteration
    apostrophes ('‘Afrīn' -> 'afrin', "Qal'at" -> 'qalat')."""
    if text.isascii() and "`" not in text:  # the same forms as index_forms, without Unicode work
        norm = " ".join(text.lower().split())
        spaced = " ".join(norm.replace("-", " ").split())
        forms: tuple[str, ...] = (norm,) if spaced == norm or not spaced else (norm, spaced)
    else:
        forms = index_forms(text)
    if not any("'" in f for f in forms):
        return forms
    out = list(forms)
    for form in forms:
        bare = _TRANSLIT_MARKS.sub("", form)
        if bare != form and bare not in out:
            out.append(bare)
    return tuple(out)


N_COLUMNS = 8


@dataclass(frozen=True)
class Place:
    kind: str  # country, city, region (first-level subdivision or curated region) or feature (a sea, a continent)
    name: str
    country: str | None  # ISO 3166-1 alpha-3, the entity key of countries; None for a feature across borders
    lat: float | None
    lon: float | None
    population: int


@dataclass(frozen=True)
class _Hit:
    place: Place
    lang: str | None  # the language a name is specific to, None for any
    primary: bool


class PlaceIndex:
    """Names (normalised) -> places. Build with `load_places()` or `read_places(lines)`."""

    def __init__(self, index: Mapping[str, tuple[_Hit, ...]], size: int) -> None:
        self._index = index
        self.size = size
        self._feature_forms: dict[str, frozenset[str]] = {}

    def _hits(self, name: str) -> tuple[_Hit, ...]:
        for form in (normalize(name), *_forms(name)):
            hits = self._index.get(form)
            if hits:
                return hits
        return ()

    def candidates(self, name: str) -> list[Place]:
        return [hit.place for hit in self._hits(name)]

    def place(self, name: str, lang: str, prefer_countries: Sequence[str] = ()) -> Place | None:
        """The place `name` most likely refers to, or None when it is unknown."""
        hits = [h for h in self._hits(name) if h.lang in (None, lang)]
        if not hits:
            return None
        features = [h for h in hits if h.place.kind == "feature"]
        hits = features or hits  # 'Asia' is the continent, even in an article about the Philippines
        preferred = set(prefer_countries)
        biggest = max(h.place.population for h in hits) or 1

        def rank(h: _Hit) -> tuple:
            p = h.place
            in_pref = p.country in preferred and (p.kind != "city" or p.population * PREFER_RATIO >= biggest)
            return (in_pref, h.lang == lang, h.primary, KIND_RANK[p.kind], p.population)

        return max(hits, key=rank).place

    def geocode(self, name: str, lang: str, prefer_countries: Sequence[str] = ()) -> Location | None:
        """The location `name` most likely refers to (country None for a feature across borders)."""
        best = self.place(name, lang, prefer_countries)
        return None if best is None else Location(text=name, country=best.country, lat=best.lat, lon=best.lon)

    def owner(self, name: str, lang: str, prefer_countries: Sequence[str] = ()) -> str | None:
        """The state a place name stands for as an actor or owner ('police in Aleppo'): the country of
        a city or region; none for a geographic feature ('the South China Sea' is no mention of China)."""
        best = self.place(name, lang, prefer_countries)
        return best.country if best is not None and best.kind != "feature" else None

    def feature_forms(self, lang: str) -> frozenset[str]:
        """Normalised names of the features a text in `lang` may name, for scanners that must not read
        a country inside them ('golfe de Guinée', 'Taiwan Strait')."""
        if lang not in self._feature_forms:
            self._feature_forms[lang] = frozenset(
                form for form, hits in self._index.items()
                if any(h.place.kind == "feature" and h.lang in (None, lang) for h in hits))
        return self._feature_forms[lang]

    def is_place(self, name: str, lang: str) -> bool:
        return any(h.lang in (None, lang) for h in self._hits(name))


def _float(value: str) -> float | None:
    if not value:
        return None
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"not a finite number: {value!r}")
    return number


def read_places(lines: Iterable[str], path: str = DATA_FILE) -> PlaceIndex:
    """Parse the TSV (kind, name, country, lat, lon, population, alternate names, French names)."""
    index: dict[str, list[_Hit]] = {}
    size = 0
    for lineno, line in enumerate(lines, 1):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != N_COLUMNS:
            raise VeilleError(E.E103, path=path, line=lineno, reason=f"expected {N_COLUMNS} tab-separated columns, "
                                                                      f"got {len(cols)}")
        kind, name, country, lat, lon, pop, alts, fr_names = cols
        if kind not in KINDS or not name or not (len(country) == 3 or (kind == "feature" and not country)):
            raise VeilleError(E.E103, path=path, line=lineno,
                              reason=f"kind must be one of {KINDS}, name non-empty, country an ISO alpha-3 code "
                                     "(or empty for a feature)")
        try:
            place = Place(kind, name, country or None, _float(lat), _float(lon), int(pop or 0))
        except ValueError as exc:
            raise VeilleError(E.E103, path=path, line=lineno, reason=str(exc)) from None
        size += 1
        names = [(name, None, True)] + [(a, None, False) for a in alts.split("|") if a] + \
                [(f, "fr", False) for f in fr_names.split("|") if f]
        seen: set[tuple[str, str | None]] = set()
        for text, lang, primary in names:
            for form in _forms(text):
                if (form, lang) in seen:
                    continue
                seen.add((form, lang))
                index.setdefault(form, []).append(_Hit(place, lang, primary))
    return PlaceIndex({k: tuple(v) for k, v in index.items()}, size)


@lru_cache(maxsize=1)
def load_places() -> PlaceIndex:
    """The packaged place index (read once per process)."""
    res = resources.files("veille.gazetteer").joinpath("data", DATA_FILE)
    with res.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
        return read_places(fh, str(res))
