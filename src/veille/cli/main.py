"""`veille` command line: a click group; each command lives in its own module and
wraps one library function. Errors from the library become exit codes here:
0 success, 1 usage/configuration, 2 finished with rejected inputs, 3 internal."""
from __future__ import annotations

import logging
import sys

import click

from ..errors import VeilleError
from .commands import LazyGroup

EXIT_OK, EXIT_USAGE, EXIT_REJECTS, EXIT_INTERNAL = 0, 1, 2, 3


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", type=click.Path(dir_okay=False), default=None,
              help="TOML file overriding packaged defaults (also $VEILLE_CONFIG).")
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-v info, -vv debug).")
@click.version_option(package_name="veille")
@click.pass_context
def cli(ctx: click.Context, config: str | None, verbose: int) -> None:
    """veille: political event data from French and English news.

    Example: veille extract article.txt --date 2023-11-17
    """
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    ctx.ensure_object(dict)
    ctx.obj["config"] = config


def main(argv: list[str] | None = None) -> int:
    try:
        result = cli.main(args=argv, standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return EXIT_USAGE
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return EXIT_USAGE
    except VeilleError as exc:
        click.echo(f"veille: {exc}", err=True)
        return EXIT_REJECTS if exc.is_document_error else EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    return int(result or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
