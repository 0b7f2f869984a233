"""Which token spans can spell a phrase of an index, found without building their keys.

The actor scan looks a span up by joining its normalised tokens with spaces, and by the same
key with the spaces around apostrophes or hyphens dropped ("d' orsay" -> "d'orsay"). Every
such key, once all its spaces are removed, is the span's tokens glued together; so a span
whose glued tokens are no phrase of the index (spaces removed) matches none of its keys, and
a span whose glued tokens begin no phrase cannot grow into one. Scanning from a token, the
glued string grows one token at a time and stops as soon as it begins no phrase: most tokens
cost one set look-up instead of a key per span length."""
from __future__ import annotations

from typing import Iterable, Sequence


def glued(word: str) -> str:
    """A normalised token as it appears in a phrase with its spaces removed."""
    return word.replace(" ", "")


class SpelledPhrases:
    def __init__(self, keys: Iterable[str]) -> None:
        whole = {glued(k) for k in keys}
        self.whole = frozenset(whole)
        self.starts = frozenset(w[:j] for w in whole for j in range(len(w) + 1))

    def lengths(self, words: Sequence[str], i: int, longest: int) -> list[int]:
        """Lengths of the spans starting at `i` (at most `longest` tokens), longest first, whose glued
        `words` (see `glued`) spell a phrase: the only spans whose keys can be in the index."""
        out = []
        spelled = ""
        for j in range(i, min(i + longest, len(words))):
            spelled += words[j]
            if spelled not in self.starts:
                break
            if spelled in self.whole:
                out.append(j + 1 - i)
        out.reverse()
        return out
