"""REST API (FastAPI) and web UI server over a veille database, read-only."""
from .app import create_app, run_server

__all__ = ["create_app", "run_server"]
