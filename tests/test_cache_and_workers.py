"""Results are identical with and without cache and with 1 or N workers; caches notice every change."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from taglint.cache import results as cache_module
from taglint.cli.main import main
from taglint.lint import runner
from taglint.rewrite import pipeline

TAXONOMY = """\
version: 1
tags:
  NLP: {description: Natural language processing}
  LanguageModel: {description: Language models, parents: [NLP]}
  MultiModal: {description: Several modalities, aliases: [MulltiModal]}
  ACL: {description: ACL venue}
  EMNLP: {description: EMNLP venue}
exclusive:
  venue: [ACL, EMNLP]
"""

STYLES = [
    "tags: [NLP, MulltiModal]\n",
    "tags:\n  - LanguageModel\n  - NLP\n  - NLP\n",
    "tags: ACL, EMNLP\n",
    "tags: [Unknwn]\n",
    "tags: [NLP]\n",
]


def make_tree(root: Path, count: int) -> None:
    (root / "taxonomy.yaml").write_text(TAXONOMY, encoding="utf-8")
    (root / "rules").mkdir()
    (root / "rules" / "base.yaml").write_text("version: 1\nrequired-fields: [title, tags]\n", encoding="utf-8")
    notes = root / "notes"
    for i in range(count):
        sub = notes / f"d{i % 7}"
        sub.mkdir(parents=True, exist_ok=True)
        title = "" if i % 11 == 0 else f"title: Note {i}\n"
        (sub / f"n{i:04d}.md").write_text(f"---\n{title}{STYLES[i % len(STYLES)]}---\nBody {i}\n", encoding="utf-8")
    age_files(root)


def age_files(root: Path) -> None:
    # The cache refuses files modified in the last two seconds (racy mtimes); pretend they are older.
    old = time.time() - 60
    for path in root.rglob("*"):
        os.utime(path, (old, old))


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, object]]:
    code = main(["check", "notes", "--output-format", "json", "-q", *args])
    out = capsys.readouterr().out
    assert code in (0, 1)
    return json.loads(out)  # type: ignore[no-any-return]


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    make_tree(tmp_path, 120)
    monkeypatch.chdir(tmp_path)
    # Small chunks so 120 files really go through the worker pool.
    monkeypatch.setattr(runner, "CHUNK", 8)
    monkeypatch.setattr(runner, "PARALLEL_THRESHOLD", 16)
    return tmp_path


def test_one_worker_and_several_workers_agree(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    serial = run_json(capsys, "--no-cache", "--jobs", "1")
    parallel = run_json(capsys, "--no-cache", "--jobs", "3")
    assert serial == parallel
    assert len(serial) > 50


def test_workers_really_run_in_other_processes(tree: Path) -> None:
    pids = [pid for _, pid in runner.map_files((str(i) for i in range(64)), lambda _: os.getpid(), jobs=2)]
    assert os.getpid() not in pids
    assert len(set(pids)) >= 1


def test_map_files_keeps_order_with_workers(tree: Path) -> None:
    items = [str(i) for i in range(100)]
    assert [value for _, value in runner.map_files(items, lambda s: int(s) * 2, jobs=2)] == [i * 2 for i in range(100)]


def test_cached_results_equal_fresh_results(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fresh = run_json(capsys, "--no-cache")
    first = run_json(capsys)  # fills the cache
    second = run_json(capsys)  # answered from it
    assert fresh == first == second
    assert list((tree / ".taglint_cache").glob("results-*/*.json"))


def test_warm_run_reads_no_note(tree: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    cold = run_json(capsys, "--jobs", "1")
    import taglint.lint.check

    def fail(*_: object) -> bytes:
        raise AssertionError("a cached note was read again")

    # A read would surface as an internal-error finding and change the results.
    monkeypatch.setattr(taglint.lint.check, "read_note", fail)
    assert run_json(capsys, "--jobs", "1") == cold


def test_changed_note_is_checked_again(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = run_json(capsys)
    note = tree / "notes" / "d0" / "n0007.md"
    note.write_text("---\ntitle: Changed\ntags: [Brandnew]\n---\n", encoding="utf-8")
    after = run_json(capsys)
    assert after == run_json(capsys, "--no-cache")
    assert after != before
    assert any(d["path"].endswith("n0007.md") and "Brandnew" in str(d["message"]) for d in after)


def test_taxonomy_change_invalidates(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_json(capsys)
    text = (tree / "taxonomy.yaml").read_text(encoding="utf-8").replace("aliases: [MulltiModal]", "aliases: []")
    (tree / "taxonomy.yaml").write_text(text, encoding="utf-8")
    after = run_json(capsys)
    assert after == run_json(capsys, "--no-cache")
    assert any(d["rule"] == "unknown-tag" and "MulltiModal" in str(d["message"]) for d in after)


def test_rule_change_invalidates(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert any(d["rule"] == "missing-field" for d in run_json(capsys))
    (tree / "rules" / "base.yaml").write_text("version: 1\nrequired-fields: [tags]\n", encoding="utf-8")
    after = run_json(capsys)
    assert after == run_json(capsys, "--no-cache")
    assert not any(d["rule"] == "missing-field" for d in after)


def test_version_change_invalidates(tree: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    run_json(capsys)
    before = {p.name for p in (tree / ".taglint_cache").iterdir()}
    import taglint.cache.store

    monkeypatch.setattr(taglint.cache.store, "__version__", "9.9.9")  # one key function for every kind of entry
    run_json(capsys)
    after = {p.name for p in (tree / ".taglint_cache").iterdir()}
    assert after - before, "a new taglint version must not reuse old cache entries"


def test_select_changes_results_not_served_from_cache(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_json(capsys)
    only = run_json(capsys, "--select", "duplicate-tag")
    assert only and all(d["rule"] == "duplicate-tag" for d in only)


def test_damaged_cache_is_ignored(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expected = run_json(capsys)
    for path in (tree / ".taglint_cache").rglob("*.json"):
        path.write_text("{not json", encoding="utf-8")
    assert run_json(capsys) == expected


def test_damaged_stored_findings_are_checked_again_and_restored(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Shards that parse but hold broken findings: the look-up in the workers passes them on
    # undecoded, so the parent must notice, check those files itself and store them afresh.
    expected = run_json(capsys)
    damaged = 0
    for shard in (tree / ".taglint_cache").glob("results-*/*.json"):
        entries = json.loads(shard.read_text(encoding="utf-8"))
        for name, entry in entries.items():
            if isinstance(entry, list):
                entries[name] = [entry[0], {"lines": [0], "d": [["TG999", "bogus"]]}]
                damaged += 1
        shard.write_text(json.dumps(entries), encoding="utf-8")
    assert damaged > 20
    assert run_json(capsys, "--jobs", "2") == expected
    restored = [
        entry
        for shard in (tree / ".taglint_cache").glob("results-*/*.json")
        for entry in json.loads(shard.read_text(encoding="utf-8")).values()
        if isinstance(entry, list)
    ]
    assert len(restored) == damaged
    assert all(cache_module.decode_stored("x", entry[1]) is not None for entry in restored)


def test_cache_dir_option_and_gitignore(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_json(capsys, "--cache-dir", "elsewhere")
    assert list((tree / "elsewhere").glob("results-*/*.json"))
    assert (tree / "elsewhere" / ".gitignore").read_text(encoding="utf-8").strip().endswith("*")
    assert not (tree / ".taglint_cache").exists()


def test_recently_modified_files_are_not_cached(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    note = tree / "notes" / "d1" / "n0001.md"
    note.write_text("---\ntitle: x\ntags: [NLP]\n---\n", encoding="utf-8")
    run_json(capsys)
    entries: dict[str, object] = {}
    for shard in (tree / ".taglint_cache").glob("results-*/*.json"):
        entries.update(json.loads(shard.read_text(encoding="utf-8")))
    assert "n0008.md" in entries, "the other notes of the directory were cached"
    assert note.name not in entries


def test_checking_one_note_loads_one_shard(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from taglint.cache.results import ResultCache

    run_json(capsys)
    folder = next((tree / ".taglint_cache").glob("results-*"))
    cache = ResultCache(str(tree / ".taglint_cache"), folder.name[len("results-") :])
    note = tree / "notes" / "d3" / "n0003.md"
    _found, misses = cache.scan([str(note)])
    assert misses == []  # a hit
    assert len(cache.shards) == 1


def test_note_schema_change_invalidates_setup_and_results(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    schemas = tree / "schemas"
    schemas.mkdir()
    schema = schemas / "note.json"
    schema.write_text('{"type": "object"}', encoding="utf-8")
    (tree / "rules" / "base.yaml").write_text("version: 1\nrequired-fields: [tags]\nnote-schema: ../schemas/note.json\n", encoding="utf-8")
    age_files(tree)
    assert not any(d["rule"] == "invalid-field" for d in run_json(capsys))
    # The schema lives outside rules/: only the recorded dependency can notice this edit.
    schema.write_text('{"type": "object", "properties": {"title": {"pattern": "^Z"}}}', encoding="utf-8")
    age_files(tree)
    after = run_json(capsys)
    assert any(d["rule"] == "invalid-field" for d in after)
    assert after == run_json(capsys, "--no-cache")


def test_cache_memory_is_bounded_by_one_directory(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from taglint.cache.results import open_cache
    from taglint.lint.setup import load_setup
    from taglint.project.config import find_config

    setup = load_setup(find_config("notes"))
    for _ in range(2):  # fill, then read back
        cache = open_cache(setup, None, (None, None))
        results = list(runner.run_checks(["notes"], setup, jobs=1, cache=cache))
        assert len(results) == 120
        assert len({directory for directory, _ in cache.shards}) <= 1


def test_a_warm_run_with_workers_leaves_the_lookups_to_them(tree: Path) -> None:
    from taglint.cache.results import open_cache
    from taglint.lint.setup import load_setup
    from taglint.project.config import find_config

    setup = load_setup(find_config("notes"))
    fresh = list(runner.run_checks(["notes"], setup, jobs=2, cache=open_cache(setup, None, (None, None))))
    cache = open_cache(setup, None, (None, None))
    warm = list(runner.run_checks(["notes"], setup, jobs=2, cache=cache))
    assert warm == fresh
    assert cache.shards == {}  # every shard was read in a worker; the parent only walked


def test_every_example_result_survives_the_trip_from_a_worker(repo: Path) -> None:
    # Workers send results back encoded (runner.Wire); nothing may be lost on the way.
    from taglint.cache.results import decode_result, encode_result
    from taglint.lint.check import check_file
    from taglint.lint.setup import load_setup
    from taglint.project.config import find_config

    notes = repo / "examples" / "paper-notes"
    setup = load_setup(find_config(str(notes)))
    results = [check_file(str(path), setup) for path in sorted(notes.glob("*.md"))]
    with_fixes = [r for r in results if any(d.fix for d in r.diagnostics)]
    assert with_fixes
    for result in results:
        assert decode_result(result.path, encode_result(result)) == result


def test_fix_with_workers_equals_fix_in_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(runner, "CHUNK", 8)
    monkeypatch.setattr(runner, "PARALLEL_THRESHOLD", 16)
    outcomes = []
    for jobs in ("1", "3"):
        root = tmp_path / f"jobs-{jobs}"
        root.mkdir()
        make_tree(root, 120)
        monkeypatch.chdir(root)
        code = main(["fix", "notes", "--output-format", "json", "--jobs", jobs])
        files = {str(p.relative_to(root)): p.read_bytes() for p in sorted((root / "notes").rglob("*.md"))}
        outcomes.append((code, capsys.readouterr().out, files))
    assert outcomes[0] == outcomes[1]
    assert b"MulltiModal" not in b"".join(outcomes[1][2].values())  # the alias was fixed everywhere


def test_fix_workers_fix_and_only_the_parent_writes(
    tree: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Forked workers inherit these wrappers; each call appends its process id to a file.
    log = tree / "pids.log"
    real_prepare, real_write_pending = pipeline.prepare, pipeline.write_pending

    def record(kind: str) -> None:
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(f"{kind} {os.getpid()}\n")

    def prepare(*args, **kwargs):  # type: ignore[no-untyped-def]
        record("fix")
        return real_prepare(*args, **kwargs)

    def write_pending(*args, **kwargs):  # type: ignore[no-untyped-def]
        record("write")
        return real_write_pending(*args, **kwargs)

    monkeypatch.setattr(pipeline, "prepare", prepare)
    monkeypatch.setattr(pipeline, "write_pending", write_pending)
    assert main(["fix", "notes", "-q", "--jobs", "2"]) == 1
    capsys.readouterr()
    calls = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    fixers = {pid for kind, pid in calls if kind == "fix"}
    writers = {pid for kind, pid in calls if kind == "write"}
    assert str(os.getpid()) not in fixers  # the notes were fixed in workers...
    assert writers == {str(os.getpid())}  # ...and written by the parent alone
    assert b"MulltiModal" not in b"".join(p.read_bytes() for p in (tree / "notes").rglob("*.md"))


@pytest.mark.parametrize("count", [0, 1, 7, 100, 5000])
def test_chunks_start_small_grow_to_the_size_and_keep_every_file_in_order(count: int) -> None:
    files = [f"n{i}.md" for i in range(count)]
    chunks = list(runner._chunks(iter(files), 64))
    assert [path for chunk in chunks for path in chunk] == files
    sizes = [len(chunk) for chunk in chunks]
    assert all(size > 0 for size in sizes)
    if count >= 8 + 16 + 32 + 64 + 64:
        assert sizes[:5] == [8, 16, 32, 64, 64]
    assert max(sizes, default=0) <= 64


def test_bulk_scans_answer_like_one_file_scans(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    # Default chunk sizes: 120 files are one in-process chunk, looked up in bulk (shards merged per directory).
    make_tree(tmp_path, 120)
    monkeypatch.chdir(tmp_path)
    fresh = run_json(capsys, "--no-cache")
    assert run_json(capsys) == fresh  # fills the cache
    changed = tmp_path / "notes" / "d3" / "n0010.md"
    changed.write_text("---\ntitle: Changed\ntags: [Brandnew]\n---\n", encoding="utf-8")
    store = cache_module.ResultCache(str(tmp_path / ".taglint_cache"), "x")
    paths = sorted(str(p.relative_to(tmp_path)) for p in (tmp_path / "notes").rglob("*.md"))
    assert len(paths) >= 4 * cache_module.SHARDS_PER_DIRECTORY
    store.folder = next(str(p) for p in (tmp_path / ".taglint_cache").glob("results-*"))
    found, misses = store.scan(paths)
    single = [store.scan([path]) for path in paths]  # one file at a time: only its own shard is read
    assert misses == [(index, one_misses[0][1]) for index, (_, one_misses) in enumerate(single) if one_misses]
    assert misses == [
        (paths.index(os.path.join("notes", "d3", "n0010.md")), cache_module.stat_key(os.path.join("notes", "d3", "n0010.md")))
    ]
    assert found == [(index, one_found[0][1]) for index, (one_found, _) in enumerate(single) if one_found]
    assert len(found) > 20


def _chunks_of(count: int) -> list[tuple[int, list[str]]]:
    return [(i, [str(i)]) for i in range(count)]


def test_a_job_error_in_a_worker_is_raised_in_the_parent() -> None:
    def job(paths: list[str]) -> int:
        if paths == ["5"]:
            raise ValueError("bad chunk")
        return int(paths[0])

    with pytest.raises(ValueError, match="bad chunk"):
        list(runner.map_chunks(_chunks_of(12), job, jobs=2))


def test_a_worker_killed_from_outside_is_an_error_not_a_hang() -> None:
    import signal

    from taglint.lint.workers import WorkerDied

    def job(paths: list[str]) -> int:
        if paths == ["3"]:
            os.kill(os.getpid(), signal.SIGKILL)  # as the OOM killer would
        return int(paths[0])

    with pytest.raises(WorkerDied):
        list(runner.map_chunks(_chunks_of(12), job, jobs=2))


def test_workers_are_gone_when_the_caller_stops_early() -> None:
    import multiprocessing

    answers = runner.map_chunks(_chunks_of(40), lambda paths: os.getpid(), jobs=2)
    _, pid = next(answers)
    assert pid != os.getpid()
    answers.close()  # what an exception in the caller (a Ctrl-C while it writes) does to the generator
    assert multiprocessing.active_children() == []
