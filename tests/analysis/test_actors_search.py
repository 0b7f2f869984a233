"""Most active actors, quotes by entity, text search, event evidence, veille.open_db."""
import pytest

import veille
from veille.analysis import actor_quotes, event_detail, search, top_actors
from veille.analysis.search import like_pattern, snippet
from veille.errors import VeilleError


def test_top_actors_and_dyads(test_db):
    found = top_actors(test_db, limit=10)
    fra = found["entities"][0]
    assert (fra["key"], fra["events"], fra["as_actor"], fra["as_recipient"], fra["top_name"]) == ("FRA", 7, 4, 3, "France")
    assert found["dyads"][0] == {"a": "FRA", "b": "RUS", "events": 6, "a_to_b": 4, "b_to_a": 2,
                                 "mean_goldstein": pytest.approx(-7 / 6, abs=1e-3),
                                 "mean_score": pytest.approx(-11 / 6, abs=1e-3)}
    assert len(top_actors(test_db, limit=1)["entities"]) == 1


def test_quotes_by_speaker_key(test_db):
    quotes = actor_quotes(test_db, "FRA")
    assert [q["content"] for q in quotes] == ["Nous ne céderons pas"]
    assert quotes[0]["document"]["title"] == "France et Russie"
    assert actor_quotes(test_db, "RUS") == []


def test_search_events_and_documents(test_db):
    found = search(test_db, "RUSSIE")
    assert {e["type"] for e in found["events"]} == {"ACCUSE", "AID", "THREATEN"}
    assert [d["doc_id"] for d in found["documents"]] == ["doc-1", "doc-2"]
    assert "Russie" in found["documents"][0]["snippet"]
    assert search(test_db, "Alerte")["documents"][0]["doc_id"] == "doc-3"  # title match


def test_search_wildcards_match_themselves(test_db):
    assert like_pattern("100%_x") == "%100\\%\\_x%"
    found = search(test_db, "%")
    assert found["events"] == [] and found["documents"] == []


def test_search_rejects_empty_and_long_queries(test_db):
    with pytest.raises(VeilleError) as err:
        search(test_db, "  ")
    assert err.value.fields["param"] == "q"
    with pytest.raises(VeilleError) as err:
        search(test_db, "x" * 11, max_chars=10)
    assert err.value.code.name == "E604"


def test_snippet_is_one_line_around_the_match():
    assert snippet("a\nb  Moscou c", "moscou", width=3) == "…b Moscou c"


def test_event_detail_has_text_and_verified_span(test_db):
    ev = search(test_db, "accuse la")["events"][0]
    found = event_detail(test_db, ev["event_id"])
    span, text = found["evidence"], found["document"]["text"]
    assert span["verified"] and text[span["start"]:span["end"]] == "La France accuse la Russie."
    assert text[span["trigger_start"]:span["trigger_end"]] == "accuse"
    assert event_detail(test_db, "nope") is None


def test_open_db_dataframes(test_db, tmp_path):
    with veille.open_db(test_db) as db:
        events = db.events(actor="FRA", recipient="RUS")
        assert len(events) == 4 and set(events["actor_key"]) == {"FRA"} and "evidence_text" in events
        assert db.events(type="AID", records=True)[0]["recipient"]["key"] == "FRA"
        docs = db.documents()
        assert list(docs["doc_id"]) == ["doc-1", "doc-2", "doc-3"] and list(docs["events"]) == [4, 2, 1]
        assert db.dyad("FRA", "RUS", by="month")["events"].sum() == 6
        assert db.actors()["key"].iloc[0] == "FRA"
        assert db.dyads()[["a", "b"]].iloc[0].tolist() == ["FRA", "RUS"]
        assert db.document("doc-2")["title"] == "Aide"
        assert db.plot_dyad("FRA", "RUS", tmp_path / "d.png").endswith("d.png")


def test_open_db_missing_file_is_e008(tmp_path):
    with pytest.raises(VeilleError) as err:
        veille.open_db(tmp_path / "none.duckdb")
    assert err.value.code.name == "E008"
