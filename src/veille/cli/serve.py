"""`veille serve`: the REST API and the web UI over a database, read-only (uvicorn
running `veille.api.create_app`)."""
from __future__ import annotations

import click

from .common import db_option, settings_from


@click.command("serve")
@db_option()
@click.option("--host", default=None, help="Address to bind (default from settings: 127.0.0.1, loopback only).")
@click.option("--port", type=click.IntRange(0, 65535), default=None, help="Port (default from settings: 8765).")
@click.pass_context
def serve(ctx: click.Context, db_path: str, host: str | None, port: int | None) -> None:
    """Serve the REST API (OpenAPI schema at /openapi.json) and the web UI at / over a
    database opened read-only. Stop with Ctrl-C.

    A DuckDB file that an ingest is writing is served from the snapshots it publishes,
    each newer one as soon as it appears; an ingest started later into a served file must
    wait. A PostgreSQL database is shared: ingests may write while the server answers.

    Example: veille serve --db news.duckdb --port 8765   # then open http://127.0.0.1:8765/
    """
    from ..api import run_server
    from ..store.dialect import redact
    settings = settings_from(ctx)
    host = host or settings.serve.host
    port = settings.serve.port if port is None else port
    click.echo(f"veille: serving {redact(db_path)} (read-only) on http://{host}:{port}/  (Ctrl-C to stop)", err=True)
    run_server(db_path, settings, host=host, port=port)
