"""The CLI imports a command's module only when that command is used (veille.cli.commands)."""
import json
import subprocess
import sys

from click.testing import CliRunner

from veille.cli.commands import COMMANDS, load_command
from veille.cli.main import cli

PROBE = """
import json, sys
from veille.cli.main import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "loaded": sorted(m for m in ("spacy", "fastapi", "pandas", "duckdb", "uvicorn")
                                                  if m in sys.modules)}))
"""


def _loaded(*args: str) -> dict:
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_help_lists_every_command():
    out = CliRunner().invoke(cli, ["--help"]).output
    for name in COMMANDS:
        assert f"  {name} " in out, f"veille --help does not list {name}"


def test_registry_names_match_the_commands():
    for name in COMMANDS:
        assert load_command(name).name == name


def test_serve_does_not_import_spacy_and_extract_does_not_import_the_web_stack():
    serve = _loaded("serve", "--help")
    assert serve["code"] == 0 and "spacy" not in serve["loaded"], serve
    extract = _loaded("extract", "--help")
    assert extract["code"] == 0 and not {"fastapi", "uvicorn"} & set(extract["loaded"]), extract
