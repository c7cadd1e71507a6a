#!/usr/bin/env python3
"""Measure ``taglint init``: pairwise precision and recall of its aliases against labels made by reading.

The data is committed under ``tests/data/init_eval/``, one pair of files per
real public collection (the notes themselves are not: only what ``init`` sees):

* ``NAME.tags.tsv``: one line per note that has a tag: its date (or empty), a
  tab, then its tag spellings separated by tabs.  Header lines start with
  ``#``; ``# notes: N`` gives the number of notes, tagged or not.
* ``NAME.labels.tsv``: ``a<TAB>b<TAB>same|different<TAB>why``: pairs judged by
  reading the notes to be one tag, and tempting pairs that are two.

Precision: of the pairs of spellings ``init`` puts in one group (as aliases,
not its commented-out candidates), the share labelled ``same``; every such
pair must be labelled, or the run says which are not.  Recall: of the pairs
the labels put in one group (``same`` pairs, closed transitively), the share
``init`` groups.  "True candidates": of the (canonical tag, candidate) pairs
written as comments, how many are one tag by the labels.  The bundled example is measured against the hand-made
``taxonomy.yaml`` instead: two spellings are one tag when it resolves both to
one tag (alias, case variant, or a deprecated tag and its ``replaced_by``).

Usage:
  python scripts/eval_init.py                      # the table: every collection and the example
  python scripts/eval_init.py --markdown           # the same, as the README's table
  python scripts/eval_init.py extract DIR NAME [--fields tags,categories] [--source URL]
  python scripts/eval_init.py candidates NAME      # related pairs with their evidence, to label
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data" / "init_eval"
sys.path.insert(0, str(REPO))

from taglint.tools.infer import infer  # noqa: E402
from taglint.tools.usage import Usage, usage_from_tag_sets  # noqa: E402


@dataclass(frozen=True)
class Score:
    name: str
    kind: str
    notes: int
    spellings: int
    true_pairs: int
    found_pairs: int
    correct: int
    candidates: int = 0  # pairs written as commented-out candidates (canonical, candidate)
    candidates_true: int = 0  # of those, pairs judged one tag
    unlabelled: tuple[tuple[str, str], ...] = ()

    @property
    def precision(self) -> float | None:
        return self.correct / self.found_pairs if self.found_pairs else None

    @property
    def recall(self) -> float | None:
        return self.correct / self.true_pairs if self.true_pairs else None


def read_tags(path: Path) -> Usage:
    notes: list[tuple[str | None, list[str]]] = []
    total = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# notes:"):
            total = int(line.split(":", 1)[1])
        if not line or line.startswith("# "):
            continue
        date, *tags = line.split("\t")
        notes.append((date or None, tags))
    notes += [(None, [])] * max(0, total - len(notes))  # untagged notes count in the weights
    return usage_from_tag_sets(notes)


def header(path: Path) -> dict[str, str]:
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("# "):
            break
        key, _, value = line[1:].partition(":")
        found[key.strip()] = value.strip()
    return found


def read_labels(path: Path) -> tuple[set[frozenset[str]], set[frozenset[str]]]:
    same: set[frozenset[str]] = set()
    different: set[frozenset[str]] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("# "):  # a tag may start with "#" (Obsidian), a comment with "# "
            continue
        a, b, verdict, *_ = [*line.split("\t"), ""]
        pair = frozenset((a, b))
        if verdict not in ("same", "different") or len(pair) != 2:
            raise SystemExit(f"{path}:{number}: expected a<TAB>b<TAB>same|different, got {line!r}")
        (same if verdict == "same" else different).add(pair)
    clash = same & different
    if clash:
        raise SystemExit(f"{path}: labelled both same and different: {sorted(map(sorted, clash))}")
    return same, different


def closure(pairs: Iterable[frozenset[str]]) -> set[frozenset[str]]:
    """Every pair inside the groups that ``pairs`` join (union-find)."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for pair in pairs:
        a, b = sorted(pair)
        parent[root(a)] = root(b)
    groups: dict[str, list[str]] = {}
    for x in list(parent):
        groups.setdefault(root(x), []).append(x)
    return {frozenset(p) for members in groups.values() for p in itertools.combinations(sorted(members), 2)}


def grouped_pairs(usage: Usage) -> set[frozenset[str]]:
    """The pairs of spellings ``init`` writes into one tag (its aliases only)."""
    return inferred_pairs(usage)[0]


def inferred_pairs(usage: Usage) -> tuple[set[frozenset[str]], set[frozenset[str]]]:
    """(pairs in one tag, pairs offered as commented-out candidates: a canonical tag and a candidate)."""
    result = infer(usage)
    grouped = {frozenset(p) for g in result.groups for p in itertools.combinations([g.canonical, *(m.name for m in g.aliases)], 2)}
    offered = {frozenset((g.canonical, m.name)) for g in result.groups for m in g.uncertain}
    return grouped, offered


def score_collection(name: str) -> Score:
    tags_path = DATA / f"{name}.tags.tsv"
    usage = read_tags(tags_path)
    same, different = read_labels(DATA / f"{name}.labels.tsv")
    truth = closure(same)
    found, offered = inferred_pairs(usage)
    labelled = truth | different
    unlabelled = tuple(sorted((a, b) for a, b in (sorted(p) for p in found - labelled)))
    return Score(
        name,
        header(tags_path).get("kind", ""),
        usage.notes,
        len(usage.tags),
        len(truth),
        len(found),
        len(found & truth),
        len(offered),
        len(offered & truth),
        unlabelled,
    )


