"""Every route of the REST API and UI, through FastAPI's TestClient, on the hand-built
database (veille_testdb.py): filters, pagination, 404s, 4xx errors naming the
parameter, and escaping of hostile document titles, text and entity names."""
import json
from pathlib import Path

import jsonschema
import pytest
from fastapi.testclient import TestClient

from veille.api import create_app
from veille.errors import VeilleError
from veille.settings import load_settings

SCHEMA_PATH = Path(__file__).resolve().parents[3] / "shared" / "spec" / "event.schema.json"
HOSTILE = ("<script>", "<img src=x onerror")


@pytest.fixture(scope="module")
def client(test_db):
    with TestClient(create_app(test_db, load_settings())) as c:
        yield c


def ids(events):
    return [e["event_id"] for e in events]


def assert_param_error(response, param, code=None, status=422):
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["parameter"] == param and param in error["message"]
    if code:
        assert error["code"] == code
    return error


def test_openapi_lists_the_contract_routes(client):
    paths = client.get("/openapi.json").json()["paths"]
    for route in ("/events", "/events/{event_id}", "/dyads/{a}/{b}", "/documents/{doc_id}", "/actors",
                  "/actors/{key}/quotes", "/search", "/ui/documents/{doc_id}"):
        assert route in paths and "get" in paths[route]
    assert {p["name"] for p in paths["/events"]["get"]["parameters"]} >= {
        "actor", "recipient", "type", "since", "until", "limit", "offset"}
    error_ref = paths["/events"]["get"]["responses"]["422"]["content"]["application/json"]["schema"]["$ref"]
    assert error_ref.endswith("/ErrorBody")


def test_events_are_schema_records_oldest_first(client):
    events = client.get("/events").json()
    assert len(events) == 7
    if SCHEMA_PATH.exists():
        schema = json.loads(SCHEMA_PATH.read_text())
        for ev in events:
            jsonschema.validate(ev, schema)
    dates = [e["date"] for e in events]
    assert dates[0] == "2017" and dates[1:] == sorted(dates[1:])


@pytest.mark.parametrize("query, types", [
    ("actor=FRA&recipient=RUS", {"ACCUSE", "SANCTION", "CONSULT", "THREATEN"}),
    ("actor=RUS", {"REJECT", "AID"}),
    ("recipient=FRA", {"REJECT", "AID", "ASSAULT"}),
    ("type=accuse", {"ACCUSE"}),
    ("since=2017-05-01", {"AID", "THREATEN", "ASSAULT"}),
    ("until=2017-03-15", {"ACCUSE", "SANCTION", "THREATEN"}),
    ("since=2017-03-16&until=2017-03-31&actor=RUS", {"REJECT"}),
    ("actor=DEU", set()),
])
def test_event_filters(client, query, types):
    response = client.get(f"/events?{query}")
    assert response.status_code == 200
    assert {e["type"] for e in response.json()} == types


def test_pagination(client):
    everything = ids(client.get("/events").json())
    first = ids(client.get("/events?limit=3").json())
    second = ids(client.get("/events?limit=3&offset=3").json())
    last = ids(client.get("/events?limit=3&offset=6").json())
    assert first + second + last == everything and len(last) == 1
    assert client.get("/events?limit=0").json() == []
    assert client.get("/events?offset=100").json() == []


def test_page_size_capped_by_settings(test_db):
    settings = load_settings()
    small = settings.with_overrides(limits=type(settings.limits)(max_page_size=5, max_query_chars=10))
    with TestClient(create_app(test_db, small)) as c:
        assert len(c.get("/events?limit=5").json()) == 5
        error = assert_param_error(c.get("/events?limit=6"), "limit", "E605")
        assert "5" in error["message"] and "max_page_size" in error["message"]
        assert_param_error(c.get("/search?q=" + "x" * 11), "q", "E604")
        assert c.get("/search?q=" + "x" * 10).status_code == 200


@pytest.mark.parametrize("query, param", [
    ("limit=-1", "limit"), ("limit=abc", "limit"), ("offset=-5", "offset"), ("since=2017-13-01", "since"),
    ("until=yesterday", "until"), ("type=BOMBARD", "type"),
])
def test_event_validation_errors_name_the_parameter(client, query, param):
    error = assert_param_error(client.get(f"/events?{query}"), param)
    assert error["code"] in ("E600", "E012")


def test_event_detail_with_document_and_evidence(client):
    accuse = client.get("/events?type=ACCUSE").json()[0]
    found = client.get(f"/events/{accuse['event_id']}").json()
    assert found["event"] == accuse
    text, span = found["document"]["text"], found["evidence"]
    assert found["document"]["doc_id"] == "doc-1" and span["verified"]
    assert text[span["start"]:span["end"]] == accuse["evidence"]["text"]
    assert text[span["trigger_start"]:span["trigger_end"]] == "accuse"


def test_unknown_ids_are_404_json(client):
    for path, param, code in (("/events/0000", "event_id", "E602"), ("/documents/nope", "doc_id", "E603")):
        response = client.get(path)
        assert response.status_code == 404
        assert response.json()["error"] == {"code": code, "parameter": param, "message": response.json()["error"]["message"]}
    assert client.get("/ui/documents/nope").status_code == 404
    assert client.get("/no/such/route").status_code == 404


