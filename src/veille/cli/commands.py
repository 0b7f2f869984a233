"""The list of CLI commands, one module each."""
from .actors import actors
from .dates import dates
from .dyad import dyad
from .demo import demo
from .events import events
from .eval import eval_command
from .export import export
from .extract import extract
from .ingest import ingest
from .quotes import quotes
from .search import search
from .serve import serve

ALL = [extract, dates, quotes]
ALL += [ingest, events, export]
ALL += [eval_command]
ALL += [demo]
ALL += [dyad, actors, search, serve]
