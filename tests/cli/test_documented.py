"""Every command is documented: in the README's command table and with an example in --help."""
from pathlib import Path

import pytest

from veille.cli.commands import ALL

README = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")


@pytest.mark.parametrize("command", ALL, ids=lambda c: c.name)
def test_command_in_readme(command):
    assert f"veille {command.name}" in README, f"README does not document 'veille {command.name}'"


@pytest.mark.parametrize("command", ALL, ids=lambda c: c.name)
def test_command_help_has_an_example(command):
    assert "Example" in (command.help or ""), f"'veille {command.name} --help' has no example"
