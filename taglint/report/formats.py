"""The report formats, registered in ``FORMATS``, and the ``Reporter`` that prints a run in one of them.

Each format is a ``Writer`` class, ``Writer(out, options)``; the registry
names it and its module, says whether its output is for machines (then the human summary goes
to stderr, so stdout stays parseable) and whether it lists clean files too.
The modules are imported when used, so that listing the names (the CLI's
``--output-format`` choices) costs nothing.

Every string a writer takes from the checked files goes through
``taglint.report.escape`` first: paths, tags and messages can be hostile.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TextIO

if TYPE_CHECKING:
    from taglint.model import Batch, FileResult
    from taglint.project.setup import Setup
    from taglint.report.destination import ReportFile


class Writer(Protocol):
    def add_all(self, results: Iterable[FileResult]) -> None: ...

    def finish(self) -> None: ...


@dataclass(frozen=True)
class FormatOptions:
    """What a writer may need besides the results."""

    setup: Setup
    fail_on: str = "error"
    color: bool = False


@dataclass(frozen=True)
class Format:
    name: str
    factory: str  # "module:Class" of its Writer, called as Class(out, options)
    summary: str  # one line, for --help and the README's table
    machine: bool  # read by tools: the human summary goes to stderr
    clean_files: bool = False  # the writer also wants files without findings (JUnit's passing test cases)

    def writer(self, out: TextIO, options: FormatOptions) -> Writer:
        module, _, name = self.factory.partition(":")
        return getattr(importlib.import_module(module), name)(out, options)


_FORMATS = (
    Format("text", "taglint.report.output:TextWriter", "path:line:col: CODE rule message", machine=False),
    Format("json", "taglint.report.output:JsonWriter", "one JSON list of findings", machine=True),
    Format("json-lines", "taglint.report.output:JsonLinesWriter", "one JSON object per finding per line", machine=True),
    Format("github", "taglint.report.github:GithubWriter", "GitHub Actions workflow commands, then the text report", machine=False),
    Format("sarif", "taglint.report.sarif:SarifWriter", "SARIF 2.1.0 for code scanning", machine=True),
    Format("gitlab", "taglint.report.gitlab:GitlabWriter", "GitLab Code Quality JSON", machine=True),
    Format("junit", "taglint.report.junit:JunitWriter", "JUnit XML, one test case per checked file", machine=True, clean_files=True),
)
FORMATS: dict[str, Format] = {f.name: f for f in _FORMATS}


def default_format(environ: Mapping[str, str]) -> str:
    """``github`` inside GitHub Actions (which sets GITHUB_ACTIONS=true), else ``text``."""
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"


class Reporter:
    """Prints a run in one format, to stdout or to the ``-o`` file, file by file as results come."""

    def __init__(
        self, fmt: str, out: TextIO, setup: Setup, fail_on: str = "error", color: bool = False, file: ReportFile | None = None
    ) -> None:
        self.fmt, self.out, self.setup, self.fail_on = fmt, out, setup, fail_on
        self.format = FORMATS[fmt]
        self.file = file  # the -o file, ours to commit or discard
        self.writer = self.format.writer(out, FormatOptions(setup, fail_on, color))

    @classmethod
    def open(cls, fmt: str, path: str | None, setup: Setup, fail_on: str = "error", color: bool = False) -> Reporter:
        """A reporter writing to ``-o/--output-file`` (UTF-8, never coloured), or to stdout. Raises ReportError."""
        if path is None or path == "-":
            return cls(fmt, sys.stdout, setup, fail_on, color)
        from taglint.report.destination import ReportFile

        file = ReportFile(path)
        return cls(fmt, file.stream, setup, fail_on, False, file)

    @property
    def owned(self) -> bool:
        """Whether the report goes to a file (``-o``) rather than stdout."""
        return self.file is not None

    @property
    def is_document(self) -> bool:
        """Whether the report is for machines: the summary and messages then go to stderr."""
        return self.format.machine

    def add(self, result: FileResult, show: bool = True) -> None:
        """Report one file; ``show=False`` (``--statistics``) keeps human formats quiet."""
        self._add((result,), show)

    def add_batch(self, batch: Batch, show: bool = True) -> None:
        """Report a batch of files (its clean ones only to formats that list them)."""
        self._add(batch.results() if self.format.clean_files else (result for _, result in batch.found), show)

    def _add(self, results: Iterable[FileResult], show: bool) -> None:
        if show or self.format.machine:
            try:
                self.writer.add_all(results)
            except (OSError, UnicodeError) as exc:
                self._failed(exc)

    def write(self, text: str) -> None:
        self.out.write(text + "\n")

    def finish(self, write: bool = True) -> None:
        """End the report; ``write=False`` drops it (``fix --diff`` without ``-o``)."""
        try:
            if write:
                self.writer.finish()
        except (OSError, UnicodeError) as exc:
            self._failed(exc)
        if self.file is None:
            self.out.flush()
        elif write:
            self.file.commit()
        else:
            self.file.discard()

    def close(self) -> None:
        """Drop an unfinished ``-o`` report (the run failed or was stopped); nothing after ``finish``."""
        if self.file is not None:
            self.file.discard()

    def _failed(self, exc: OSError | UnicodeError) -> None:
        if self.file is None:
            raise exc  # stdout: a closed pipe is the CLI's to handle
        self.file.discard()
        raise self.file.error(exc) from None