def test_dyad_timeline(client):
    data = client.get("/dyads/FRA/RUS?by=month").json()
    assert (data["a"], data["b"], data["by"], data["too_coarse"]) == ("FRA", "RUS", "month", 1)
    march = {p["direction"]: p for p in data["periods"] if p["period"] == "2017-03"}
    assert march["FRA->RUS"]["events"] == 3 and march["RUS->FRA"]["events"] == 2
    assert march["FRA->RUS"]["mean_goldstein"] == pytest.approx(-2.0)
    weekly = client.get("/dyads/FRA/RUS?by=week").json()
    assert weekly["periods"][0]["period"] == "2017-W11"
    assert client.get("/dyads/FRA/DEU").json()["periods"] == []
    assert_param_error(client.get("/dyads/FRA/RUS?by=year"), "by", "E601")


def test_dyad_period_events(client):
    events = client.get("/dyads/FRA/RUS/events?by=month&period=2017-03").json()
    assert [e["type"] for e in events] == ["ACCUSE", "SANCTION", "REJECT", "CONSULT"]
    assert_param_error(client.get("/dyads/FRA/RUS/events?period=March"), "period", "E607")
    assert_param_error(client.get("/dyads/FRA/RUS/events"), "period", "E600")


def test_document_with_events(client):
    doc = client.get("/documents/doc-1").json()
    assert doc["title"] == "France et Russie" and len(doc["events"]) == 4
    assert {e["doc_id"] for e in doc["events"]} == {"doc-1"}


def test_actors(client):
    data = client.get("/actors").json()
    assert data["entities"][0]["key"] == "FRA" and data["dyads"][0]["events"] == 6
    assert len(client.get("/actors?limit=1").json()["entities"]) == 1
    assert_param_error(client.get("/actors?limit=0"), "limit")


def test_actor_quotes(client):
    quotes = client.get("/actors/FRA/quotes").json()
    assert [q["content"] for q in quotes] == ["Nous ne céderons pas"]
    assert client.get("/actors/RUS/quotes").json() == []
    assert client.get("/actors/NOBODY/quotes").json() == []


def test_search(client):
    data = client.get("/search?q=sanctionne").json()
    assert [e["type"] for e in data["events"]] == ["SANCTION"] and data["documents"][0]["doc_id"] == "doc-1"
    assert_param_error(client.get("/search"), "q", "E600")
    assert_param_error(client.get("/search?q=%20"), "q", "E600")
    too_long = "x" * (load_settings().limits.max_query_chars + 1)
    assert_param_error(client.get(f"/search?q={too_long}"), "q", "E604")


def test_json_keeps_hostile_strings_as_data(client):
    doc = client.get("/documents/doc-3").json()
    assert doc["title"].startswith("Alerte <script>")  # JSON is data; HTML views escape it
    assert client.get("/documents/doc-3").headers["content-type"].startswith("application/json")


def test_ui_index_and_static_files(client):
    page = client.get("/")
    assert page.status_code == 200 and 'src="/static/veille.js"' in page.text
    assert "'self'" in page.headers["content-security-policy"]
    js = client.get("/static/veille.js")
    assert js.status_code == 200 and "innerHTML" not in js.text  # text goes in through textContent only
    assert client.get("/static/veille.css").status_code == 200
    assert "//cdn" not in page.text and "https://" not in js.text


def test_ui_document_escapes_title_text_and_entities(client):
    page = client.get("/ui/documents/doc-3")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    for raw in HOSTILE:
        assert raw not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    assert html.count("<script") == 0  # the document page needs no script at all
    assert 'id="doc-title">Alerte &lt;script&gt;' in html  # title
    assert '<span class="mention">(le groupe &lt;script&gt;' in html  # entity text


def test_ui_document_highlights_the_selected_event(client):
    accuse = client.get("/events?type=ACCUSE").json()[0]
    html = client.get(f"/ui/documents/doc-1?event={accuse['event_id']}").text
    assert f'<span class="anchor" id="ev-{accuse["event_id"]}"></span>' in html
    assert f'<mark class="trigger selected" data-events="{accuse["event_id"]}">accuse</mark>' in html
    assert '<mark class="sentence selected"' in html
    assert '<mark class="trigger" data-events=' in html  # other events stay highlighted, not selected
    assert '<blockquote id="evidence-text">La France accuse la Russie.</blockquote>' in html
    plain = client.get("/ui/documents/doc-1").text
    assert "selected" not in plain.replace('class="event selected"', "")


def test_read_only(client):
    assert client.post("/events", json={}).status_code == 405
    assert client.delete("/documents/doc-1").status_code == 405


def test_missing_database_fails_at_build(tmp_path):
    with pytest.raises(VeilleError) as err:
        create_app(tmp_path / "none.duckdb", load_settings())
    assert err.value.code.name == "E008"


def test_concurrent_requests_each_get_their_own_cursor(client):
    from concurrent.futures import ThreadPoolExecutor
    urls = ["/events?actor=FRA", "/dyads/FRA/RUS?by=week", "/actors", "/search?q=russie", "/ui/documents/doc-1"] * 10
    with ThreadPoolExecutor(8) as pool:
        responses = list(pool.map(client.get, urls))
    assert [r.status_code for r in responses] == [200] * len(urls)
    assert len({r.text for r in responses if r.url.path == "/events"}) == 1
