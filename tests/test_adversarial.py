"""Hostile inputs: each gets one located diagnostic (never a traceback) and the other files are still checked."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import NLP_LLM, run_cli

from taglint.files import read as reading

TAXONOMY = NLP_LLM
GOOD = b"---\ntags: [LLM, NLP]\n---\nbody\n"
# The finding every run must still report: proof that one bad file did not stop the others.
GOOD_LINE = 'good.md:2:8: TG002 alias-tag [*] "LLM" is an alias of "LanguageModel"'

LAUGHS = (
    "---\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    + "".join(f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=False))
    + "tags: *i\n---\n"
)


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "taxonomy.yaml").write_text(TAXONOMY)
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "base.yaml").write_text("version: 1\nrequired-fields: [tags]\n")
    (tmp_path / "good.md").write_bytes(GOOD)
    monkeypatch.chdir(tmp_path)
    return tmp_path


# (case id, file name, bytes, expected diagnostic line start)
CONTENT_CASES = [
    (
        "invalid-utf8",
        "bad.md",
        b"---\ntags: [a\xff]\n---\n",
        "bad.md:1:1: TG009 parse-error file is not valid UTF-8 (byte 0xff at offset 12)",
    ),
    ("utf16-bom", "u16.md", "---\ntags: [NLP]\n---\n".encode("utf-16"), "u16.md:1:1: TG009 parse-error file is UTF-16"),
    ("binary", "image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "image.md:1:1: TG009 parse-error file looks binary"),
    (
        "never-closed",
        "open.md",
        b"---\ntags: [NLP]\nbody without a closing fence\n",
        "open.md:1:1: TG009 parse-error front matter opened on line 1 is never closed",
    ),
    ("billion-laughs", "laughs.md", LAUGHS.encode(), "laughs.md:"),
    (
        "duplicate-key",
        "dup.md",
        b"---\ntags: [NLP]\ntags: [LLM]\n---\n",
        'dup.md:3:1: TG009 parse-error duplicate key "tags" in front matter (first on line 2)',
    ),
    (
        "front-matter-list",
        "list.md",
        b"---\n- a\n- b\n---\n",
        "list.md:2:1: TG009 parse-error front matter is a list, not a mapping of fields",
    ),
    (
        "front-matter-scalar",
        "scalar.md",
        b"---\njust words\n---\n",
        "scalar.md:2:1: TG009 parse-error front matter is a single value, not a mapping of fields",
    ),
    ("tag-number", "num.md", b"---\ntags: [NLP, 5]\n---\n", 'num.md:2:13: TG001 unknown-tag Unknown tag "5"'),
    ("tags-null", "null.md", b"---\ntags: null\n---\n", 'null.md:2:1: TG007 missing-field Required field "tags" is empty'),
    (
        "tag-nested-mapping",
        "nested.md",
        b"---\ntags: [NLP, {a: {b: c}}]\n---\n",
        'nested.md:2:13: TG008 invalid-field "tags" item 2 is a mapping',
    ),
    (
        "tags-mapping",
        "map.md",
        b"---\ntags: {a: b}\n---\n",
        'map.md:2:7: TG008 invalid-field "tags" must be a list or a string of tag names, not a mapping',
    ),
    ("empty-file", "empty.md", b"", 'empty.md:1:1: TG007 missing-field Missing required field "tags" (the note has no front matter)'),
    (
        "deep-nesting",
        "deep.md",
        b"---\ntags: " + b"[" * 5000 + b"]" * 5000 + b"\n---\n",
        "deep.md:2:1: TG009 parse-error front matter is nested too deeply",
    ),
    (
        "too-much-front-matter",
        "many.md",
        ("---\ntags: [" + ", ".join(f"t{i}" for i in range(100_000)) + "]\n---\n").encode(),
        "many.md:1:1: TG009 parse-error front matter is 770 KB, over the 128 KB limit; not parsed",
    ),
]


@pytest.mark.parametrize(("name", "data", "expected"), [c[1:] for c in CONTENT_CASES], ids=[c[0] for c in CONTENT_CASES])
def test_hostile_content_is_one_located_finding(
    tree: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, expected: str
) -> None:
    (tree / name).write_bytes(data)
    started = time.monotonic()
    code, out = run_cli(capsys, "check", ".")
    assert time.monotonic() - started < 10
    assert code == 1
    assert any(line.startswith(expected) for line in out.splitlines()), out
    assert GOOD_LINE in out


def test_billion_laughs_is_refused_not_expanded(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tree / "laughs.md").write_text(LAUGHS)
    _code, out = run_cli(capsys, "check", "laughs.md")
    assert "TG009 parse-error front matter expands to too many values (YAML aliases); refusing to expand it" in out


def test_python_object_tag_is_never_constructed(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    marker = tree / "PWNED"
    note = f'---\nx: !!python/object/apply:os.system ["touch {marker}"]\ny: !!python/object:builtins.dict {{}}\ntags: [LLM]\n---\n'
    (tree / "evil.md").write_text(note)
    code, out = run_cli(capsys, "check", ".")
    assert not marker.exists()
    assert 'evil.md:4:8: TG002 alias-tag [*] "LLM"' in out  # the note is read as data, its tags checked
    assert code == 1 and GOOD_LINE in out


def test_note_over_the_size_limit_is_refused_without_reading(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with open(tree / "huge.md", "wb") as handle:
        handle.write(b"---\ntags: [NLP]\n---\n")
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing on disk
    started = time.monotonic()
    _code, out = run_cli(capsys, "check", ".")
    assert time.monotonic() - started < 5
    assert "huge.md:1:1: TG009 parse-error cannot read file: file is 50.0 MB, over the 10 MB limit for a note; not read" in out
    assert GOOD_LINE in out


def test_large_note_under_the_limit_is_checked_quickly(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = b"plain body text, no tags here at all, just words and more words\n"
    (tree / "big.md").write_bytes(b"---\ntags: [LLM]\n---\n" + line * (9 * 1024 * 1024 // len(line)))
    started = time.monotonic()
    _code, out = run_cli(capsys, "check", "big.md")
    assert time.monotonic() - started < 10
    assert 'big.md:2:8: TG002 alias-tag [*] "LLM"' in out


def test_many_tags_under_the_front_matter_limit_are_checked(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    count = 12_000  # block list lines of 9 chars: ~105 KB, just under the limit
    (tree / "tags.md").write_text("---\ntags:\n" + "  - LLM\n" * count + "---\n")
    started = time.monotonic()
    _code, out = run_cli(capsys, "check", "tags.md")
    assert time.monotonic() - started < 20
    assert out.count("TG004 duplicate-tag") == count - 1


def test_directory_named_like_a_note_is_walked(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tree / "x.md").mkdir()
    (tree / "x.md" / "inner.md").write_bytes(GOOD)
    for args in (("check", "."), ("check", "x.md", "good.md")):
        _code, out = run_cli(capsys, *args)
        assert "x.md/inner.md:2:8: TG002 alias-tag" in out.replace(os.sep, "/")
        assert GOOD_LINE in out


def test_symlink_to_a_directory_named_like_a_note(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tree / "sub").mkdir()
    os.symlink(tree / "sub", tree / "link.md")
    _code, out = run_cli(capsys, "check", ".")
    assert "link.md:1:1: TG009 parse-error cannot read file: is a directory, not a note" in out
    assert GOOD_LINE in out


def test_unreadable_file(tree: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    (tree / "secret.md").write_bytes(GOOD)
    real_open = os.open

    # Tests may run as root, which ignores chmod 000: deny the read the way the kernel would.
    def denying_open(path: str, flags: int, *args: int) -> int:
        if os.path.basename(path) == "secret.md":
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, flags, *args)

    monkeypatch.setattr(reading.os, "open", denying_open)
    _code, out = run_cli(capsys, "check", ".")
    assert "secret.md:1:1: TG009 parse-error cannot read file: Permission denied" in out
    assert GOOD_LINE in out


def test_file_deleted_between_listing_and_reading(tree: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from taglint.files.select import FileSelector

    (tree / "gone.md").write_bytes(GOOD)
    walk = FileSelector.walk

    def walk_then_delete(self: FileSelector, paths: list[str], force_exclude: bool = False, listings: object = None):  # type: ignore[no-untyped-def]
        for path in walk(self, paths, force_exclude, listings):  # type: ignore[arg-type]
            if os.path.basename(path) == "gone.md":
                os.unlink(path)
            yield path

    monkeypatch.setattr(FileSelector, "walk", walk_then_delete)
    _code, out = run_cli(capsys, "check", ".")
    assert "gone.md:1:1: TG009 parse-error cannot read file: No such file or directory" in out
    assert GOOD_LINE in out


def test_symlink_loop(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    os.symlink("loop.md", tree / "loop.md")
    os.symlink("..", tree / "rules" / "up")  # a directory loop: never descended into
    _code, out = run_cli(capsys, "check", ".")
    assert "loop.md:1:1: TG009 parse-error cannot read file: Too many levels of symbolic links" in out
    assert GOOD_LINE in out
    assert out.count("good.md:") == 1


@pytest.mark.parametrize("explicit", [False, True], ids=["walked", "named"])
def test_symlink_pointing_outside_the_tree_is_not_followed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, explicit: bool
) -> None:
    project, outside = tmp_path / "project", tmp_path / "outside"
    project.mkdir()
    outside.mkdir()
    (project / "taxonomy.yaml").write_text(TAXONOMY)
    (project / "good.md").write_bytes(GOOD)
    (outside / "secret.md").write_bytes(GOOD)
    os.symlink(outside / "secret.md", project / "escape.md")
    os.symlink(outside, project / "escape-dir.md")
    monkeypatch.chdir(project)
    targets = ["escape.md", "escape-dir.md", "good.md"] if explicit else ["."]
    for command in ("check", "fix"):
        _code, out = run_cli(capsys, command, *targets)
        assert "escape.md:1:1: TG009 parse-error cannot read file: is a symlink pointing outside the checked tree; not followed" in out
        assert "escape-dir.md:1:1: TG009 parse-error cannot read file: is a symlink pointing outside the checked tree" in out
    assert (outside / "secret.md").read_bytes() == GOOD  # fix never wrote through the link
    assert (project / "good.md").read_bytes() != GOOD  # ... but did fix the rest


def test_symlink_inside_the_tree_is_read(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tree / "notes").mkdir()
    (tree / "notes" / "real.txt").write_bytes(GOOD)
    os.symlink(tree / "notes" / "real.txt", tree / "alias.md")
    _code, out = run_cli(capsys, "check", ".")
    assert 'alias.md:2:8: TG002 alias-tag [*] "LLM"' in out


def test_fifo_named_like_a_note_does_not_hang(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    os.mkfifo(tree / "pipe.md")
    _code, out = run_cli(capsys, "check", ".")
    assert "pipe.md:1:1: TG009 parse-error cannot read file: is not a regular file (a FIFO, socket or device); not read" in out
    assert GOOD_LINE in out


def test_file_name_that_is_not_utf8_is_printed_escaped(tree: Path) -> None:
    (tree / os.fsdecode(b"bad\xffname.md")).write_bytes(GOOD)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict"}
    done = subprocess.run([sys.executable, "-m", "taglint", "check", "."], capture_output=True, env=env, timeout=60)
    assert b"Traceback" not in done.stderr
    assert b'bad\\xffname.md:2:8: TG002 alias-tag [*] "LLM"' in done.stdout  # the byte itself, as report.escape shows it


def test_internal_error_in_one_file_is_a_finding_not_a_crash(
    tree: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from taglint.parse import notes
    from taglint.rewrite import pipeline

    (tree / "boom.md").write_bytes(GOOD)
    real = notes.parse_note

    def exploding(path: str, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if os.path.basename(path) == "boom.md":
            raise RuntimeError("simulated bug")
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(notes, "parse_note", exploding)  # what check reads notes with
    monkeypatch.setattr(pipeline, "parse_note", exploding)
    for command in ("check", "fix"):
        code, out = run_cli(capsys, command, ".")
        assert "boom.md:1:1: TG009 parse-error internal error while checking: RuntimeError: simulated bug" in out
        assert code == 1
    assert (tree / "boom.md").read_bytes() == GOOD
    assert (tree / "good.md").read_bytes() != GOOD  # the other file was still fixed


def test_fix_over_every_hostile_input_changes_only_the_good_note(tree: Path) -> None:
    for _id, name, data, _expected in CONTENT_CASES:
        (tree / name).write_bytes(data)
    os.symlink("loop.md", tree / "loop.md")
    before = {p: p.read_bytes() for p in tree.glob("*.md") if p.is_file()}
    done = subprocess.run([sys.executable, "-m", "taglint", "fix", "."], capture_output=True, text=True, timeout=120)
    assert "Traceback" not in done.stdout + done.stderr
    assert done.returncode == 1
    changed = sorted(p.name for p, data in before.items() if p.read_bytes() != data)
    assert changed == ["good.md"]
    assert not list(tree.glob(".taglint-*"))
