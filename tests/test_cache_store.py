"""The one cache store: fingerprints, stamps and the racy rule, records and their invalidation, the JSON writer."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from test_cache_and_workers import age_files, make_tree, run_json

from taglint.cache import fingerprint
from taglint.cache.store import Store, key
from taglint.cli.main import main


def test_a_same_size_edit_changes_the_digest(tmp_path: Path) -> None:
    path = tmp_path / "taxonomy.yaml"
    path.write_bytes(b"tags:\n  NLP: {}\n# abcdefgh\n")
    before = fingerprint.fingerprint(str(path))
    path.write_bytes(b"tags:\n  NLQ: {}\n# abcdefgh\n")
    assert fingerprint.fingerprint(str(path)) != before
    assert not fingerprint.unchanged([before])


def test_a_directory_is_known_by_its_names(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("x", encoding="utf-8")
    before = fingerprint.fingerprint(str(tmp_path))
    (tmp_path / "a.yaml").write_text("changed", encoding="utf-8")
    assert fingerprint.fingerprint(str(tmp_path)) == before
    (tmp_path / "b.yaml").write_text("x", encoding="utf-8")
    assert fingerprint.fingerprint(str(tmp_path)) != before


def test_a_missing_file_is_unchanged_until_it_appears(tmp_path: Path) -> None:
    path = tmp_path / "taglint.toml"
    recorded = fingerprint.fingerprints([str(path), str(path)])
    assert recorded == [[str(path), None]]  # each path once
    assert fingerprint.unchanged(recorded)
    path.write_text("", encoding="utf-8")
    assert not fingerprint.unchanged(recorded)


def test_a_fifo_is_fingerprinted_without_opening_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fifo = tmp_path / "taxonomy.yaml"
    os.mkfifo(fifo)

    def refuse(*_: object, **__: object) -> object:
        raise AssertionError("opening a FIFO blocks until a writer comes")

    monkeypatch.setattr(fingerprint, "open", refuse, raising=False)
    path, found = fingerprint.fingerprint(str(fifo))
    assert path == str(fifo) and found is not None


def test_a_stamp_is_settled_only_after_the_racy_window(tmp_path: Path) -> None:
    path = tmp_path / "n.md"
    path.write_text("x", encoding="utf-8")
    assert not fingerprint.settled(fingerprint.stamp(os.stat(path)))
    old = time.time_ns() - fingerprint.RACY_NS
    os.utime(path, ns=(old, old))
    assert fingerprint.settled(fingerprint.stamp(os.stat(path)))


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    make_tree(tmp_path, 40)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def stored_entries(tree: Path) -> dict[str, object]:
    entries: dict[str, object] = {}
    for shard in (tree / ".taglint_cache").glob("results-*/*.json"):
        entries.update(json.loads(shard.read_text(encoding="utf-8")))
    return entries


def test_the_result_cache_stores_the_one_stamp(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # ResultCache.scan builds the stamp inline; it must be fingerprint.stamp's.
    run_json(capsys)
    note = tree / "notes" / "d4" / "n0004.md"
    assert stored_entries(tree)[note.name] == fingerprint.stamp(os.stat(note))


def test_a_same_size_edit_with_its_mtime_put_back_is_checked_again(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    note = tree / "notes" / "d4" / "n0004.md"  # clean: tags [NLP]
    before = os.stat(note)
    assert not any(d["path"].endswith(note.name) for d in run_json(capsys))  # stored as clean
    with open(note, "r+b") as handle:  # in place: the same inode
        data = handle.read()
        handle.seek(0)
        handle.write(data.replace(b"[NLP]", b"[NLQ]"))
    os.utime(note, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.stat(note)
    assert (after.st_mtime_ns, after.st_size, after.st_ino) == (before.st_mtime_ns, before.st_size, before.st_ino)
    # Only the ctime tells: the kernel sets it on every change, and no one can set it back.
    found = run_json(capsys)
    assert any(d["path"].endswith(note.name) and "NLQ" in str(d["message"]) for d in found)


def test_a_rules_directory_created_later_is_noticed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "taxonomy.yaml").write_text("version: 1\ntags:\n  NLP: {description: Natural language processing}\n", encoding="utf-8")
    (tmp_path / "n.md").write_text("---\ntags: [NLP]\n---\n", encoding="utf-8")
    age_files(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["check", "n.md", "-q"]) == 0  # stores the setup and the plan, built without rule sets
    # The size + CRC-32 plan crashed here: it had recorded rules/ as a missing file, then opened the directory.
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "base.yaml").write_text("version: 1\nrequired-fields: [title]\n", encoding="utf-8")
    assert main(["check", "n.md", "-q"]) == 1
    assert "missing-field" in capsys.readouterr().out


def test_a_record_holds_while_its_inputs_digest_the_same(tmp_path: Path) -> None:
    taxonomy = tmp_path / "taxonomy.yaml"
    taxonomy.write_text("tags: {}\n", encoding="utf-8")
    store = Store(str(tmp_path / "cache"))
    inputs = fingerprint.fingerprints([str(taxonomy)])
    store.put("plan", "dir:/x", inputs, {"canonical": ["NLP"]})
    assert store.get("plan", "dir:/x") == ({"canonical": ["NLP"]}, inputs)
    assert store.get("plan", "dir:/x", inputs) is not None
    assert store.get("plan", "dir:/y") is None  # other settings
    assert store.get("setup", "dir:/x") is None  # another kind
    taxonomy.write_text("tags: {A: {}}\n", encoding="utf-8")
    assert store.get("plan", "dir:/x") is None
    assert store.get("plan", "dir:/x", fingerprint.fingerprints([str(taxonomy)])) is None


def test_a_record_renamed_to_another_key_is_refused(tmp_path: Path) -> None:
    store = Store(str(tmp_path))
    store.put("plan", "dir:/a", [], {"canonical": []})
    os.replace(tmp_path / f"plan-{key('plan', 'dir:/a')}.json", tmp_path / f"plan-{key('plan', 'dir:/b')}.json")
    assert store.get("plan", "dir:/b") is None


def test_the_writer_leaves_the_entry_and_a_gitignore_only(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "cache"))
    store.write("results-k/shard.json", {"n.md": "1:2:3:4"})
    store.write("results-k/shard.json", {"n.md": "5:6:7:8"})
    assert json.loads((tmp_path / "cache" / "results-k" / "shard.json").read_text(encoding="utf-8")) == {"n.md": "5:6:7:8"}
    assert sorted(p.name for p in (tmp_path / "cache").rglob("*")) == [".gitignore", "results-k", "shard.json"]
    assert (tmp_path / "cache" / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"


def test_the_writer_follows_no_planted_link(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / ".gitignore").symlink_to(tmp_path / "created-outside")  # dangling
    victim = tmp_path / "victim"
    victim.write_text("keep", encoding="utf-8")
    (cache / "plan-x.json").symlink_to(victim)
    Store(str(cache)).write("plan-x.json", {"a": 1})
    assert not (tmp_path / "created-outside").exists()
    assert victim.read_text(encoding="utf-8") == "keep"
    assert not (cache / "plan-x.json").is_symlink()


def test_a_full_run_leaves_a_current_plan_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "taxonomy.yaml").write_text("version: 1\ntags:\n  NLP: {description: Natural language processing}\n", encoding="utf-8")
    (tmp_path / "n.md").write_text("---\ntags: [NLP]\n---\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "n.md"]) == 0
    [plan] = Path(os.environ["XDG_CACHE_HOME"]).rglob(f"plan-{key('plan', f'dir:{tmp_path}')}.json")
    written = os.stat(plan).st_ino
    assert main(["check", "n.md"]) == 0
    assert os.stat(plan).st_ino == written  # not written again
