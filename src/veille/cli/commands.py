"""The list of CLI commands, one module each."""
from .extract import extract

ALL = [extract]
