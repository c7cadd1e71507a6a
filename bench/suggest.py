"""Timings of ``taglint suggest`` (kept apart from the main bench rows).

Usage::

    python -m bench.suggest [--sizes 300,10000] [--repeat 3] [--keep DIR]

For each size, a deterministic collection is generated: 200 tags, each with
its own 30 made-up words; a note carries 2-6 tags and ~250 words of body (half
from its tags' words, half common ones), 10% of the notes are untagged.
Rows (best of ``--repeat``; wall seconds and CPU seconds, the latter steadier
while other jobs share the CPU; this process unless noted):

- ``build``: read the notes, build the model, store it (what the first
  ``taglint suggest`` run pays);
- ``one note, stored model``: load the stored model, suggest for one untagged
  note (what the linter pays per note, after its one model load);
- ``one note, CLI``: ``taglint suggest NOTE --from DIR`` in a new process with
  the model stored (interpreter start and imports included);
- ``every note``: suggestions for all notes with the stored model (in-process);
- ``all, CLI, cold``: ``taglint suggest DIR --no-cache`` in a new process:
  read, build, suggest for the notes that need it, print.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable

TAGS = 200
WORDS_PER_TAG = 30
SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ze", "po", "qu", "da", "fe", "gi", "hu", "ja"]
COMMON = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "is",
    "that",
    "it",
    "for",
    "on",
    "with",
    "as",
    "was",
    "at",
    "by",
    "this",
    "be",
    "from",
    "or",
    "have",
    "an",
    "are",
    "which",
    "not",
    "but",
    "can",
    "more",
    "one",
    "all",
    "their",
]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def generate(directory: str, count: int, seed: int = 0) -> None:
    rng = random.Random(seed)
    names = [f"Topic{i:03d}" for i in range(TAGS)]
    vocab = {name: [_word(rng) for _ in range(WORDS_PER_TAG)] for name in names}
    with open(os.path.join(directory, "taxonomy.yaml"), "w", encoding="utf-8") as handle:
        handle.write("version: 1\ntags:\n" + "".join(f"  {n}: {{description: {' '.join(vocab[n][:3])}}}\n" for n in names))
    notes = os.path.join(directory, "notes")
    for i in range(count):
        sub = os.path.join(notes, f"{i // 1000:03d}")
        os.makedirs(sub, exist_ok=True)
        weights = [1.0 / (1 + j) ** 0.8 for j in range(TAGS)]  # a few tags are common, most are rare
        tags = sorted(set(rng.choices(names, weights, k=rng.randint(2, 6))))
        words = [rng.choice(vocab[rng.choice(tags)]) if rng.random() < 0.5 else rng.choice(COMMON) for _ in range(250)]
        title = " ".join(words[:6])
        field = "" if rng.random() < 0.1 else f"tags: [{', '.join(tags)}]\n"
        with open(os.path.join(sub, f"{i:05d}.md"), "w", encoding="utf-8") as handle:
            handle.write(f"---\ntitle: {title}\ndate: 2024-01-{1 + i % 28:02d}\n{field}---\n\n{' '.join(words)}\n")


def _cpu() -> float:
    """CPU seconds of this process and its finished children: steadier than wall time on a shared CPU."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def best_of(repeat: int, run: Callable[[], object]) -> tuple[float, float]:
    """(wall, CPU) seconds of the fastest of ``repeat`` runs."""
    times = []
    for _ in range(repeat):
        started, cpu = time.perf_counter(), _cpu()
        run()
        times.append((time.perf_counter() - started, _cpu() - cpu))
    return min(times)


def rows_for(directory: str, count: int, repeat: int) -> list[tuple[str, tuple[float, float]]]:
    from taglint.checks.tagmodel import pointer, score, stored
    from taglint.checks.tagmodel.text import doc_of
    from taglint.lint.setup import load_setup
    from taglint.project.config import find_config
    from taglint.tools.suggest import collection

    notes = os.path.join(directory, "notes")
    setup = load_setup(find_config(directory))
    cache = setup.config.resolve(setup.config.cache_dir)

    def build() -> None:
        shutil.rmtree(cache, ignore_errors=True)
        found = collection.Collection(setup)
        collection.model_for(setup, found, found.read([notes]))

    rows = [("build (read, build, store)", best_of(repeat, build))]
    path = pointer.latest(cache, setup.config.taxonomy_path)
    assert path is not None
    learned = collection.read_notes([notes], setup)
    untagged = next(note for note, _ in learned if not note.tags)
    docs = [doc_of(note, setup.config.tag_fields) for note, _ in learned]

    def one_note() -> None:
        model = stored.load(path)
        score.rank(model, [doc_of(untagged, setup.config.tag_fields)])

    rows.append(("one note, stored model (load + rank)", best_of(repeat, one_note)))
    cli = [sys.executable, "-m", "taglint"]
    rows.append(
        (
            "one note, CLI, stored model",
            best_of(
                repeat,
                lambda: subprocess.run([*cli, "suggest", untagged.path, "--from", notes], capture_output=True, check=True, cwd=directory),
            ),
        )
    )
    model = stored.load(path)
    rows.append((f"every note ({count}), stored model", best_of(repeat, lambda: score.rank(model, docs))))
    rows.append(
        (
            "all, CLI, cold (--no-cache)",
            best_of(1, lambda: subprocess.run([*cli, "suggest", notes, "--no-cache"], capture_output=True, check=True, cwd=directory)),
        )
    )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="taglint suggest timings")
    parser.add_argument("--sizes", default="300,10000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    print(f"cpus: {os.cpu_count()}, load average at start: {os.getloadavg()[0]:.1f} (the CPU is shared: timings are noisy)")
    for size in (int(s) for s in args.sizes.split(",")):
        directory = tempfile.mkdtemp(prefix=f"taglint-suggest-bench-{size}-")
        try:
            generate(directory, size)
            print(f"\n| {size} notes | wall s | CPU s |\n|---|---:|---:|")
            for name, (wall, cpu) in rows_for(directory, size, args.repeat):
                print(f"| {name} | {wall:.3f} | {cpu:.3f} |", flush=True)
        finally:
            shutil.rmtree(directory, ignore_errors=True)
    print(f"\nload average at end: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
