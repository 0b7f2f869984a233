"""Load and check a language folder: lexicon.jsonl (event triggers), labels.json
(dependency-label map), cues.json (modality, attribution, reciprocity and other
function words), roles.jsonl (role nouns) and dates.json (temporal words, read by
the timex tagger). Every bad entry fails with file, line and reason (E101)."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any, Mapping

from ..errors import E, VeilleError
from ..ontology import load_ontology
from ..ontology.model import PLOVER_TYPES

# Abstract argument slots a lexicon frame may name; the label map turns them into
# the labels of the language's parser.
SLOTS = ("subj", "obj", "iobj", "obl", "agent", "pass_subj", "nmod", "poss", "amod", "place", "governor_subj",
         "reciprocal", "partner", "obj_place", "obj_obl", "comp_subj", "comp_obl",
         "comp_obj", "comp_event_subj")
LABEL_KEYS = ("subj", "pass_subj", "agent", "obj", "iobj", "obl", "nmod", "case", "mark", "xcomp", "ccomp",
              "advcl", "acl", "conj", "cc", "appos", "amod", "det", "flat", "aux", "aux_pass", "cop", "expl",
              "advmod", "nummod", "punct", "root", "compound", "dep", "parataxis", "pobj")
MODES = {"asserted", "alleged", "future", "hypothetical", "negated"}


@dataclass(frozen=True)
class Condition:
    """A constraint an entry puts on its trigger's dependents."""
    obj_lemmas: frozenset[str] = frozenset()      # the object (or a noun complement) must be one of these
    reflexive: bool | None = None                 # needs a reflexive clitic (se rendre)
    preps: frozenset[str] = frozenset()           # an oblique with one of these prepositions must exist
    particles: frozenset[str] = frozenset()       # a particle of a phrasal verb must follow it ('stepped down')
    obj_person: bool = False                      # the object of a verb, if any, and the oblique of `preps` of a
                                                  # noun name a person, a group or an actor (or a thing of theirs)
    except_lemmas: frozenset[str] = frozenset()   # no event when the object (or a complement) is one of these


@dataclass(frozen=True)
class Override:
    """Another coding when a complement noun is in `lemmas` (e.g. appeler à un renforcement -> AGREE)."""
    lemmas: frozenset[str]
    type: str
    cameo: str
    mode: str | None = None


@dataclass(frozen=True)
class LexiconEntry:
    id: str
    lemma: str                      # single lemma, or a multiword noun written with spaces
    pos: str                        # VERB or NOUN (ADJ for a few)
    type: str
    cameo: str
    mode: str | None
    actor: tuple[str, ...]          # slots tried in order for the actor
    recipient: tuple[str, ...]      # slots tried in order for the recipient
    recipient_preps: frozenset[str]
    actor_preps: frozenset[str]     # prepositions of an oblique actor ('received weapons from X'); default: of, by...
    symmetric: bool
    recipient_required: bool        # no event without a recipient (soutenir X, but not 'soutenir une interprétation')
    complement_event: str | None    # modality of an embedded event (accuse X d'avoir fait Y -> 'alleged')
    modality: str | None            # modality the trigger itself imposes (e.g. 'future' for 'promettre')
    condition: Condition
    overrides: tuple[Override, ...]
    contexts: tuple[str, ...]
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...] = ()  # sentences the entry must not code (other senses of the word)
    line: int = 0


@dataclass(frozen=True)
class LanguageData:
    lang: str
    lexicon: tuple[LexiconEntry, ...]
    labels: Mapping[str, frozenset[str]]
    cues: Mapping[str, Any]
    roles: Mapping[str, Mapping[str, Any]]
    dates: Mapping[str, Any]
    version: str
    by_lemma: Mapping[tuple[str, str], tuple[LexiconEntry, ...]] = field(default_factory=dict)

    def label(self, key: str) -> frozenset[str]:
        return self.labels.get(key, frozenset())

    @cached_property
    def _cue_sets(self) -> dict[str, frozenset[str]]:
        # built once: engine modules read cues per token ('document_nouns', 'place_preps'...)
        return {k: frozenset(v) for k, v in self.cues.items() if isinstance(v, (list, tuple))}

    def cue(self, key: str) -> frozenset[str]:
        return self._cue_sets.get(key, frozenset())

    def entries(self, lemma: str, pos: str) -> tuple[LexiconEntry, ...]:
        return self.by_lemma.get((lemma, pos), ())


