"""The web UI: static single-page views (plain JS + SVG, no CDN) and server-rendered
document pages with highlighted evidence."""
from importlib import resources

from .highlight import highlight
from .pages import document_page, index_page, not_found_page

STATIC_DIR = str(resources.files(__package__).joinpath("static"))

__all__ = ["STATIC_DIR", "document_page", "highlight", "index_page", "not_found_page"]
