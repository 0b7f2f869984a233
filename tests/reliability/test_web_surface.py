"""The web surface: hostile documents that went through `veille ingest` come out escaped in
every HTML page; the server binds the loopback address unless told otherwise; no route
writes (POST/PUT/PATCH/DELETE get 405); and schemathesis, driven by the app's own OpenAPI
schema in-process (ASGI, no network), finds no server error and no response off its schema.
tests/api/test_routes.py checks escaping on a hand-built database; this goes through ingest."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings

from reliability_helpers import NoModelCoder, NoModelExtractor
from veille.ingest.run import ingest
from veille.records import Document, DocumentResult, Entity
from veille.settings import Settings, load_settings

PAYLOADS = ['<script>alert("t")</script>', "<img src=x onerror=alert(1)>", "\"><svg onload=alert(2)>",
            "javascript:alert(3)", "</textarea><iframe src=javascript:alert(4)>"]
RAW = ["<script>alert", "<img src=x onerror", "<svg onload", "<iframe"]


class HostileCoder(NoModelCoder):
    """Events whose actor and recipient names are hostile strings taken from the text."""

    def code_document(self, document: Document) -> DocumentResult:
        result = super().code_document(document)
        for ev in result.events:
            ev.actor = Entity(text=PAYLOADS[0], key="FRA", name=PAYLOADS[1])
            ev.recipient = Entity(text=PAYLOADS[2], key=PAYLOADS[4], name=PAYLOADS[3])
            ev.assign_id()
        return result


class HostileExtractor(NoModelExtractor):
    def coder(self, lang: str):
        return HostileCoder(lang)


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("web")
    text = " ".join(f"Paris accuse Moscou {p}." for p in PAYLOADS)
    rows = [{"id": "xss", "title": "Alerte " + PAYLOADS[0] + PAYLOADS[1], "text": text, "date": "2017-03-01",
             "url": "javascript:alert(5)"},
            {"id": "plain", "text": "Paris accuse Moscou. Rien d'autre.", "date": "2017-03-02"}]
    (root / "in.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    db = root / "db.duckdb"
    report = ingest([str(root / "in.jsonl")], str(db), Settings(), make_extractor=HostileExtractor)
    assert report.documents == 2 and report.events > len(PAYLOADS)
    return db


@pytest.fixture(scope="module")
def app(hostile_db):
    from veille.api import create_app
    return create_app(hostile_db, load_settings())


@pytest.fixture(scope="module")
def client(app):
    with TestClient(app) as c:
        yield c


def assert_escaped(html: str) -> None:
    for raw in RAW:
        assert raw not in html, raw
    assert not re.search(r"<[^>]+\son\w+\s*=", html, re.I), "an event-handler attribute got through"
    assert 'href="javascript:' not in html.lower()


def test_ingested_payloads_render_escaped_in_ui_pages(client):
    events = client.get("/events").json()
    assert any(e["actor"]["text"] == PAYLOADS[0] for e in events)  # JSON keeps them as data
    for doc_id in ("xss", "plain"):
        page = client.get(f"/ui/documents/{doc_id}")
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        assert_escaped(page.text)
        for ev in (e for e in events if e["doc_id"] == doc_id):
            selected = client.get(f"/ui/documents/{doc_id}", params={"event": ev["event_id"]})
            assert_escaped(selected.text)
    page = client.get("/ui/documents/xss").text
    assert "&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;" in page  # title and entity names, escaped
    missing = client.get("/ui/documents/" + PAYLOADS[1])
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html")
    assert_escaped(missing.text)
    index = client.get("/")
    assert index.status_code == 200 and "content-security-policy" in index.headers
    assert "script-src 'self'" in index.headers["content-security-policy"]


def test_json_routes_are_served_as_json_never_html(client):
    for route in ("/events", "/documents/xss", "/actors", "/actors/FRA/quotes", "/search?q=script",
                  "/dyads/FRA/RUS", f"/events/{PAYLOADS[0]}", "/documents/%3Cscript%3E"):
        r = client.get(route)
        assert r.headers["content-type"].startswith("application/json"), route
        assert r.headers.get("x-content-type-options") == "nosniff"


def test_every_route_refuses_writes(app, client):
    paths = {"/static/veille.js", "/"}
    for route in app.routes:
        path = getattr(route, "path", "")
        paths.add(re.sub(r"\{[^}]+\}", "x", path) or "/")
    assert len(paths) >= 10
    for path in sorted(paths):
        for method in ("POST", "PUT", "PATCH", "DELETE"):
            assert client.request(method, path).status_code == 405, (method, path)


def test_server_binds_loopback_by_default(hostile_db, monkeypatch):
    import uvicorn

    from veille.api import run_server
    from veille.cli.main import main
    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    assert Settings().serve.host == "127.0.0.1" and load_settings().serve.host == "127.0.0.1"
    run_server(hostile_db)
    assert main(["serve", "--db", str(hostile_db)]) == 0
    assert [c["host"] for c in calls] == ["127.0.0.1", "127.0.0.1"]
    assert main(["serve", "--db", str(hostile_db), "--host", "0.0.0.0"]) == 0  # only when asked for
    assert calls[-1]["host"] == "0.0.0.0"


@pytest.fixture
def own_app(hostile_db):
    """An app of its own: schemathesis runs the ASGI lifespan, whose end closes the database."""
    from veille.api import create_app
    return create_app(hostile_db, load_settings())


def _run_schemathesis(app, excluded: list, excluded_for: dict[str, list] | None = None) -> list[str]:
    """Every operation of the app's OpenAPI schema with generated parameters (8 examples per
    operation, derandomized): no 5xx, then schemathesis's checks minus `excluded`.
    Returns the failures, one line per operation."""
    from hypothesis import given

    api = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in api.get_all_operations()]
    assert len(operations) >= 9
    failures: list[str] = []
    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=8, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        def check(case):
            response = case.call()
            assert response.status_code < 500, (case.method, case.formatted_path, case.query, response.text[:300])
            case.validate_response(response, excluded_checks=excluded + (excluded_for or {}).get(operation.path, []))

        try:
            check()
        except Exception as exc:  # noqa: BLE001 - collected, reported all at once
            failures.append(f"{operation.method.upper()} {operation.path}: " + " ".join(str(exc).split())[:600])
    return failures


def test_schemathesis_no_server_error_and_responses_as_documented(own_app):
    """No 5xx; 2xx bodies and content types as the schema says. (Whether the schema declares
    every limit and 404 is the next test.)"""
    from schemathesis.specs.openapi.checks import positive_data_acceptance, status_code_conformance
    failures = _run_schemathesis(own_app, [positive_data_acceptance, status_code_conformance])
    assert not failures, "\n".join(failures)


def test_schemathesis_schema_declares_what_the_api_refuses(own_app):
    """The OpenAPI schema tells clients the limits the API enforces (page size, query length,
    PLOVER types, periods) and the 404s: a request valid by the schema is never refused.
    Except one rule OpenAPI cannot state: a period label's form depends on `by` (2017-03 for
    month, 2017-W10 for week), so /dyads/{a}/{b}/events may refuse a schema-valid pair."""
    from schemathesis.specs.openapi.checks import positive_data_acceptance
    failures = _run_schemathesis(own_app, [], {"/dyads/{a}/{b}/events": [positive_data_acceptance]})
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("route,params", [
    ("/events", {"offset": 2**63}),
    ("/events", {"offset": 10**30}),
    ("/actors/FRA/quotes", {"offset": 10**30}),
    ("/dyads/FRA/RUS/events", {"period": "9999-12", "by": "month"}),
    ("/dyads/FRA/RUS/events", {"period": "9999-W52", "by": "week"}),
    ("/events", {"since": "9999-12-31", "until": "9999-12-31"}),
])
def test_extreme_parameters_get_an_answer_not_a_server_error(hostile_db, route, params):
    """Values at the edge of the types (found by hand next to schemathesis): a 4xx naming the
    parameter, or an empty answer, never a 500."""
    from veille.api import create_app
    with TestClient(create_app(hostile_db, load_settings()), raise_server_exceptions=False) as c:
        r = c.get(route, params=params)
    assert r.status_code < 500, (route, params, r.text[:200])
    if r.status_code >= 400:
        assert r.json()["error"]["parameter"] in params
