"""The list of CLI commands, one module each, imported lazily.

`veille serve` must not pay for spaCy, and `veille extract` not for FastAPI: the group
(`LazyGroup`) imports a command's module only when that command runs or when its help
is shown (`veille --help` imports them all, to list their one-line help)."""
from __future__ import annotations

import importlib

import click

# command name -> "module:attribute" (modules relative to veille.cli); `veille --help` sorts them
COMMANDS: dict[str, str] = {
    "extract": "extract:extract", "dates": "dates:dates", "quotes": "quotes:quotes",
    "ingest": "ingest:ingest", "events": "events:events", "export": "export:export",
    "eval": "eval:eval_command",
    "demo": "demo:demo",
    "dyad": "dyad:dyad", "actors": "actors:actors", "search": "search:search", "serve": "serve:serve",
}


def load_command(name: str) -> click.Command:
    """Import and return the click command `name` (one of COMMANDS)."""
    module, attr = COMMANDS[name].split(":")
    command = getattr(importlib.import_module(f"{__package__}.{module}"), attr)
    if command.name != name:  # a registry typo would otherwise surface as a confusing click error
        raise RuntimeError(f"veille.cli.{module}.{attr} is the command {command.name!r}, registered as {name!r}")
    return command


class LazyGroup(click.Group):
    """A click group whose commands (COMMANDS) are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *super().list_commands(ctx)})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS:
            return load_command(cmd_name)
        return super().get_command(ctx, cmd_name)


def __getattr__(name: str) -> list[click.Command]:
    if name == "ALL":  # every command, imported now (tests, documentation checks)
        return [load_command(n) for n in COMMANDS]
    raise AttributeError(name)
