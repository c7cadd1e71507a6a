"""A progress bar on stderr for long runs of ``check`` and ``fix``.

A million notes take half a minute; with no sign of life a user cannot tell a
slow run from a hung one. The bar is click's own (``click.progressbar``: no
dependency to add, and nothing on the pre-commit path imports it). The walk
streams, so the total is unknown: the bar shows how many files are done.

It appears only when someone watches: stderr is a terminal (not a pipe, not
``TERM=dumb``), not in CI (``CI`` and the variables of the common CI services),
not with ``-q``; and only once the run is long, past ``AFTER_SECONDS`` or
``AFTER_FILES``, so a pre-commit batch or a small collection never flashes one.
Before findings are printed to the same terminal the bar's line is cleared, and
it is cleared for good when the run ends, so the report reads as without it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from typing import Any, TextIO

AFTER_SECONDS = 2.0
AFTER_FILES = 5000
# Set (non-empty, not "false"/"0") by CI services: GitHub Actions, GitLab CI, Travis, CircleCI,
# Buildkite and others set CI; Azure Pipelines, Jenkins and TeamCity only their own.
CI_VARIABLES = ("CI", "GITHUB_ACTIONS", "GITLAB_CI", "BUILDKITE", "CIRCLECI", "TF_BUILD", "JENKINS_URL", "TEAMCITY_VERSION")
_CLEAR_LINE = "\r\x1b[2K"
_SHOW_CURSOR = "\x1b[?25h"  # click hides the cursor while its bar is drawn


def watched(stream: Any, quiet: bool, environ: Mapping[str, str] = os.environ) -> bool:
    """Whether a person may be watching ``stream``: a terminal, outside CI, without ``-q``."""
    if quiet or environ.get("TERM") == "dumb":
        return False
    if any(environ.get(name, "").lower() not in ("", "0", "false") for name in CI_VARIABLES):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def long_run(files: int, seconds: float) -> bool:
    """Whether a run that has done ``files`` in ``seconds`` is long enough to show progress."""
    return files > AFTER_FILES or seconds > AFTER_SECONDS


class Progress:
    """Counts the files a run has done; draws the bar once the run is ``long_run`` and ``watched``.

    ``advance(n)`` after each batch, ``clear()`` before printing to the terminal, ``close()`` at the end.
    """

    def __init__(self, label: str, stream: TextIO, enabled: bool, clock: Callable[[], float] = time.monotonic) -> None:
        self.label = label
        self.stream = stream
        self.enabled = enabled
        self.clock = clock
        self.started = clock()
        self.files = 0
        self.bar: Any = None

    @classmethod
    def for_run(cls, label: str, quiet: bool, stream: TextIO | None = None) -> Progress:
        import sys

        stream = stream or sys.stderr
        return cls(label, stream, watched(stream, quiet))

    def advance(self, files: int) -> None:
        self.files += files
        if self.bar is None:
            if not (self.enabled and long_run(self.files, self.clock() - self.started)):
                return
            import click

            # An iterable without a length: the walk streams, so the total is unknown (click then shows the count).
            nothing: tuple[int, ...] = ()
            unsized = (item for item in nothing)  # a generator has no length hint (an empty tuple's iterator says 0)
            # Without a total, click moves one "#" to and fro; a bar of "-" would read as "nothing done yet".
            self.bar = click.progressbar(unsized, label=self.label, file=self.stream, show_pos=True, show_eta=False, empty_char=" ")
            self.bar.update(self.files)
            return
        self.bar.update(files)

    def clear(self) -> None:
        """Erase the bar's line (before other output reaches the terminal); the next ``advance`` draws it again."""
        if self.bar is not None:
            self.stream.write(_CLEAR_LINE)
            self.stream.flush()

    def close(self) -> None:
        if self.bar is not None:
            self.stream.write(_CLEAR_LINE + _SHOW_CURSOR)
            self.stream.flush()
            self.bar = None
