"""Language identification for `--lang auto`, per document.

Uses py3langid, whose model (`py3langid/data/model.npz.xz`) ships inside its wheel:
nothing is downloaded. The model is loaded once per process and per set of supported
languages (about 0.8 s), then classifying a news article takes well under a millisecond.
"""
from __future__ import annotations

import functools
import logging
from typing import Any, Sequence

log = logging.getLogger(__name__)

MIN_LETTERS = 20  # shorter texts are too weak a signal: use the default
MIN_PROBABILITY = 0.6  # below this (among the supported languages) use the default
SAMPLE_CHARS = 5000  # the start of a long article is enough


@functools.lru_cache(maxsize=4)
def _identifier(supported: tuple[str, ...]) -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    known = set(identifier.nb_classes)
    langs = [lang for lang in supported if lang in known]
    identifier.set_languages(langs or None)
    return identifier


def detect_language(text: str, supported: Sequence[str], default: str) -> str:
    """The most likely of the `supported` languages for `text`, or `default` when the text
    is too short or the model is unsure."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return default
    lang, prob = _identifier(tuple(sorted(supported))).classify(sample)
    if lang not in supported or prob < MIN_PROBABILITY:
        log.debug("language unsure (%s, p=%.2f): using %s", lang, prob, default)
        return default
    return lang
