"""Report formats beyond text and JSON: GitHub workflow commands, SARIF 2.1.0, JUnit XML.

``text``, ``github`` and ``json`` stream one file at a time; ``sarif`` and
``junit`` are documents written once at the end. The summary of a document
format (json included) goes to stderr.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping, Sequence
from typing import TextIO

from taglint.report import output
from taglint.model import Batch, FileResult
from taglint.project.setup import Setup

FORMATS = ("text", "json", "github", "sarif", "junit")
DOCUMENTS = frozenset({"json", "sarif", "junit"})


def default_format(environ: Mapping[str, str]) -> str:
    """``github`` inside GitHub Actions (which sets GITHUB_ACTIONS=true), else ``text``."""
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"


def stream_lines(fmt: str, result: FileResult, color: bool = False) -> Iterator[str]:
    """The lines ``text`` or ``github`` prints for one file."""
    if fmt == "github":
        from taglint.report import github

        # Annotations are capped per step by GitHub, so the full text report follows them.
        yield from (github.annotation(result, d) for d in result.diagnostics)
    yield from (output.text_line(result, d, color) for d in result.diagnostics)


def write_document(fmt: str, results: Sequence[FileResult], out: TextIO, setup: Setup, fail_on: str = "error") -> None:
    """Write a whole-run document format (json, sarif, junit) to ``out``."""
    if fmt == "json":
        output.write_json(results, out)
    elif fmt == "sarif":
        from taglint.report import sarif

        sarif.write(results, out, setup)
    elif fmt == "junit":
        from taglint.report import junit

        junit.write(results, out, fail_on)
    else:
        raise ValueError(f"{fmt} is not a document format")


class Reporter:
    """Prints stream formats file by file and keeps results for document formats."""

    def __init__(self, fmt: str, out: TextIO, setup: Setup, fail_on: str = "error", color: bool = False, owned: bool = False) -> None:
        self.fmt, self.out, self.setup, self.fail_on, self.color = fmt, out, setup, fail_on, color
        self.owned = owned  # the report file is ours to close
        self.results: list[FileResult] = []
        # JSON streams its findings (order is the walk's either way); SARIF and JUnit need the whole run.
        self.json = output.JsonWriter(out) if fmt == "json" else None

    @classmethod
    def open(cls, fmt: str, path: str | None, setup: Setup, fail_on: str = "error", color: bool = False) -> Reporter:
        """A reporter writing to ``-o/--output-file`` (UTF-8, never coloured), or to stdout."""
        if path is None or path == "-":
            return cls(fmt, sys.stdout, setup, fail_on, color)
        return cls(fmt, open(path, "w", encoding="utf-8", newline="\n"), setup, fail_on, False, owned=True)

    @property
    def is_document(self) -> bool:
        return self.fmt in DOCUMENTS

    def add(self, result: FileResult, show: bool = True) -> None:
        """Report one file; ``show=False`` (``--statistics``) keeps stream formats quiet."""
        if self.json is not None:
            self.json.add(result)
        elif self.is_document:
            # Clean files matter only to JUnit (a passing testcase each); keeping them
            # for SARIF would make memory grow with the collection.
            if result.diagnostics or self.fmt == "junit":
                self.results.append(result)
        elif show:
            for line in stream_lines(self.fmt, result, self.color):
                self.out.write(line + "\n")

    def add_batch(self, batch: Batch, show: bool = True) -> None:
        """Report a batch of files; only JUnit needs its clean files one by one."""
        if self.fmt == "junit":
            for result in batch.results():
                self.add(result, show)
        elif self.json is not None:
            self.json.add_all(result for _, result in batch.found)
        elif not self.is_document and show:
            lines = [line for _, result in batch.found for line in stream_lines(self.fmt, result, self.color)]
            if lines:
                self.out.write("\n".join(lines) + "\n")  # one write a batch, not one a line
        else:
            for _, result in batch.found:
                self.add(result, show)

    def write(self, text: str) -> None:
        self.out.write(text + "\n")

    def finish(self, write: bool = True) -> None:
        if write and self.json is not None:
            self.json.finish()
        elif write and self.is_document:
            write_document(self.fmt, self.results, self.out, self.setup, self.fail_on)
        if self.owned:
            self.out.close()
        else:
            self.out.flush()
