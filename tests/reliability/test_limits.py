"""Each limit is configurable and each refusal is a clear error: document size (E801 unread,
E205 after reading), sentence length sent to the parser (split, or E802), API page size
(E605) and query length (E604), as 422 JSON errors naming the parameter."""
from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from reliability_helpers import NoModelExtractor
from veille.errors import DocumentRejected
from veille.ingest.readers import read_paths
from veille.pipeline import split_long_sentences
from veille.records import Document
from veille.settings import Limits, Settings, load_settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "analysis"))
from veille_testdb import build  # noqa: E402


def settings(**limits) -> Settings:
    return dataclasses.replace(Settings(), limits=dataclasses.replace(Limits(), **limits))


def coded(extractor, docs):
    """What the Extractor sends to the parser (NoModelExtractor passes documents through)."""
    return [r if isinstance(r, DocumentRejected) else r.document for r in extractor.pipe(docs)]


def test_max_doc_chars_from_a_config_file(tmp_path):
    config = tmp_path / "veille.toml"
    config.write_text("[limits]\nmax_doc_chars = 100\n", encoding="utf-8")
    s = load_settings(config)
    assert s.limits.max_doc_chars == 100
    ok = Document(id="a", text="Paris accuse Moscou. " * 4, source="a.txt")
    long = Document(id="b", text="Paris accuse Moscou. " * 5, source="b.txt")
    out = coded(NoModelExtractor(s), [ok, long])
    assert out[0].id == "a"
    assert out[1].code.name == "E205" and "b.txt: document has 105 characters, more than the limit of 100" in str(out[1])
    (tmp_path / "c.txt").write_text("x" * 401, encoding="utf-8")  # more than 4 bytes per allowed character
    err = next(read_paths([str(tmp_path / "c.txt")], max_chars=100))
    assert err.code.name == "E801" and "401 bytes, more than the 400 bytes a text file may take" in str(err)


def test_long_sentences_are_split_in_place():
    text = "Début. " + " ".join(f"mot{i}" for i in range(250)) + ". Fin."
    out = coded(NoModelExtractor(settings(max_sentence_tokens=100)), [Document(id="a", text=text, source="a.txt")])[0]
    assert len(out.text) == len(text) and out.text.replace("\n", " ") == text  # offsets unchanged
    pieces = out.text[len("Début. "):-len(" Fin.")].split("\n")  # the long sentence, in pieces
    assert [len(p.split()) for p in pieces] == [100, 100, 50]
    short = "Paris accuse Moscou. " * 50  # many short sentences: nothing to split
    assert split_long_sentences(short, 10, "x") == (short, 0)


def test_unsplittable_sentence_is_rejected_with_a_clear_message():
    text = "Titre. " + ",".join(["a"] * 200)
    out = coded(NoModelExtractor(settings(max_sentence_tokens=50)), [Document(id="a", text=text, source="a.txt")])[0]
    assert out.code.name == "E802"
    assert "a.txt: the sentence at character 7 has 399 tokens, more than limits.max_sentence_tokens = 50" in str(out)


@pytest.mark.model
def test_split_sentences_reach_the_parser_split(fr_nlp):
    """The line breaks put in by the split end sentences in what the engine parses."""
    text = "Le président a dit que " + " et ".join(f"la ville numéro {i} est calme" for i in range(60)) + "."
    limit = 40
    split, breaks = split_long_sentences(text, limit, "x")
    assert breaks > 0
    from veille.nlp.components import parse_paragraphs  # how the coder parses: a line break ends a parse
    doc = next(parse_paragraphs(fr_nlp, [split]))
    assert max(len([t for t in s if not t.is_space]) for s in doc.sents) <= limit
    assert doc.text == split and len(split) == len(text)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = build(tmp_path_factory.mktemp("limits") / "test.duckdb")
    from veille.api import create_app
    with TestClient(create_app(db, settings(max_page_size=5, max_query_chars=12))) as c:
        yield c


def error_of(response, status=422):
    assert response.status_code == status, response.text
    return response.json()["error"]


def test_api_page_size_limit_is_the_setting(client):
    assert client.get("/events", params={"limit": 5}).status_code == 200
    err = error_of(client.get("/events", params={"limit": 6}))
    assert err["code"] == "E605" and err["parameter"] == "limit"
    assert "at most 5 (setting limits.max_page_size), got 6" in err["message"]
    for route, params in (("/actors", {}), ("/actors/FRA/quotes", {}), ("/search", {"q": "France"})):
        err = error_of(client.get(route, params={**params, "limit": 6}))
        assert err["code"] == "E605" and err["parameter"] == "limit", route


def test_api_query_length_limit_is_the_setting(client):
    assert client.get("/search", params={"q": "x" * 12}).status_code == 200
    err = error_of(client.get("/search", params={"q": "x" * 13}))
    assert err["code"] == "E604" and err["parameter"] == "q"
    assert "13 characters, more than the limit of 12 (setting limits.max_query_chars)" in err["message"]


def test_api_rejects_negative_and_non_numeric_paging(client):
    for params in ({"limit": -1}, {"offset": -1}, {"limit": "ten"}, {"limit": 10**30}):
        err = error_of(client.get("/events", params=params))
        assert err["parameter"] in ("limit", "offset") and err["code"] in ("E600", "E605"), params


@pytest.mark.model
def test_raised_max_doc_chars_is_honoured_by_the_parser():
    """A document under a raised max_doc_chars must not hit spaCy's own max_length (E088),
    which would fail its whole batch."""
    from veille.pipeline import Extractor
    extractor = Extractor(settings(max_doc_chars=3_000_000))
    assert extractor.coder("fr").nlp.max_length >= 3_000_000


def test_events_cli_refuses_offsets_beyond_64_bits(tmp_path, capsys):
    from veille.cli.main import main
    from veille.store import Store
    db = tmp_path / "db.duckdb"
    Store.open(db).close()
    for option in ("--offset", "--limit"):
        assert main(["events", "--db", str(db), option, str(2**64)]) == 1  # a usage error, not a crash
        assert f"Invalid value for '{option}'" in capsys.readouterr().err
    assert main(["events", "--db", str(db), "--offset", str(2**63 - 1), "--format", "jsonl"]) == 0
