"""The list of CLI commands, one module each."""
from .dates import dates
from .extract import extract

ALL = [extract, dates]
