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
