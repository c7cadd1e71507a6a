"""The naive baseline checker: what a 30-line script with PyYAML's C loader does.

For each file: read, split the front matter, ``yaml.load(..., Loader=yaml.CSafeLoader)``,
check tags against the taxonomy, count findings per rule. No spans, no fixes, no cache.
Single process (:func:`check_files`) or a ``multiprocessing`` pool (:func:`check_parallel`).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import re
from collections import Counter
from pathlib import Path

import yaml

from bench import taxonomy as taxmod

REQUIRED_FIELDS = ("title", "date", "tags", "url")
_COMMA = re.compile(r"\s*,\s*")
_END = re.compile(r"^---[ \t]*\r?$", re.M)

try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing
    raise SystemExit("PyYAML was built without libyaml: the naive baseline needs CSafeLoader") from None


def list_notes(notes_dir: str | Path) -> list[str]:
    """All ``*.md`` files under ``notes_dir``, sorted (the walk is part of every timing)."""
    out = []
    for dirpath, dirnames, filenames in os.walk(notes_dir):
        dirnames.sort()
        out.extend(os.path.join(dirpath, f) for f in sorted(filenames) if f.endswith(".md"))
    return out


def split_front_matter(text: str) -> str | None:
    if text.startswith("\ufeff"):
        text = text[1:]
    if not (text.startswith(("---\n", "---\r\n"))):
        return None
    start = text.index("\n") + 1
    m = _END.search(text, start)
    if not m:
        return None
    return text[start : m.start()]


def check_text(text: str, tx: taxmod.Taxonomy, counts: Counter) -> None:
    fm = split_front_matter(text)
    if fm is None:
        counts["no-front-matter"] += 1
        return
    try:
        data = yaml.load(fm, Loader=_Loader)
    except yaml.YAMLError:
        counts["yaml-error"] += 1
        return
    if not isinstance(data, dict):
        data = {}
    for f in REQUIRED_FIELDS:
        v = data.get(f)
        if v is None or v == "" or v == []:
            counts["missing-field"] += 1
    raw_tags = data.get("tags")
    if raw_tags is None:
        tags: list[str] = []
    elif isinstance(raw_tags, str):  # split on commas when there is one, else whitespace
        parts = _COMMA.split(raw_tags.strip()) if "," in raw_tags else raw_tags.split()
        tags = [t for t in parts if t]
    elif isinstance(raw_tags, list):
        tags = [str(t) for t in raw_tags]
    else:
        tags = [str(raw_tags)]

    seen: set[str] = set()
    for tag in tags:
        rule, name = tx.resolve(tag)
        ident = name if name is not None else tx.key(tag)
        if ident in seen:
            counts["duplicate-tag"] += 1
            continue
        seen.add(ident)
        if rule != "ok":
            counts[rule] += 1
    known = {t for t in seen if t in tx.tags}
    missing: set[str] = set()
    for t in known:
        missing |= tx.ancestors[t] - known
    counts["missing-parent"] += len(missing)
    for members in tx.exclusive.values():
        k = len(members & known)
        if k > 1:
            counts["conflicting-tags"] += k - 1


def check_files(paths: list[str], tx: taxmod.Taxonomy) -> Counter:
    counts: Counter = Counter()
    for p in paths:
        with open(p, "rb") as fh:
            data = fh.read()
        check_text(data.decode("utf-8"), tx, counts)
    counts["files"] += len(paths)
    return counts


_worker_tx: taxmod.Taxonomy | None = None


def _init(raw: dict) -> None:
    global _worker_tx
    _worker_tx = taxmod.Taxonomy.from_raw(raw)


def _work(paths: list[str]) -> Counter:
    assert _worker_tx is not None
    return check_files(paths, _worker_tx)


def check_parallel(paths: list[str], tx: taxmod.Taxonomy, procs: int = 2, chunks: int = 64) -> Counter:
    size = max(1, -(-len(paths) // chunks))
    parts = [paths[i : i + size] for i in range(0, len(paths), size)]
    total: Counter = Counter()
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    with ctx.Pool(procs, initializer=_init, initargs=(tx.raw,)) as pool:
        for c in pool.imap_unordered(_work, parts):
            total.update(c)
    return total


def run(notes_dir: str | Path, taxonomy_path: str | Path, procs: int = 1) -> Counter:
    """List, read and check every note under ``notes_dir``: the timed unit of work."""
    with open(taxonomy_path, encoding="utf-8") as fh:
        tx = taxmod.Taxonomy.from_raw(yaml.load(fh, Loader=_Loader) or {})
    paths = list_notes(notes_dir)
    return check_files(paths, tx) if procs == 1 else check_parallel(paths, tx, procs)


if __name__ == "__main__":
    import argparse
    import json
    import time

    ap = argparse.ArgumentParser(description="naive PyYAML-based tag checker (baseline)")
    ap.add_argument("notes_dir")
    ap.add_argument("--taxonomy", default="taxonomy.yaml")
    ap.add_argument("-j", "--procs", type=int, default=1)
    a = ap.parse_args()
    t0 = time.perf_counter()
    c = run(a.notes_dir, a.taxonomy, a.procs)
    print(json.dumps({"seconds": round(time.perf_counter() - t0, 3), "counts": dict(sorted(c.items()))}))