def supported_languages() -> tuple[str, ...]:
    root = resources.files(__package__)
    return tuple(sorted(p.name for p in root.iterdir() if p.is_dir() and p.joinpath("lexicon.jsonl").is_file()))


def _fail(path: str, line: int, reason: str) -> VeilleError:
    return VeilleError(E.E101, path=path, line=line, reason=reason)


def _slots(value: Any, path: str, line: int, name: str) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else list(value or [])
    for item in items:
        if item not in SLOTS:
            raise _fail(path, line, f"{name} slot {item!r} unknown; allowed: {', '.join(SLOTS)}")
    return tuple(items)


_ENTRY_KEYS = {"id", "lemma", "pos", "type", "cameo", "mode", "actor", "recipient", "recipient_preps", "actor_preps",
               "symmetric",
               "recipient_required", "complement_event", "modality", "obj_lemmas", "reflexive", "preps", "particles", "overrides", "contexts", "examples",
               "counter_examples", "obj_person", "except_lemmas", "note"}


def parse_entry(obj: Mapping[str, Any], path: str, line: int) -> LexiconEntry:
    unknown = set(obj) - _ENTRY_KEYS
    if unknown:
        raise _fail(path, line, f"unknown field(s) {sorted(unknown)}; allowed: {sorted(_ENTRY_KEYS)}")
    for req in ("id", "lemma", "pos", "type", "cameo", "examples"):
        if req not in obj:
            raise _fail(path, line, f"missing field {req!r}")
    ontology = load_ontology()
    if obj["type"] not in PLOVER_TYPES:
        raise _fail(path, line, f"type {obj['type']!r} is not a PLOVER type")
    cameo = str(obj["cameo"])
    if ontology.cameo_code(cameo) is None:
        raise _fail(path, line, f"CAMEO code {cameo!r} unknown")
    if obj["pos"] not in ("VERB", "NOUN", "ADJ"):
        raise _fail(path, line, f"pos {obj['pos']!r} must be VERB, NOUN or ADJ")
    for key in ("complement_event", "modality"):
        if obj.get(key) is not None and obj[key] not in MODES:
            raise _fail(path, line, f"{key} {obj[key]!r} must be one of {sorted(MODES)}")
    examples = obj["examples"]
    if not isinstance(examples, list) or not examples or not all(isinstance(x, str) and x for x in examples):
        raise _fail(path, line, "examples must be a non-empty list of sentences")
    counter = obj.get("counter_examples", [])
    if not isinstance(counter, list) or not all(isinstance(x, str) and x for x in counter):
        raise _fail(path, line, "counter_examples must be a list of sentences")
    overrides = []
    for ov in obj.get("overrides", []):
        if ov.get("type") not in PLOVER_TYPES or ontology.cameo_code(str(ov.get("cameo", ""))) is None:
            raise _fail(path, line, f"override {ov!r} needs a PLOVER type and a known CAMEO code")
        overrides.append(Override(frozenset(ov["lemmas"]), ov["type"], str(ov["cameo"]), ov.get("mode")))
    is_noun = obj["pos"] == "NOUN"
    default_actor = ("poss", "nmod", "amod", "governor_subj") if is_noun else ("subj",)
    if is_noun and obj.get("symmetric"):
        default_actor += ("reciprocal",)
    default_recipient = ("nmod",) if is_noun else ("obj",)
    return LexiconEntry(
        id=obj["id"], lemma=obj["lemma"], pos=obj["pos"], type=obj["type"], cameo=cameo, mode=obj.get("mode"),
        actor=_slots(obj.get("actor", default_actor), path, line, "actor"),
        recipient=_slots(obj.get("recipient", default_recipient), path, line, "recipient"),
        recipient_preps=frozenset(obj.get("recipient_preps", [])), actor_preps=frozenset(obj.get("actor_preps", [])),
        symmetric=bool(obj.get("symmetric", False)),
        recipient_required=bool(obj.get("recipient_required", False)),
        complement_event=obj.get("complement_event"), modality=obj.get("modality"),
        condition=Condition(frozenset(obj.get("obj_lemmas", [])), obj.get("reflexive"), frozenset(obj.get("preps", [])),
                            frozenset(obj.get("particles", [])), bool(obj.get("obj_person", False)),
                            frozenset(obj.get("except_lemmas", []))),
        overrides=tuple(overrides), contexts=tuple(obj.get("contexts", [])), examples=tuple(examples),
        counter_examples=tuple(counter), line=line)


