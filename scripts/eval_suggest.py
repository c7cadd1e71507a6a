#!/usr/bin/env python3
"""Evaluate ``taglint suggest`` by leaving notes out (needs ``pip install -e '.[suggest]'``).

Usage::

    python scripts/eval_suggest.py                       # seeds' 001 notes (when present) + the bundled example
    python scripts/eval_suggest.py --collection DIR      # also a real collection (tags from its front matter)
    python scripts/eval_suggest.py --only example --folds 10 --json

Collections:

* ``seeds``: the 265 tagged notes of ``../shared/seeds/001_*.txt`` (or
  ``--seeds DIR``): title and date as front matter, the Japanese summary and
  the comments as the body; tags as in the dump (the page tag, the same on
  every note, is left out, as in issue 22's baselines); the repository's
  ``taxonomy.yaml``. Nothing from the seeds is written anywhere.
* ``example``: ``examples/paper-notes``, titles only (the bodies there were
  generated from the tags, so they would give them away); tags resolved to
  canonical names through ``taxonomy.yaml``.
* ``--collection DIR``: every note with tags under DIR, read as taglint reads
  notes (``--tag-field``, default ``tags``); each tag name used is a canonical
  tag (case variants merged into the most used spelling), no descriptions.

Each note is scored by a model built without it (leave-one-out; ``--folds N``
for N interleaved folds, the default for collections of more than 400 notes).
Prints one table per collection: the model and issue 22's two baselines.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from taglint.checks.tagmodel.text import doc_of, make_doc  # noqa: E402
from taglint.project.taxonomy import TagDef, Taxonomy, compile_taxonomy, load_taxonomy  # noqa: E402
from taglint.tools.suggest.build import Example, TagInfo  # noqa: E402
from taglint.tools.suggest.evaluate import Scores, evaluate  # noqa: E402

_TAGLINE = re.compile(r"^(#.*?)\s*Issue Date: (\d{4}-\d{2}-\d{2})(.*)$")
LOO_LIMIT = 400


def tag_infos(taxonomy: Taxonomy) -> list[TagInfo]:
    return [TagInfo(t.name, t.aliases, t.description) for t in taxonomy.tags.values() if not t.deprecated]


def seed_examples(seeds: str) -> list[Example]:
    """The 001 dump's notes: the same reading as scripts/build_examples.py, plus summary and comments."""
    paths = sorted(glob.glob(os.path.join(seeds, "001_*.txt")))
    if not paths:
        return []
    with open(paths[0], encoding="utf-8") as handle:
        lines = handle.read().split("\n")
    starts = [i for i, line in enumerate(lines) if line.strip() == "Paper/Blog Link My Issue"]
    examples = []
    for number, i in enumerate(starts):
        match = _TAGLINE.match(lines[i + 1])
        if match is None:
            raise SystemExit(f"{paths[0]}:{i + 2}: unexpected tag line")
        tags = tuple(t for t in match.group(1).strip()[1:].split(" #") if t)
        summary = re.sub(r"\s*Comment\s*$", "", re.sub(r"^\s*GPT Summary-\s*", "", match.group(3)))
        end = starts[number + 1] - 1 if number + 1 < len(starts) else len(lines)
        body = "\n".join([summary, *lines[i + 2 : end]])
        doc = make_doc({"title": lines[i - 1].strip(), "date": match.group(2)}, body)
        examples.append(Example(f"seed-001-{number}", doc, tags))
    return examples


def note_examples(
    directory: str, taxonomy: Taxonomy | None, tag_fields: Sequence[str], titles_only: bool
) -> tuple[list[Example], Taxonomy]:
    from taglint.parse.notes import parse_note

    notes = []
    for path in sorted(glob.glob(os.path.join(directory, "**", "*.md"), recursive=True)):
        with open(path, "rb") as handle:
            note = parse_note(path, handle.read(), tag_fields)
        if note.parsed and note.tags:
            notes.append(note)
    if taxonomy is None:
        taxonomy = _taxonomy_of([o.name for n in notes for o in n.tags])
    examples = []
    for note in notes:
        canonical = []
        for occurrence in note.tags:
            resolution = taxonomy.resolve(occurrence.name)
            if resolution is not None:
                name = resolution.tag.replaced_by or resolution.canonical
                if name not in canonical:
                    canonical.append(name)
        title = note.data().get("title")
        doc = make_doc({"title": title if isinstance(title, str) else ""}, "") if titles_only else doc_of(note, tag_fields)
        examples.append(Example(note.path, doc, tuple(canonical)))
    return examples, taxonomy


