"""The REST API and web UI: `create_app(db_path, settings)` builds a FastAPI app over a
database opened read-only. Routes are thin: each calls one library function.

The database is opened when the app is built (so a missing or unreachable database fails
at start, not on the first request) as a `veille.store.readers.ReadSource`: each request
gets its own read-only Store, a cursor of one DuckDB connection that follows the newest
snapshot a running ingest publishes, or a pooled PostgreSQL connection."""
from __future__ import annotations

import datetime as dt
import os
from contextlib import asynccontextmanager
from typing import Any, Iterator

from fastapi import Depends, FastAPI, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..analysis import actor_quotes, dyad_events, dyad_timeline_json, event_detail, search, top_actors
from ..errors import E, VeilleError
from ..ontology.model import PLOVER_TYPES
from ..settings import Settings, load_settings
from ..store import Store
from ..store.readers import ReadSource
from ..web import STATIC_DIR, document_page, index_page, not_found_page
from . import errors

MAX_OFFSET = 2**63 - 1  # DuckDB's OFFSET is 64-bit: larger values are a 422, not a 500
PERIODS = ["week", "month"]

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def _page_size(name: str, value: int | None, settings: Settings, default: int) -> int:
    """`value`, or `default` capped by the setting when absent; E605 if above the setting."""
    if value is None:
        return min(default, settings.limits.max_page_size)
    if value > settings.limits.max_page_size:
        raise VeilleError(E.E605, param=name, limit=settings.limits.max_page_size, value=value)
    return value


def _event_type(value: str | None) -> str | None:
    if value and value.upper() not in PLOVER_TYPES:
        raise VeilleError(E.E012, value=value, allowed=", ".join(PLOVER_TYPES), param="type")
    return value.upper() if value else None