def score_example() -> Score:
    """The bundled example against the hand-made taxonomy.yaml."""
    from taglint.project.config import find_config
    from taglint.project.taxonomy import load_taxonomy
    from taglint.tools.usage import scan

    notes = REPO / "examples" / "paper-notes"
    usage = scan([str(notes)], find_config(str(notes)))
    taxonomy = load_taxonomy(str(REPO / "taxonomy.yaml"))
    tag_of: dict[str, str] = {}
    for name in usage.tags:
        resolution = taxonomy.resolve(name)
        tag_of[name] = (resolution.tag.replaced_by or resolution.canonical) if resolution else name
    truth = {frozenset(p) for p in itertools.combinations(sorted(usage.tags), 2) if tag_of[p[0]] == tag_of[p[1]]}
    found, offered = inferred_pairs(usage)
    return Score(
        "paper-notes (bundled example)",
        "paper notes",
        usage.notes,
        len(usage.tags),
        len(truth),
        len(found),
        len(found & truth),
        len(offered),
        len(offered & truth),
    )


def collections() -> list[str]:
    return sorted(p.name[: -len(".tags.tsv")] for p in DATA.glob("*.tags.tsv"))


def _ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def table(scores: Sequence[Score], markdown: bool) -> str:
    def row(s: Score) -> tuple[str, ...]:
        return (
            s.name,
            s.kind,
            str(s.notes),
            str(s.spellings),
            str(s.true_pairs),
            str(s.found_pairs),
            str(s.correct),
            _ratio(s.precision),
            _ratio(s.recall),
            f"{s.candidates_true} of {s.candidates}",
        )

    rows = [row(s) for s in scores]
    real = [s for s in scores if not s.name.startswith("paper-notes")]
    if real:
        total = Score(
            "all real collections",
            "",
            sum(s.notes for s in real),
            sum(s.spellings for s in real),
            sum(s.true_pairs for s in real),
            sum(s.found_pairs for s in real),
            sum(s.correct for s in real),
            sum(s.candidates for s in real),
            sum(s.candidates_true for s in real),
        )
        rows.insert(len(real), row(total))
    head = ("collection", "kind", "notes", "spellings", "true pairs", "pairs found", "correct", "precision", "recall", "true candidates")
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
        return "\n".join(lines)
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)) for r in [head, *rows])


def extract(directory: str, name: str, fields: str, source: str, kind: str, inline: bool) -> None:
    """Write NAME.tags.tsv from a collection on disk, read exactly as ``init`` reads it."""
    from taglint.project.config import Config
    from taglint.tools.usage import note_date, read_notes

    config = Config(root=str(Path(directory).resolve()), tag_fields=tuple(fields.split(",")), inline_tags=inline)
    lines = []
    total = 0
    for note in read_notes([directory], config):
        total += 1
        names = sorted({o.name for o in note.tags if "\t" not in o.name and "\n" not in o.name})
        if names:
            lines.append("\t".join([note_date(note) or "", *names]))
    DATA.mkdir(parents=True, exist_ok=True)
    head = [f"# source: {source}", f"# kind: {kind}", f"# fields: {fields}{' + inline #tags' if inline else ''}", f"# notes: {total}"]
    (DATA / f"{name}.tags.tsv").write_text("\n".join(head + lines) + "\n", encoding="utf-8")
    print(f"{name}: {total} notes, {len(lines)} with tags")


def candidates(name: str) -> None:
    """Every pair the spelling relations link, with its context and current verdict, for labelling."""
    from taglint.tools.infer.context import context_of
    from taglint.tools.infer.decide import weigh
    from taglint.tools.infer.pairs import candidate_pairs
    from taglint.tools.infer.spelling import relate

    usage = read_tags(DATA / f"{name}.tags.tsv")
    labels_path = DATA / f"{name}.labels.tsv"
    same, different = read_labels(labels_path) if labels_path.exists() else (set(), set())
    ctx = context_of(usage)
    found = grouped_pairs(usage)
    for a, b in sorted(candidate_pairs(usage.tags), key=lambda p: (p[0].casefold(), p[1].casefold())):
        spelling = relate(a, b, ctx.nesting)
        if spelling is None:
            continue
        evidence = weigh(a, b, ctx)
        pair = frozenset((a, b))
        label = "same" if pair in same else "different" if pair in different else "?"
        verdict = "ALIAS" if pair in found else (evidence.verdict if evidence else "-")
        sim = ctx.similarity(a, b)
        succ = ctx.succession(a, b)
        print(
            "\t".join(
                [
                    label,
                    verdict,
                    spelling.kind,
                    a,
                    str(ctx.count(a)),
                    b,
                    str(ctx.count(b)),
                    str(ctx.shared(a, b)),
                    f"{sim:.2f}" if sim is not None else "-",
                    f"{succ.older}>{succ.score:.2f}" if succ else "-",
                ]
            )
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", nargs="?", default="report", choices=["report", "extract", "candidates"])
    parser.add_argument("args", nargs="*")
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--fields", default="tags")
    parser.add_argument("--source", default="")
    parser.add_argument("--kind", default="")
    parser.add_argument("--inline", action="store_true")
    options = parser.parse_args(argv)
    if options.command == "extract":
        extract(options.args[0], options.args[1], options.fields, options.source, options.kind, options.inline)
        return 0
    if options.command == "candidates":
        candidates(options.args[0])
        return 0
    names = options.args or collections()
    scores = [score_collection(n) for n in names] + [score_example()]
    print(table(scores, options.markdown))
    missing = [(s.name, p) for s in scores for p in s.unlabelled]
    for collection, (a, b) in missing:
        print(f"unlabelled pair found by init in {collection}: {a!r} / {b!r}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
