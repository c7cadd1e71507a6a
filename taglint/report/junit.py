"""JUnit XML: one test case per checked file, as CI dashboards expect.

A file fails (``<failure>``) when it has a finding that fails the run
(errors, and warnings with ``--fail-on warning``); its other findings are
listed in ``<system-out>``. The layout follows the de-facto schema that
Jenkins, GitLab and Azure read: ``testsuites > testsuite > testcase``.

Every text goes through ``escape.visible`` (the text lines through
``output.text_line``): XML 1.0 forbids most control characters, even as
character references, so a tag holding one would make the document invalid.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, TextIO

from taglint.model import FileResult
from taglint.report import output
from taglint.report.escape import visible, xml_text
from taglint.report.output import failing

if TYPE_CHECKING:
    from taglint.report.formats import FormatOptions


def document(results: Sequence[FileResult], fail_on: str = "error") -> ET.Element:
    suites = ET.Element("testsuites", name="taglint")
    suite = ET.SubElement(suites, "testsuite", name="taglint")
    failures = 0
    for result in results:
        path = visible(result.path)
        case = ET.SubElement(suite, "testcase", name=path, classname="taglint", file=path, time="0")
        bad = [d for d in result.diagnostics if failing(d.severity, fail_on)]
        other = [d for d in result.diagnostics if not failing(d.severity, fail_on)]
        if bad:
            failures += 1
            first = bad[0]
            failure = ET.SubElement(
                case,
                "failure",
                message=visible(f"{len(bad)} finding{'s' if len(bad) != 1 else ''}: {first.code} {first.message}"),
                type=visible(first.code),
            )
            failure.text = "\n".join(output.text_line(result, d) for d in bad)
        if other:
            ET.SubElement(case, "system-out").text = "\n".join(output.text_line(result, d) for d in other)
    counts = {"tests": str(len(results)), "failures": str(failures), "errors": "0", "skipped": "0", "time": "0"}
    for element in (suites, suite):
        for key, value in counts.items():
            if element is suites and key == "skipped":
                continue
            element.set(key, value)
    return suites


def write(results: Sequence[FileResult], out: TextIO, fail_on: str = "error") -> None:
    root = document(results, fail_on)
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(xml_text(ET.tostring(root, encoding="unicode")))
    out.write("\n")


class JunitWriter:
    """Keeps every checked file (a clean one is a passing test case) and writes the document at the end."""

    def __init__(self, out: TextIO, options: FormatOptions) -> None:
        self.out, self.fail_on = out, options.fail_on
        self.results: list[FileResult] = []

    def add_all(self, results: Iterable[FileResult]) -> None:
        self.results.extend(results)

    def finish(self) -> None:
        write(self.results, self.out, self.fail_on)
