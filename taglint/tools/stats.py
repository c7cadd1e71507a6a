"""The ``taglint tags`` table: every tag in use with its count, status and dates.

Tags come from notes a pull request may have written: every format prints them
through ``taglint.report.escape`` (text and CSV cells ``visible``, JSON ``json_text``).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass

from taglint.project.taxonomy import Taxonomy
from taglint.report.escape import json_text, visible, visible_line
from taglint.tools.usage import Usage, canonical_counts

COLUMNS = ("tag", "count", "status", "canonical", "first", "last", "note")


@dataclass(frozen=True, slots=True)
class Row:
    tag: str
    count: int
    status: str  # canonical | alias | deprecated | unknown
    canonical: str = ""
    first: str = ""
    last: str = ""
    note: str = ""


def status_of(name: str, taxonomy: Taxonomy) -> tuple[str, str]:
    resolution = taxonomy.resolve(name)
    if resolution is None:
        return "unknown", ""
    if resolution.tag.deprecated:
        return "deprecated", resolution.tag.replaced_by or ""
    if resolution.kind == "canonical":
        return "canonical", resolution.canonical
    return "alias", resolution.canonical


def rows(usage: Usage, taxonomy: Taxonomy) -> list[Row]:
    from taglint.checks.didyoumean import suggest

    found = []
    for name, item in sorted(usage.tags.items(), key=lambda kv: (-kv[1].count, kv[0].casefold())):
        status, canonical = status_of(name, taxonomy)
        note = ""
        if status == "unknown" and item.count == 1:
            hint = suggest(name, taxonomy)
            note = "likely typo" + (f' (did you mean "{hint.name}"?)' if hint else "")
        found.append(Row(name, item.count, status, canonical, item.first or "", item.last or "", note))
    return found


def unused_rows(usage: Usage, taxonomy: Taxonomy) -> list[Row]:
    direct, _ = canonical_counts(usage, taxonomy)
    return [Row(n, 0, "deprecated" if t.deprecated else "canonical", n) for n, t in taxonomy.tags.items() if not direct.get(n)]


def format_rows(found: list[Row], fmt: str) -> str:
    if fmt == "json":
        return json_text(json.dumps([asdict(r) for r in found], ensure_ascii=False, indent=2)) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        # A newline inside a quoted cell is valid CSV, but it would start a line of the printed output.
        writer.writerows(
            [visible_line(value) if isinstance(value, str) else value for value in (getattr(r, c) for c in COLUMNS)] for r in found
        )
        return out.getvalue()
    if not found:
        return ""
    tags = [visible_line(r.tag) for r in found]
    width = max(len(tag) for tag in tags)
    lines = [f"{'tag':<{width}}  {'count':>5}  {'status':<10}  {'first':<10}  {'last':<10}  note"]
    for r, tag in zip(found, tags, strict=False):
        extra = r.note or (f"-> {r.canonical}" if r.status in ("alias", "deprecated") and r.canonical else "")
        lines.append(
            f"{tag:<{width}}  {r.count:>5}  {r.status:<10}  {visible(r.first):<10}  {visible(r.last):<10}  {visible(extra)}".rstrip()
        )
    return "\n".join(lines) + "\n"