def _taxonomy_of(names: Sequence[str]) -> Taxonomy:
    """Every tag used is canonical; spellings that differ only in case go to the most used one."""
    counts = Counter(names)
    best: dict[str, str] = {}
    for name, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        best.setdefault(name.casefold(), name)
    tags = {name: TagDef(name) for name in best.values()}
    return compile_taxonomy(tags, {}, False, "<collection>")


def report(name: str, results: list[Scores], seconds: float, as_json: bool) -> None:
    if as_json:
        print(json.dumps({"collection": name, "seconds": round(seconds, 1), "results": [r.row() for r in results]}))
        return
    print(f"\n{name} ({results[0].notes} notes, {seconds:.0f} s)\n")
    print("| method | P@3 | R@3 | P@5 | R@5 |\n|---|---:|---:|---:|---:|")
    for r in results:
        row = r.row()
        print(f"| {r.method} | {row['P@3']:.3f} | {row['R@3']:.3f} | {row['P@5']:.3f} | {row['R@5']:.3f} |")


def fallback_weights(examples: list[Example], taxonomy: Taxonomy) -> int:
    """The weights small collections rank with: a logistic regression on the seeds' training pairs."""
    from taglint.checks.tagmodel.score import FEATURES
    from taglint.tools.suggest import build as build_module
    from taglint.tools.suggest import linear

    pairs: list = []
    build_module.build(examples, tag_infos(taxonomy), pairs_out=pairs)
    # Only signals whose scale means the same in any collection: ranks and counts do not transfer.
    used = [FEATURES.index(name) for name in ("ridge", "vote", "in_title", "in_text", "description")]
    table, answers = pairs[0]
    weights, bias = linear.fit(table[:, used], answers)
    full = [0.0] * len(FEATURES)
    for index, weight in zip(used, weights, strict=False):
        full[index] = round(float(weight), 2)
    print(f"FALLBACK_WEIGHTS = np.array({full})\nFALLBACK_BIAS = {round(bias, 2)}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", default=os.path.join(ROOT, "..", "shared", "seeds"))
    parser.add_argument("--collection", action="append", default=[], help="a directory of notes (repeatable)")
    parser.add_argument("--tag-field", action="append", default=None)
    parser.add_argument("--only", choices=["seeds", "example", "collections"])
    parser.add_argument("--folds", type=int, default=None, help="N interleaved folds instead of leave-one-out")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--fallback-weights", action="store_true", help="fit score.FALLBACK_WEIGHTS on the seeds' pairs and print them")
    args = parser.parse_args(argv)
    repo_taxonomy = load_taxonomy(os.path.join(ROOT, "taxonomy.yaml"))
    if args.fallback_weights:
        return fallback_weights(seed_examples(args.seeds), repo_taxonomy)
    jobs: list[tuple[str, list[Example], Taxonomy]] = []
    if args.only in (None, "seeds"):
        seeds = seed_examples(args.seeds)
        if seeds:
            jobs.append(("seeds 001 (title + summary + comments)", seeds, repo_taxonomy))
        elif args.only == "seeds":
            print(f"no seeds at {args.seeds}", file=sys.stderr)
            return 2
    if args.only in (None, "example"):
        examples, _ = note_examples(os.path.join(ROOT, "examples", "paper-notes"), repo_taxonomy, ("tags", "tag"), titles_only=True)
        jobs.append(("examples/paper-notes (titles only)", examples, repo_taxonomy))
    for directory in args.collection:
        examples, taxonomy = note_examples(directory, None, args.tag_field or ["tags"], titles_only=False)
        jobs.append((os.path.basename(os.path.normpath(directory)), examples, taxonomy))
    for name, examples, taxonomy in jobs:
        folds = args.folds if args.folds is not None else (None if len(examples) <= LOO_LIMIT else 10)
        started = time.perf_counter()
        results = evaluate(examples, tag_infos(taxonomy), taxonomy, folds)
        report(name + ("" if folds is None else f", {folds} folds"), results, time.perf_counter() - started, args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
