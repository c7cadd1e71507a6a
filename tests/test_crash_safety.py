"""`taglint fix` killed with SIGKILL at random moments: every note is its old or its fixed bytes, temp files are cleaned."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import NLP_LLM_CV

from taglint.files import staletemps

TAXONOMY = NLP_LLM_CV
STYLES = [
    "tags: [LLM, NLP, CV]\n",
    "tags:\n  - Language-Model\n  - NLP\n  - LLM\n",
    "tags: LLM, CV, NLP\n",
    "tags: [\"CV\", 'LLM']\n",
]


def make_collection(root: Path, count: int, seed: int = 7) -> dict[str, bytes]:
    """``count`` notes that all need fixing, in several tag styles, line endings and sizes."""
    rng = random.Random(seed)
    (root / "taxonomy.yaml").write_text(TAXONOMY)
    files: dict[str, bytes] = {}
    for index in range(count):
        folder = root / f"d{index % 7}"
        folder.mkdir(exist_ok=True)
        body = "".join(f"Paragraph {n} of note {index}: some words about models.\n" for n in range(rng.randint(1, 400)))
        text = f"---\ntitle: Note {index}\n{rng.choice(STYLES)}---\n{body}"
        if index % 5 == 0:
            text = text.replace("\n", "\r\n")
        data = ("\ufeff" if index % 11 == 0 else "").encode() + text.encode()
        path = folder / f"note{index:04d}.md"
        path.write_bytes(data)
        files[str(path.relative_to(root))] = data
    return files


RUN_SECONDS: list[float] = []  # wall time of one uninterrupted fix run, measured by the fixture


def run_fix(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "taglint", "fix", "-q", "."], cwd=root, capture_output=True, text=True, timeout=300)


def snapshot(root: Path, names: dict[str, bytes]) -> dict[str, bytes]:
    return {name: (root / name).read_bytes() for name in names}


def temp_files(root: Path) -> list[Path]:
    return [p for p in root.rglob(f"{staletemps.TEMP_PREFIX}*") if p.is_file()]


@pytest.fixture(scope="module")
def collection(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes], dict[str, bytes]]:
    """The original collection and, from one uninterrupted run, every file's fixed bytes."""
    original = tmp_path_factory.mktemp("original")
    old = make_collection(original, 300)
    reference = tmp_path_factory.mktemp("reference") / "tree"
    shutil.copytree(original, reference)
    started = time.monotonic()
    done = run_fix(reference)
    RUN_SECONDS.append(time.monotonic() - started)
    assert "Traceback" not in done.stderr
    fixed = snapshot(reference, old)
    assert all(fixed[name] != old[name] for name in old)  # every note really is rewritten
    return original, old, fixed


def kill_loop(collection: tuple[Path, dict[str, bytes], dict[str, bytes]], work: Path, kills: int, seed: int) -> None:
    original, old, fixed = collection
    tree = work / "tree"
    shutil.copytree(original, tree)
    rng = random.Random(seed)
    interrupted = 0
    attempt = 0
    # At least `kills` kills, and more (bounded) until one really lands mid-run.
    while attempt < kills or (interrupted == 0 and attempt < kills + 20):
        attempt += 1
        process = subprocess.Popen(
            [sys.executable, "-m", "taglint", "fix", "-q", "."], cwd=tree, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        # Kill anywhere in a run, scaled to how long an uninterrupted run took on this machine.
        time.sleep(rng.uniform(0.15, 0.95) * RUN_SECONDS[0])
        process.send_signal(signal.SIGKILL)
        process.wait()
        interrupted += process.returncode == -signal.SIGKILL
        now = snapshot(tree, old)
        for name, data in now.items():
            assert data in (old[name], fixed[name]), f"kill {attempt}: {name} is neither its old nor its fixed bytes"
        if all(now[name] == fixed[name] for name in old):
            shutil.rmtree(tree)  # all done: start again from the old bytes, so later kills also land mid-run
            shutil.copytree(original, tree)
    assert interrupted > 0  # the loop really killed runs, not only finished ones
    done = run_fix(tree)
    assert "Traceback" not in done.stderr
    assert snapshot(tree, old) == fixed
    assert temp_files(tree) == []


def test_kill_a_few_times_then_finish(collection: tuple[Path, dict[str, bytes], dict[str, bytes]], tmp_path: Path) -> None:
    kill_loop(collection, tmp_path, kills=3, seed=1)


@pytest.mark.slow
def test_kill_many_times_then_finish(collection: tuple[Path, dict[str, bytes], dict[str, bytes]], tmp_path: Path) -> None:
    kill_loop(collection, tmp_path, kills=40, seed=2)


def test_temp_file_of_a_killed_run_is_removed_by_the_next(tmp_path: Path) -> None:
    (tmp_path / "taxonomy.yaml").write_text(TAXONOMY)
    (tmp_path / "note.md").write_text("---\ntags: [NLP]\n---\n")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True).stdout.strip()
    leftover = tmp_path / f"{staletemps.TEMP_PREFIX}{dead}-abc123{staletemps.TEMP_SUFFIX}"
    leftover.write_bytes(b"half a note")
    run_fix(tmp_path)
    assert not leftover.exists()
    assert (tmp_path / "note.md").read_text() == "---\ntags: [NLP]\n---\n"


def test_temp_file_of_a_live_run_is_kept(tmp_path: Path) -> None:
    (tmp_path / "taxonomy.yaml").write_text(TAXONOMY)
    (tmp_path / "note.md").write_text("---\ntags: [NLP]\n---\n")
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        in_use = tmp_path / f"{staletemps.TEMP_PREFIX}{live.pid}-abc123{staletemps.TEMP_SUFFIX}"
        in_use.write_bytes(b"being written")
        run_fix(tmp_path)
        assert in_use.exists()
    finally:
        live.kill()
        live.wait()


@pytest.mark.parametrize(
    ("name", "age", "expected"),
    [
        (".taglint-999999999-x.tmp", 0, True),  # no such process
        (f".taglint-{os.getpid()}-x.tmp", 0, False),  # this process
        (".taglint-abc.tmp", 0, False),  # no pid, fresh: may belong to a running older taglint
        (".taglint-abc.tmp", staletemps.STALE_AFTER + 1, True),  # no pid, old
        (f".taglint-{os.getpid()}-x.tmp", staletemps.STALE_AFTER + 1, True),
        ("note.md", staletemps.STALE_AFTER + 1, False),
        (".taglint-1-x.md", staletemps.STALE_AFTER + 1, False),
    ],
)
def test_what_counts_as_stale(name: str, age: float, expected: bool) -> None:
    now = time.time()
    assert staletemps.stale(name, now - age, now) is expected
