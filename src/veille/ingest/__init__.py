"""Reading documents from files, directories and standard input."""
from .readers import read_paths

__all__ = ["read_paths"]
