"""Per-language data: each supported language is a folder with the same files.
`load_language(lang)` reads and checks them into a `LanguageData` object."""
from .loader import LanguageData, LexiconEntry, load_language, supported_languages

__all__ = ["LanguageData", "LexiconEntry", "load_language", "supported_languages"]