def _read_jsonl(folder: Traversable, name: str, lang: str) -> list[tuple[int, dict]]:
    path = f"lang/{lang}/{name}"
    file = folder.joinpath(name)
    if not file.is_file():
        return []
    out = []
    for lineno, raw in enumerate(file.read_text("utf-8").splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("//"):
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise _fail(path, lineno, f"invalid JSON: {exc.msg}") from None
        if not isinstance(obj, dict):
            raise _fail(path, lineno, "each line must be a JSON object")
        out.append((lineno, obj))
    return out


def _read_json(folder: Traversable, name: str, lang: str) -> dict:
    file = folder.joinpath(name)
    if not file.is_file():
        return {}
    try:
        return json.loads(file.read_text("utf-8"))
    except json.JSONDecodeError as exc:
        raise _fail(f"lang/{lang}/{name}", exc.lineno, f"invalid JSON: {exc.msg}") from None


@lru_cache(maxsize=8)
def load_language(lang: str) -> LanguageData:
    """Read-only language data, cached once per process and language."""
    supported = supported_languages()
    if lang not in supported:
        raise VeilleError(E.E001, lang=lang, supported=", ".join(supported))
    return read_language(resources.files(__package__).joinpath(lang), lang)


def read_language(folder: Traversable, lang: str) -> LanguageData:
    """Language data from a folder (the packaged one, or one saved with a spaCy pipeline)."""
    entries, seen = [], set()
    for lineno, obj in _read_jsonl(folder, "lexicon.jsonl", lang):
        entry = parse_entry(obj, f"lang/{lang}/lexicon.jsonl", lineno)
        if entry.id in seen:
            raise _fail(f"lang/{lang}/lexicon.jsonl", lineno, f"duplicate id {entry.id!r}")
        seen.add(entry.id)
        entries.append(entry)
    labels_raw = _read_json(folder, "labels.json", lang)
    unknown = set(labels_raw) - set(LABEL_KEYS) - {"_note"}
    if unknown:
        raise _fail(f"lang/{lang}/labels.json", 0, f"unknown label key(s) {sorted(unknown)}; allowed: {LABEL_KEYS}")
    labels = {k: frozenset(v) for k, v in labels_raw.items() if not k.startswith("_")}
    roles: dict[str, dict] = {}
    for lineno, obj in _read_jsonl(folder, "roles.jsonl", lang):
        if not obj.get("phrase") or not obj.get("role"):
            raise _fail(f"lang/{lang}/roles.jsonl", lineno, "needs 'phrase' and 'role'")
        roles[obj["phrase"]] = obj
    by_lemma: dict[tuple[str, str], list[LexiconEntry]] = {}
    for entry in entries:
        by_lemma.setdefault((entry.lemma, entry.pos), []).append(entry)
    version_src = folder.joinpath("lexicon.jsonl").read_bytes() + folder.joinpath("cues.json").read_bytes()
    import hashlib
    return LanguageData(lang=lang, lexicon=tuple(entries), labels=labels, cues=_read_json(folder, "cues.json", lang),
                        roles=roles, dates=_read_json(folder, "dates.json", lang),
                        version=hashlib.sha1(version_src).hexdigest()[:12],
                        by_lemma={k: tuple(v) for k, v in by_lemma.items()})
