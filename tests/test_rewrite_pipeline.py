"""Every command that rewrites notes (fix, check --add-ignore, rename, remove) obeys the same read and write rules.

One table of commands drives three hostile trees: a FIFO named like a note (reported, the run
finishes), a symlink to a note outside the tree (neither read nor written), and a note the user
saves between taglint's read and its write (not overwritten, reported).
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import NLP_LLM_DESCRIBED, run_cli

NOTE = b"---\ntags: [LLM, NLP]\n---\nbody\n"


@dataclass(frozen=True)
class Command:
    name: str
    args: tuple[str, ...]  # run in the project directory, on "."
    rewritten: bytes  # what it makes of NOTE
    transform: tuple[str, str]  # (module, function) it calls between reading a note and writing it
    refusal: str  # how it reports a note it did not rewrite: "<path>: <refusal>: <reason>"


COMMANDS = [
    Command("fix", ("fix", "."), b"---\ntags: [LanguageModel, NLP]\n---\nbody\n", ("taglint.rewrite.files", "fix_note"), "not fixed"),
    Command(
        "add-ignore",
        ("check", "--add-ignore", "."),
        b"---\ntags: [LLM, NLP]\ntaglint: {ignore: [alias-tag]}\n---\nbody\n",
        ("taglint.rewrite.suppress", "suppress_note"),
        "not changed",
    ),
    Command(
        "rename",
        ("rename", "NLP", "NaturalLanguage", "."),
        b"---\ntags: [LLM, NaturalLanguage]\n---\nbody\n",
        ("taglint.rewrite.retag", "retag_note"),
        "not changed",
    ),
    Command("remove", ("remove", "NLP", "."), b"---\ntags: [LLM]\n---\nbody\n", ("taglint.rewrite.retag", "retag_note"), "not changed"),
]
IDS = [c.name for c in COMMANDS]


def unreadable(command: Command, name: str, reason: str) -> str:
    """The line a command prints for a file it may not read: fix reports a parse-error finding."""
    if command.name == "fix":
        return f"{name}:1:1: TG009 parse-error cannot read file: {reason}"
    return f"{name}: not changed: cannot read: {reason}"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    (root / "taxonomy.yaml").write_text(NLP_LLM_DESCRIBED)
    (root / "note.md").write_bytes(NOTE)
    monkeypatch.chdir(root)
    return root


@pytest.mark.parametrize("command", COMMANDS, ids=IDS)
def test_a_fifo_named_like_a_note_is_reported_and_the_run_finishes(project: Path, command: Command) -> None:
    os.mkfifo(project / "pipe.md")
    # A separate process with a timeout: reading the FIFO would block forever, with no writer.
    done = subprocess.run(
        [sys.executable, "-m", "taglint", *command.args], check=False, cwd=project, capture_output=True, text=True, timeout=60
    )
    out = done.stdout + done.stderr
    assert "Traceback" not in out
    assert unreadable(command, "pipe.md", "is not a regular file (a FIFO, socket or device); not read") in out
    assert done.returncode == 1
    assert (project / "note.md").read_bytes() == command.rewritten  # the other note was still rewritten


@pytest.mark.parametrize("command", COMMANDS, ids=IDS)
def test_a_symlink_to_a_note_outside_the_tree_is_neither_read_nor_written(
    project: Path, command: Command, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = project.parent / "outside"
    outside.mkdir()
    (outside / "secret.md").write_bytes(NOTE)
    os.symlink(outside / "secret.md", project / "escape.md")
    code, out = run_cli(capsys, *command.args)
    assert unreadable(command, "escape.md", "is a symlink pointing outside the checked tree; not followed") in out
    assert code == 1
    assert (outside / "secret.md").read_bytes() == NOTE
    assert (project / "note.md").read_bytes() == command.rewritten


@pytest.mark.parametrize("command", COMMANDS, ids=IDS)
def test_a_note_saved_between_read_and_write_is_not_overwritten(
    project: Path, command: Command, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    module = importlib.import_module(command.transform[0])
    real = getattr(module, command.transform[1])
    edited = NOTE.replace(b"body", b"the user typed this while taglint ran")

    def transform_while_the_user_saves(*args: object, **kwargs: object) -> object:
        result = real(*args, **kwargs)
        (project / "note.md").write_bytes(edited)  # the editor saves after taglint read the note
        return result

    monkeypatch.setattr(module, command.transform[1], transform_while_the_user_saves)
    code, out = run_cli(capsys, *command.args)
    assert (project / "note.md").read_bytes() == edited
    assert f"note.md: {command.refusal}: changed on disk while taglint was fixing it; not overwritten" in out
    assert code == 1
    assert [p.name for p in project.iterdir() if p.name.startswith(".taglint-")] == []


def _note(text: str):  # type: ignore[no-untyped-def]
    from taglint.files.text import SourceText
    from taglint.parse.notes import parse_text

    return parse_text("n.md", SourceText(text, False), ("tags", "tag"), True)


# (before, after): what check --add-ignore writes, which only its allowance lets through.
SUPPRESSED = [
    ("---\ntitle: A\ntags: [Nope]\n---\nBody\n", "---\ntitle: A\ntags: [Nope]\ntaglint: {ignore: [unknown-tag]}\n---\nBody\n"),
    ("Just text #Nope\n", "---\ntaglint: {ignore: [missing-field]}\n---\n<!-- taglint: ignore unknown-tag -->\nJust text #Nope\n"),
    ("---\ntags: [a]\n---\nText\r  see #Nope\r", "---\ntags: [a]\n---\nText\r  <!-- taglint: ignore unknown-tag -->\r  see #Nope\r"),
    (
        "---\ntags: [a]\n---\n<!-- taglint: ignore alias-tag -->\n#LLM #Nope\n",
        "---\ntags: [a]\n---\n<!-- taglint: ignore alias-tag unknown-tag -->\n#LLM #Nope\n",
    ),
]


@pytest.mark.parametrize(("before", "after"), SUPPRESSED)
def test_verify_lets_add_ignore_write_its_key_and_comments_only(before: str, after: str) -> None:
    from taglint.rewrite.suppress import ALLOWANCE
    from taglint.rewrite.verify import verify

    assert verify(_note(before), _note(after), ("tags", "tag"), ALLOWANCE) is None
    assert verify(_note(before), _note(after), ("tags", "tag")) is not None  # fix, rename and remove may not


@pytest.mark.parametrize(
    ("before", "after", "why"),
    [
        ("---\ntitle: A\ntags: [Nope]\n---\n", "---\ntitle: B\ntags: [Nope]\ntaglint: {ignore: [unknown-tag]}\n---\n", 'field "title"'),
        ("---\ntags: [a]\n---\nsee #Nope\n", "---\ntags: [a]\n---\n<!-- taglint: ignore unknown-tag -->\nsaw #Nope\n", "body"),
        ("---\ntags: [a]\n---\nsee #Nope\n", "---\ntags: [a]\n---\n<!-- not taglint's -->\nsee #Nope\n", "body"),
    ],
)
def test_the_add_ignore_allowance_still_refuses_other_changes(before: str, after: str, why: str) -> None:
    from taglint.rewrite.suppress import ALLOWANCE
    from taglint.rewrite.verify import verify

    problem = verify(_note(before), _note(after), ("tags", "tag"), ALLOWANCE)
    assert problem is not None and why in problem


def test_the_pipeline_verifies_what_any_transform_returns(project: Path) -> None:
    from taglint.files.text import SourceText
    from taglint.parse.notes import parse_text
    from taglint.project.config import find_config
    from taglint.rewrite.pipeline import Change, Rewriter, rewrite_paths

    config = find_config(".")

    def careless(note):  # type: ignore[no-untyped-def]  # a transform that also edits the body
        text = note.text.replace("body", "a changed body")
        return Change(parse_text(note.path, SourceText(text, False), config.tag_fields, config.inline_tags), 1)

    outcomes = list(rewrite_paths(["."], Rewriter(config, careless)))
    assert [(Path(o.path).name, o.written, o.error) for o in outcomes] == [
        ("note.md", False, "fixing would change the body outside #tags; left unchanged")
    ]
    assert (project / "note.md").read_bytes() == NOTE


@pytest.mark.parametrize(
    ("args", "summary"),
    [
        (("rename", "NLP", "NaturalLanguage", "notes"), "Changed 40 tag occurrences in 40 notes and the taxonomy."),
        (("check", "--add-ignore", "notes"), "Added 80 suppressions to 60 files."),
    ],
    ids=["rename", "add-ignore"],
)
def test_workers_rewrite_like_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], summary: str
) -> None:
    from taglint.lint import runner

    runs = []
    for threshold in (10**6, 16):  # one process; worker processes from 16 files on
        monkeypatch.setattr(runner, "PARALLEL_THRESHOLD", threshold)
        monkeypatch.setattr(runner, "CHUNK", 8)
        root = tmp_path / f"threshold-{threshold}"
        (root / "notes").mkdir(parents=True)
        (root / "taxonomy.yaml").write_text(NLP_LLM_DESCRIBED)
        for index in range(60):
            (root / "notes" / f"n{index:02d}.md").write_bytes(NOTE if index % 3 else b"---\ntags: [LLM]\n---\n")
        os.mkfifo(root / "notes" / "n30-pipe.md")
        monkeypatch.chdir(root)
        code, out = run_cli(capsys, *args)
        runs.append((code, out, {p.name: p.read_bytes() for p in sorted((root / "notes").glob("n??.md"))}))
    assert runs[0] == runs[1]
    assert summary in runs[1][1]
    assert runs[1][0] == 1  # the FIFO
