"""The list of CLI commands, one module each."""
from .dates import dates
from .demo import demo
from .events import events
from .eval import eval_command
from .export import export
from .extract import extract
from .ingest import ingest

ALL = [extract, dates]
ALL += [ingest, events, export]
ALL += [eval_command]
ALL += [demo]
