"""The API over a PostgreSQL database (fixture `pg_url`) answers every route as it does
over the same data in DuckDB, and serves concurrent requests from its connection pool."""
from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi.testclient import TestClient

from veille.api import create_app
from veille.errors import VeilleError
from veille.settings import load_settings
from veille.store import Store
from veille_testdb import build

ROUTES = ["/events", "/events?actor=FRA&type=ACCUSE", "/events?since=2017-05-01&limit=2&offset=1",
          "/dyads/FRA/RUS?by=month", "/dyads/FRA/RUS?by=week", "/dyads/FRA/RUS/events?period=2017-03",
          "/documents/doc-1", "/documents/nope", "/actors", "/actors/FRA/quotes", "/search?q=russie",
          "/search?q=%25", "/events?type=NOPE", "/", "/ui/documents/doc-3"]


@pytest.fixture(scope="module")
def clients(test_db, tmp_path_factory, pg_cluster):
    import uuid

    import psycopg
    name = f"veille_api_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(pg_cluster.url(), autocommit=True) as con:
        con.execute(f'CREATE DATABASE "{name}"')  # a generated name
    url = pg_cluster.url(name)
    build(url)
    settings = load_settings()
    with TestClient(create_app(test_db, settings)) as duck, TestClient(create_app(url, settings)) as pg:
        yield duck, pg, url


def _body(response):
    """The response's JSON (without `ingested_at`, the time each database was written), or text."""
    if response.headers["content-type"].startswith("application/json"):
        body = response.json()
        if isinstance(body, dict):
            body.pop("ingested_at", None)
        return body
    return response.text


@pytest.mark.parametrize("route", ROUTES)
def test_route_answers_as_over_duckdb(clients, route):
    duck, pg, _ = clients
    a, b = duck.get(route), pg.get(route)
    assert (b.status_code, _body(b)) == (a.status_code, _body(a))


def test_event_detail_and_concurrent_requests(clients):
    duck, pg, _ = clients
    first = duck.get("/events").json()[0]["event_id"]
    assert pg.get(f"/events/{first}").json() == duck.get(f"/events/{first}").json()
    routes = ROUTES * 4
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda r: (pg.get(r).status_code, _body(pg.get(r))), routes))
    assert answers == [(duck.get(r).status_code, _body(duck.get(r))) for r in routes]


def test_api_stays_read_only_on_postgresql(clients):
    _, pg, url = clients
    source = pg.app.state.source
    with source.store() as db:
        with pytest.raises(Exception, match="read-only"):
            db.con.execute("DELETE FROM events")
    with Store.open(url, read_only=True) as store:
        assert store.counts()["events"] > 0


def test_a_database_without_tables_fails_at_start(pg_url):
    with pytest.raises(VeilleError) as err:
        create_app(pg_url, load_settings())
    assert err.value.code.name == "E812"
