#!/usr/bin/env python3
"""Compare taglint's reading of a real collection with an independent reference reader, and check `fix` on a copy.

usage: scripts/compare_reference.py COLLECTION_DIR REFERENCE_JSONL [--fields F ...] [--dialect D] [--inline]
                                    [--fix] [--show N]

REFERENCE_JSONL is the output of an independent reader (one JSON object per
note: "path", "tags": {field: [names]}, and with --inline "inline": [names]),
for instance /work/corpora/reference.py (PyYAML/tomllib/json, no taglint
import). For every note it lists, the same file is read with taglint
(``parse_note`` with the collection's dialect, auto-detected unless --dialect)
and the names per field are compared, in order. Prints one summary line
(notes compared, notes agreeing) and each disagreement (up to --show).

--fix copies the collection to a temporary directory, writes a taxonomy with
`taglint init`, runs `taglint fix` twice, and checks that every byte outside
the tag spans of the notes read before the fix is unchanged, that the second
run changes nothing, and that no run printed a traceback or an internal error.

Only figures are printed: nothing of the collection is kept or committed.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from typing import Any

from taglint.api import Options, load_config
from taglint.model import Span
from taglint.parse import dialects
from taglint.parse.notes import Note, parse_note


def taglint_names(note: Note, fld: str, dialect: str) -> list[str]:
    fold = dialects.keys_ignore_case(dialect)
    return [o.name for o in note.tags if o.field is not None and (o.field.lower() == fld.lower() if fold else o.field == fld)]


def compare(root: str, reference: list[dict[str, Any]], fields: Sequence[str], dialect: str, inline: bool) -> tuple[int, int, list[str]]:
    agree, differences = 0, []
    for record in reference:
        with open(os.path.join(root, record["path"]), "rb") as handle:
            note = parse_note(record["path"], handle.read(), tuple(fields), inline, dialect)
        problems = []
        for fld in fields:
            ours, theirs = taglint_names(note, fld, dialect), [str(n) for n in record["tags"].get(fld, [])]
            if ours != theirs:
                problems.append(
                    f"{fld}: taglint {ours} reference {theirs} (raw {json.dumps(record.get('raw', {}).get(fld), ensure_ascii=False)})"
                )
        if inline:
            ours = [o.name for o in note.tags if o.field is None]
            if ours != record.get("inline", []):
                problems.append(f"inline: taglint {ours} reference {record.get('inline', [])}")
        if problems:
            parse = "; taglint: " + "; ".join(p.message for p in note.problems) if note.problems else ""
            error = f"; reference error: {record['error']}" if record.get("error") else ""
            differences.append(f"{record['path']} [{record['format']}]: " + " | ".join(problems) + parse + error)
        else:
            agree += 1
    return len(reference), agree, differences


def run(args: list[str], cwd: str) -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, "-m", "taglint", *args], cwd=cwd, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"}
    )
    return done.returncode, done.stdout + done.stderr


def allowed_spans(note: Note) -> list[Span]:
    """Where a fix may write: every editable tag, its removal, and the insertion points after it and after its line."""
    spans: list[Span] = []
    for occurrence in note.tags:
        if not occurrence.editable:
            continue
        spans.append(occurrence.span)
        if occurrence.removal is not None:
            spans.append(occurrence.removal)
        line_end = min(
            (i for i in (note.text.find("\n", occurrence.span.end), note.text.find("\r", occurrence.span.end)) if i != -1),
            default=len(note.text),
        )
        spans.append(Span(line_end, min(line_end + 2, len(note.text))))
    return spans


def outside_tags(before: Note, after_text: str) -> list[str]:
    """The changes of ``after_text`` that touch text outside every allowed span of ``before``."""
    spans = _merged(allowed_spans(before), before.text)
    bad = []
    matcher = difflib.SequenceMatcher(None, before.text, after_text, autojunk=False)
    text = before.text
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal" or any(span.start <= a1 and a2 <= span.end for span in spans):
            continue
        # difflib may place a deletion anywhere in a run that repeats ("a", "a" minus ', "a"'): any equivalent place will do.
        if op == "delete" and any(
            span.start <= a1 + k and a2 + k <= span.end and _same_deletion(text, a1, a2, k)
            for span in spans
            for k in range(-(a2 - a1) - 8, a2 - a1 + 9)
        ):
            continue
        bad.append(f"{op} {text[a1:a2]!r} -> {after_text[b1:b2]!r} at {a1}")
    return bad


def _merged(spans: list[Span], text: str) -> list[Span]:
    """``spans`` plus, for neighbours parted only by ", " (a list's separator), the span over both: difflib
    may align two neighbouring edits across the separator between them ("pid, motor" -> "PID, topic/motor")."""
    ordered = sorted(spans)
    merged: list[Span] = list(ordered)
    run = ordered[0] if ordered else None
    for span in ordered[1:]:
        assert run is not None
        if span.start <= run.end or (text[run.end : span.start].strip(" ,") == ""):
            run = Span(run.start, max(run.end, span.end))
            merged.append(run)
        else:
            run = span
    return merged


def _same_deletion(text: str, a1: int, a2: int, shift: int) -> bool:
    """Whether deleting ``text[a1+shift:a2+shift]`` leaves what deleting ``text[a1:a2]`` leaves."""
    s1, s2 = a1 + shift, a2 + shift
    if s1 < 0 or s2 > len(text):
        return False
    low, high = min(a1, s1), max(a2, s2)
    return text[low:a1] + text[a2:high] == text[low:s1] + text[s2:high]


def check_fix(root: str, fields: Sequence[str], dialect: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as temp:
        copy = os.path.join(temp, os.path.basename(os.path.abspath(root)))
        shutil.copytree(root, copy, symlinks=True, ignore=shutil.ignore_patterns(".git"))
        os.makedirs(os.path.join(copy, ".git"))  # the collection's own repository root, as it was
        with open(os.path.join(copy, "taglint.toml"), "w", encoding="utf-8") as handle:
            handle.write(f'dialect = "{dialect}"\ntag-fields = {json.dumps(list(fields))}\n')
        before: dict[str, bytes] = {}
        for folder, _dirs, files in os.walk(copy):
            for name in files:
                if name.lower().endswith((".md", ".markdown", ".mdx")):
                    path = os.path.join(folder, name)
                    with open(path, "rb") as handle:
                        before[path] = handle.read()
        outputs = [run(["init", "."], copy)]
        outputs.append(run(["check", "--no-cache", "-q", "."], copy))
        outputs.append(run(["fix", "--no-cache", "-q", "."], copy))
        changed, bad = 0, []
        for path, data in before.items():
            with open(path, "rb") as handle:
                now = handle.read()
            if now == data:
                continue
            changed += 1
            note = parse_note(path, data, tuple(fields), False, dialect)
            problems = outside_tags(note, now.decode("utf-8").removeprefix("\ufeff"))
            bad.extend(f"{os.path.relpath(path, copy)}: {p}" for p in problems)
        second = run(["fix", "--no-cache", "-q", "."], copy)
        outputs.append(second)
        again = sum(1 for path, data in before.items() if open(path, "rb").read() != data) - changed  # noqa: SIM115
        crashes = [line for _, out in outputs for line in out.splitlines() if "Traceback" in line or "internal error" in line]
        second_changed = [line for line in second[1].splitlines() if line.startswith("Fixed ") and not line.startswith("Fixed 0 ")]
        return {
            "notes": len(before),
            "changed by fix": changed,
            "changes outside tags": bad,
            "second fix changed": second_changed or again,
            "tracebacks": crashes,
        }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("root")
    parser.add_argument("reference")
    parser.add_argument("--fields", nargs="+")
    parser.add_argument("--dialect", choices=dialects.CHOICES, default="auto")
    parser.add_argument("--inline", action="store_true")
    parser.add_argument("--fix", action="store_true")
    parser.add_argument("--show", type=int, default=20)
    args = parser.parse_args(argv)
    with open(args.reference, encoding="utf-8") as handle:
        reference = [json.loads(line) for line in handle]
    fields = args.fields or sorted({fld for record in reference for fld in record["tags"]})
    config = load_config([args.root], Options(dialect=args.dialect))
    total, agree, differences = compare(args.root, reference, fields, config.dialect, args.inline)
    print(f"{os.path.basename(os.path.abspath(args.root))}: dialect {config.dialect} ({config.dialect_reason}); fields {', '.join(fields)}")
    print(f"  notes compared {total}, agreeing {agree}, disagreeing {len(differences)}")
    for line in differences[: args.show]:
        print("  DIFF " + line[:600])
    if args.fix:
        found = check_fix(args.root, fields, config.dialect)
        print("  fix: " + json.dumps({k: (len(v) if isinstance(v, list) else v) for k, v in found.items()}))
        for key in ("changes outside tags", "tracebacks"):
            for line in found[key][: args.show]:
                print(f"  {key.upper()}: {line[:400]}")
    return 0 if not differences else 1


if __name__ == "__main__":
    sys.exit(main())
