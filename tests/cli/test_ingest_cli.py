"""`veille ingest` exit codes and messages. Inputs here never reach the language model:
they are all rejected by the readers or already stored."""
import json
import subprocess
import sys

import pytest

from veille.cli.main import main
from veille.store import Store


def test_all_rejected_exit_2_with_each_reject_on_stderr(tmp_path, capsys):
    path = tmp_path / "bad.jsonl"
    path.write_text("{oops\n" + json.dumps({"id": "a"}) + "\n", encoding="utf-8")
    db = tmp_path / "db.duckdb"
    assert main(["ingest", str(path), "--db", str(db), "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert f"{path}:1" in err and "E203" in err
    assert f"{path}:2" in err and "E204" in err and "'text'" in err
    with Store.open(db, read_only=True) as s:
        assert s.counts()["rejects"] == 2


def test_missing_input_exit_1_and_no_database(tmp_path, capsys):
    db = tmp_path / "db.duckdb"
    assert main(["ingest", str(tmp_path / "nope.jsonl"), "--db", str(db)]) == 1
    assert "E007" in capsys.readouterr().err
    assert not db.exists()


def test_dask_engine_unreachable_scheduler_exit_1(tmp_path, capsys, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr("veille.scale.cluster.CONNECT_TIMEOUT", "1s")
    (tmp_path / "a.txt").write_text("Texte.", encoding="utf-8")
    code = main(["ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "db.duckdb"),
                 "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"])
    assert code == 1
    assert "E702" in capsys.readouterr().err
    assert not (tmp_path / "db.duckdb").exists()


def test_locked_database_exit_1_with_clear_message(tmp_path, capsys):
    db = tmp_path / "db.duckdb"
    Store.open(db).close()
    (tmp_path / "a.txt").write_text("", encoding="utf-8")
    holder = subprocess.Popen([sys.executable, "-c",
                               "import sys, duckdb; c = duckdb.connect(sys.argv[1]); print('ready', flush=True); sys.stdin.read()",
                               str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        assert main(["ingest", str(tmp_path / "a.txt"), "--db", str(db)]) == 1
    finally:
        holder.stdin.close()
        holder.wait()
    err = capsys.readouterr().err
    assert "E010" in err and "locked" in err


def test_help_has_example():
    from click.testing import CliRunner

    from veille.cli.main import cli
    for name in ("ingest", "events", "export"):
        result = CliRunner().invoke(cli, [name, "--help"])
        assert result.exit_code == 0 and "Example: veille " + name in result.output
