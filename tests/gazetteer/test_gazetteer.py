"""Behaviour of the packaged gazetteer, table-driven from cases.tsv and holders.tsv."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from veille.errors import E, VeilleError
from veille.gazetteer import load_gazetteer, normalize, read_gazetteer
from veille.gazetteer.loader import ROLE_CODES

HERE = Path(__file__).parent


def _rows(name: str) -> list[list[str]]:
    lines = [ln for ln in (HERE / name).read_text("utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.reader(lines, delimiter="\t"))


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.mark.parametrize("phrase,lang,key,kind,role", _rows("cases.tsv"))
def test_lookup(gaz, phrase, lang, key, kind, role):
    found = gaz.lookup(phrase, lang)
    assert found, f"{phrase!r} not found"
    first = found[0]
    assert (first.key, first.kind, first.role) == (key, kind, None if role == "-" else role)
    if kind in ("country", "demonym", "capital"):
        assert first.country == key and first.org is None
    if kind in ("org", "acronym"):
        assert first.org == key


@pytest.mark.parametrize("name,date,where,role", _rows("holders.tsv"))
def test_holders(gaz, name, date, where, role):
    found = gaz.holders(name, date)
    if where == "-":
        assert found == ()
    else:
        assert found, f"no holder for {name!r} on {date}"
        assert {(h.country or h.org, h.role) for h in found} == {(where, role)}


@pytest.mark.parametrize("text,expected", [
    ("  État  ", "etat"), ("Quai d’Orsay", "quai d'orsay"), ("nord–coréen", "nord-coreen"),
    ("Nord\u2011Coréen", "nord-coreen"), ("Kim   Jong\tUn", "kim jong un"), ("ʼ", "'"),
])
def test_normalize(text, expected):
    assert normalize(text) == expected


@pytest.mark.parametrize("phrase,lang", [("un", "fr"), ("au", "fr"), ("eu", "fr"), ("eau", "fr"),
                                         ("grenade", "fr"), ("who", "en")])
def test_common_words_are_not_actors(gaz, phrase, lang):
    assert gaz.lookup(phrase, lang) == ()


def test_us_is_indexed_the_pronoun_is_left_to_case(gaz):
    # the actor resolver and the geocoder refuse lower-case one-word country names ('us', the pronoun)
    assert "USA" in {e.key for e in gaz.lookup("US", "en")}


def test_countries_complete(gaz):
    keys = [k for k in gaz.country_names]
    assert len(keys) >= 197
    for key in keys:
        assert gaz.is_country(key)
        assert gaz.country_name(key, "fr") and gaz.country_name(key, "en")
        assert gaz.capital_coords(key) is not None
    assert gaz.country_name("PRK", "fr") == "Corée du Nord"
    assert gaz.capital_coords("FRA") == pytest.approx((48.86, 2.35))
    assert not gaz.is_country("EU")


def test_every_org_id_is_loaded(gaz):
    spec = Path("/work/shared/spec/org-ids.tsv")
    if not spec.exists():
        pytest.skip("shared spec not available")
    ids = [ln.split("\t")[0] for ln in spec.read_text("utf-8").splitlines()[1:] if ln]
    indexed = {e.org for d in (gaz.phrases("fr"), gaz.phrases("en")) for es in d.values() for e in es if e.org}
    assert set(ids) <= indexed


def test_surname_ambiguity(gaz):
    # a surname alone resolves only when one person holding office on that date bears it
    assert gaz.holders("Sharif", "2014-01-01")[0].name == "Nawaz Sharif"
    assert gaz.holders("Rasmussen", None) == ()  # Anders Fogh and Lars Løkke Rasmussen


def test_phrases_and_max_tokens(gaz):
    assert all(k == normalize(k) for k in gaz.phrases("fr"))
    assert gaz.max_phrase_tokens == max(len(k.split()) for lang in ("fr", "en")
                                        for d in (gaz.phrases(lang), gaz.role_nouns(lang)) for k in d)


def _role_rows() -> list:
    return list(_iter_role_rows())


def _iter_role_rows():
    for lang in ("fr", "en"):
        for noun in sorted({id(n): n for n in load_gazetteer().role_nouns(lang).values()}.values(), key=lambda n: n.id):
            yield pytest.param(lang, noun, id=noun.id)


@pytest.mark.parametrize("lang,noun", _role_rows())
def test_role_noun_examples(gaz, lang, noun):
    assert noun.role in ROLE_CODES
    assert any(normalize(f) in normalize(ex) for f in (noun.phrase, *noun.variants) for ex in noun.examples)
    for form in (noun.phrase, *noun.variants):
        assert normalize(form) in gaz.role_nouns(lang)


def test_role_nouns_cover_basics(gaz):
    fr = gaz.role_nouns("fr")
    for phrase, role in [("ministre", "GOV"), ("chef de la diplomatie", "GOV"), ("secrétaire d'Etat", "GOV"),
                         ("forces de l'ordre", "COP"), ("armée", "MIL"), ("rebelles", "REB"),
                         ("agence de presse", "MED"), ("parquet", "JUD"), ("députés", "LEG"),
                         ("télévision d'État", "MED"), ("manifestants", "CVL"), ("opposition", "OPP")]:
        assert fr[normalize(phrase)].role == role
    assert len(fr) > 300 and len(gaz.role_nouns("en")) > 250


def test_imported_holders_read_on_first_use():
    """Start-up stays small: the thousands of imported terms are read when a name is not curated
    (a deterministic check instead of a timing)."""
    load_gazetteer.cache_clear()
    gaz = load_gazetteer()
    assert "_imported_index" not in vars(gaz)
    gaz.holders("Barack Obama", "2016")           # curated: the imported file is not needed
    assert "_imported_index" not in vars(gaz)
    assert gaz.holders("Hamid Karzai", "2010-06-01")[0].source == "phoenix"
    assert "_imported_index" in vars(gaz)


# --- loader errors on bad data -------------------------------------------------------------

def _copy_data(tmp_path: Path) -> tuple[Path, Path]:
    from importlib import resources
    data, lang = tmp_path / "data", tmp_path / "lang"
    data.mkdir()
    src = resources.files("veille.gazetteer").joinpath("data")
    for name in ("countries.jsonl", "organisations.jsonl", "office_holders.jsonl"):
        (data / name).write_text(src.joinpath(name).read_text("utf-8"), "utf-8")
    for code in ("fr", "en"):
        (lang / code).mkdir(parents=True)
        text = resources.files("veille.lang").joinpath(code, "roles.jsonl").read_text("utf-8")
        (lang / code / "roles.jsonl").write_text(text, "utf-8")
    return data, lang


BAD_LINES = [
    ("countries.jsonl", "{not json", "invalid JSON"),
    ("countries.jsonl", json.dumps({"key": "xx", "names": {"fr": ["X"], "en": ["X"]}}), "bad format"),
    ("countries.jsonl", json.dumps({"key": "FRA", "names": {"fr": ["X"], "en": ["X"]}}), "duplicate"),
    ("countries.jsonl", json.dumps({"key": "XYZ", "names": {"fr": ["X"]}}), "at least one name"),
    ("organisations.jsonl", json.dumps({"key": "NEW", "kind": "IGO", "role": "ZZZ",
                                        "names": {"fr": ["n"], "en": ["n"]}}), "unknown role"),
    ("office_holders.jsonl", json.dumps({"name": "X", "country": "FRA", "role": "GOV", "title": "t",
                                         "start": "2017-13-01", "end": None}), "YYYY-MM-DD"),
    ("office_holders.jsonl", json.dumps({"name": "X", "country": "QQQ", "role": "GOV", "title": "t"}),
     "unknown country"),
]


@pytest.mark.parametrize("fname,line,reason", BAD_LINES)
def test_bad_line_raises_e103(tmp_path, fname, line, reason):
    data, lang = _copy_data(tmp_path)
    path = data / fname
    n_lines = len(path.read_text("utf-8").splitlines())
    with path.open("a", encoding="utf-8") as fh:
        fh.write(line + "\n")
    with pytest.raises(VeilleError) as err:
        read_gazetteer(data, lang)
    assert err.value.code is E.E103
    assert err.value.fields["line"] == n_lines + 1 and str(path) == err.value.fields["path"]
    assert reason in err.value.fields["reason"]


def test_bad_role_noun_raises_e103(tmp_path):
    data, lang = _copy_data(tmp_path)
    with (lang / "fr" / "roles.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "fr-role-9999", "phrase": "x", "role": "GOV", "examples": []}) + "\n")
    with pytest.raises(VeilleError, match="example"):
        read_gazetteer(data, lang)


@pytest.mark.parametrize("word,lang,keys", [
    ("djihadistes", "fr", {"ISIS", "AQ", "AQAP", "AQIM", "NUSRA", "BOKO_HARAM", "AL_SHABAAB"}),
    ("kurdes", "fr", {"YPG", "PKK", "KRG"}),
    ("ONG", "fr", {"HRW", "AMNESTY", "MSF"}),
    ("rebelles", "fr", {"FSA", "PKK", "HOUTHIS"}),
    ("Kurdish", "en", {"YPG", "PKK", "KRG"}),
    ("ministre", "fr", set()),
])
def test_descriptors(gaz, word, lang, keys):
    assert set(gaz.descriptors(lang).get(normalize(word), ())) == keys


@pytest.mark.parametrize("key,country", [("YPG", "SYR"), ("KRG", "IRQ"), ("ISIS", None), ("HRW", None)])
def test_org_entry(gaz, key, country):
    e = gaz.org_entry(key)
    assert e is not None and e.key == key and e.kind == "org" and e.country == country