def create_app(db_path: str | os.PathLike[str], settings: Settings | None = None) -> FastAPI:
    """The API and UI over `db_path` (read-only). Raises E008/E500/E502/E010 (DuckDB) or
    E810/E811/E812 (PostgreSQL) at once if the database cannot be opened."""
    settings = settings or load_settings()
    source = ReadSource(db_path, connections=settings.serve.db_connections)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        source.close()

    app = FastAPI(title="veille", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  responses=errors.RESPONSES,
                  description="Political event data with evidence: events, dyads, documents, actors, quotes. "
                              "Read-only. Errors: {error: {code, parameter, message}}.")
    app.state.settings = settings
    app.state.source = source
    errors.install(app)
    max_page = settings.limits.max_page_size
    # limits the routes enforce themselves (E605, E604, E012, E601), declared in the OpenAPI schema too
    page = {"maximum": max_page}

    def store() -> Iterator[Store]:
        with source.store() as db:
            yield db

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    @app.get("/events", tags=["events"], summary="Events, oldest first, filtered")
    def list_events(actor: str | None = Query(None, description="actor entity key, e.g. FRA"),
                    recipient: str | None = Query(None, description="recipient entity key"),
                    type: str | None = Query(None, description="PLOVER type, e.g. ACCUSE",
                                             json_schema_extra={"enum": list(PLOVER_TYPES)}),
                    since: dt.date | None = Query(None, description="events reaching this day or later (YYYY-MM-DD)"),
                    until: dt.date | None = Query(None, description="events starting this day or earlier"),
                    limit: int | None = Query(None, ge=0, description=f"page size (default 100), at most {max_page}",
                                              json_schema_extra=page),
                    offset: int = Query(0, ge=0, le=MAX_OFFSET), db: Store = Depends(store)) -> list[dict[str, Any]]:
        return db.events(actor=actor or None, recipient=recipient or None, type=_event_type(type), since=since,
                         until=until, limit=_page_size("limit", limit, settings, 100), offset=offset)

    @app.get("/events/{event_id}", tags=["events"], summary="One event with its document text and evidence span")
    def get_event(event_id: str, db: Store = Depends(store)) -> dict[str, Any]:
        found = event_detail(db, event_id)
        if found is None:
            raise VeilleError(E.E602, event_id=event_id, param="event_id")
        return found

    @app.get("/dyads/{a}/{b}", tags=["dyads"], summary="Timeline of a dyad per week or month, both directions")
    def get_dyad(a: str, b: str, by: str = Query("month", description="week or month",
                                                 json_schema_extra={"enum": PERIODS}),
                 db: Store = Depends(store)) -> dict[str, Any]:
        return dyad_timeline_json(db, a, b, by)

    @app.get("/dyads/{a}/{b}/events", tags=["dyads"], summary="The events counted in one period of a dyad timeline")
    def get_dyad_events(a: str, b: str, period: str = Query(..., description="2017-03 (month) or 2017-W10 (week)",
                                                            json_schema_extra={"pattern": r"^[0-9]{4}-W?[0-9]{2}$"}),
                        by: str = Query("month", description="week or month", json_schema_extra={"enum": PERIODS}),
                        db: Store = Depends(store)) -> list[dict[str, Any]]:
        return dyad_events(db, a, b, by, period)

    @app.get("/documents/{doc_id}", tags=["documents"], summary="A document with its events")
    def get_document(doc_id: str, db: Store = Depends(store)) -> dict[str, Any]:
        found = db.document(doc_id)
        if found is None:
            raise VeilleError(E.E603, doc_id=doc_id, param="doc_id")
        return found

    @app.get("/actors", tags=["actors"], summary="Most active entities and dyads")
    def get_actors(limit: int | None = Query(None, ge=1, description=f"entities and dyads (default 20), at most {max_page}",
                                             json_schema_extra=page),
                   db: Store = Depends(store)) -> dict[str, Any]:
        return top_actors(db, limit=_page_size("limit", limit, settings, 20))

    @app.get("/actors/{key}/quotes", tags=["actors"], summary="What an entity's speakers said ([] if nothing)")
    def get_quotes(key: str, limit: int | None = Query(None, ge=0, description="page size (default 100)",
                                                       json_schema_extra=page),
                   offset: int = Query(0, ge=0, le=MAX_OFFSET),
                   db: Store = Depends(store)) -> list[dict[str, Any]]:
        return actor_quotes(db, key, limit=_page_size("limit", limit, settings, 100), offset=offset)

    @app.get("/search", tags=["search"], summary="Events (evidence text) and documents (title, text) matching q")
    def get_search(q: str = Query(..., description=f"text to find, at most {settings.limits.max_query_chars} "
                                                    "characters",
                                  json_schema_extra={"maxLength": settings.limits.max_query_chars, "pattern": r"\S"}),
                   limit: int | None = Query(None, ge=1, description="events and documents each (default 50)",
                                             json_schema_extra=page),
                   db: Store = Depends(store)) -> dict[str, Any]:
        return search(db, q, limit=_page_size("limit", limit, settings, 50),
                      max_chars=settings.limits.max_query_chars)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def ui_index() -> HTMLResponse:
        return HTMLResponse(index_page())

    @app.get("/ui/documents/{doc_id}", response_class=HTMLResponse, tags=["ui"],
             summary="Document page of the UI, evidence highlighted (?event= selects one event)")
    def ui_document(doc_id: str, event: str | None = None, db: Store = Depends(store)) -> HTMLResponse:
        page = document_page(db, doc_id, selected=event)
        if page is None:
            return HTMLResponse(not_found_page(f"Document {doc_id!r} not found."), status_code=404)
        return HTMLResponse(page)

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app


def run_server(db_path: str | os.PathLike[str], settings: Settings | None = None, host: str | None = None,
               port: int | None = None) -> None:
    """Serve `create_app(db_path, settings)` with uvicorn until interrupted."""
    import uvicorn
    settings = settings or load_settings()
    app = create_app(db_path, settings)
    uvicorn.run(app, host=host or settings.serve.host, port=settings.serve.port if port is None else port,
                log_level="warning")
