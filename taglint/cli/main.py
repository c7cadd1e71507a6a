"""The full ``taglint`` command line (the console entry point tries ``taglint.cli.fast`` first)."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click

from taglint.cli import (  # noqa: F401  (register their commands on the group)
    lint_cmds,
    live_cmds,
    retag_cmds,
    suggest_cmd,
    taxonomy_cmds,
    tool_cmds,
)
from taglint.cli.app import cli
from taglint.cli.exits import EXIT_CLEAN, EXIT_CONFIG, EXIT_FINDINGS, EXIT_INTERRUPTED
from taglint.report.destination import ReportError


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        # A file name that is not valid UTF-8 (or text the terminal cannot encode) is printed escaped, never a traceback.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    try:
        # Without standalone mode click returns ctx.exit()'s code instead of raising SystemExit.
        code = cli.main(args=list(argv) if argv is not None else None, prog_name="taglint", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        return EXIT_CONFIG if exc.exit_code in (1, 2) else int(exc.exit_code)
    except ReportError as exc:
        click.echo(f"Error: {exc}", err=True)
        return EXIT_CONFIG
    except click.exceptions.Abort as exc:
        click.echo("Aborted.", err=True)
        # Ctrl-C (click wraps it); every note is its old or its new bytes.
        return _interrupted() if isinstance(exc.__cause__, KeyboardInterrupt) else EXIT_CONFIG
    except KeyboardInterrupt:  # outside click's own handling
        click.echo("\nAborted.", err=True)
        return _interrupted()
    except BrokenPipeError:
        return EXIT_FINDINGS
    return code if isinstance(code, int) else EXIT_CLEAN


def _interrupted() -> int:
    """Exit 130 after a Ctrl-C, and ignore another while the interpreter shuts down.

    A second interrupt during shutdown (a key held down, or a signal the
    kernel delivers again while workers are being reaped) would end the
    process with an uncaught KeyboardInterrupt, killed by SIGINT instead of
    exiting 130, after "Aborted." was already printed.
    """
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    return EXIT_INTERRUPTED
