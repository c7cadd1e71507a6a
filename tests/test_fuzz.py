"""Fuzzing the parser, the checker and the fixer with hypothesis.

CI runs the fixed-seed "ci" profile (conftest); before a release run the long
profile: ``scripts/fuzz_long.sh`` (``HYPOTHESIS_PROFILE=long``).
Properties: nothing raises on any input; a fix result parses, keeps every
non-tag field and the body, and fixing it again changes nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import NLP_LLM_CV, quote_yaml
from hypothesis import given
from hypothesis import strategies as st

from taglint.lint.check import check_note
from taglint.lint.setup import load_setup
from taglint.parse.notes import parse_note, parse_text
from taglint.project.config import Config
from taglint.project.setup import Setup
from taglint.rewrite.note import fix_note

TAXONOMY = (
    NLP_LLM_CV
    + """\
  Old:
    deprecated: true
    replaced_by: Vision
  Selected Papers/Blogs: {}
exclusive:
  venue: [NLP, Vision]
"""
)


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Setup:
    root = tmp_path_factory.mktemp("fuzz")
    (root / "taxonomy.yaml").write_text(TAXONOMY)
    return load_setup(Config(root=str(root), rules=None, inline_tags=True))


KNOWN = ["NLP", "LanguageModel", "LLM", "Language-Model", "llm", "CV", "Vision", "Old", "Selected Papers/Blogs", "nlp"]
ODD = [
    "",
    " ",
    "a b",
    "x,y",
    "#x",
    "'q'",
    '"d"',
    "[",
    "]",
    "{",
    "}",
    ":",
    "- ",
    "é",
    "\u2028",
    "\t",
    "&a",
    "*a",
    "!t",
    "%",
    "@",
    "`",
    "\\",
    "\x85",
    "|",
    ">",
]
tag_names = st.one_of(st.sampled_from(KNOWN), st.sampled_from(ODD), st.text(min_size=0, max_size=12))


@st.composite
def tag_field(draw: st.DrawFn) -> str:
    names = draw(st.lists(tag_names, max_size=6))
    key = draw(st.sampled_from(["tags", "tag", "Tags"]))
    style = draw(st.sampled_from(["flow", "block", "comma", "space", "single", "scalar", "null", "number", "mapping"]))
    quote = draw(st.sampled_from(["plain", "single", "double"]))
    items = [quote_yaml(n, quote) for n in names]
    if style == "flow":
        return f"{key}: [{', '.join(items)}]"
    if style == "block":
        indent = draw(st.sampled_from(["", "  ", "    "]))
        return f"{key}:" + "".join(f"\n{indent}- {item}" for item in items)
    if style == "comma":
        return f"{key}: {', '.join(names)}"
    if style == "space":
        return f"{key}: {' '.join(names)}"
    if style == "single":
        return f"{key}: {items[0] if items else ''}"
    if style == "null":
        return f"{key}: ~"
    if style == "number":
        return f"{key}: [{draw(st.integers())}, {draw(st.floats(allow_nan=True))}]"
    return f"{key}: {{a: [{', '.join(items)}]}}"


other_fields = st.sampled_from(
    [
        "title: A note",
        "date: 2024-01-02",
        "url: https://x.org/a?b=c#d",
        "x: &a [1, 2]",
        "y: *a",
        "z: !!python/object:os.system {}",
        "k: |\n  text",
        "- bad",
        "dup: 1",
    ]
)
bodies = st.one_of(
    st.just(""), st.text(max_size=80), st.sampled_from(["#LLM and #CV\n", "```\n#LLM\n```\n", "<!-- #x -->\n", "# heading #LLM\n"])
)


@st.composite
def notes(draw: st.DrawFn) -> str:
    lines = draw(st.lists(st.one_of(tag_field(), other_fields), max_size=5))
    closing = draw(st.sampled_from(["---", "...", "---   ", ""]))
    text = "---\n" + "\n".join(lines) + ("\n" + closing + "\n" if closing else "\n") + draw(bodies)
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return text


def check_fix_properties(text: str, setup: Setup) -> None:
    note = parse_text("n.md", parse_note("n.md", text.encode("utf-8")).source, setup.config.tag_fields, True)
    check_note(note, setup)
    outcome = fix_note(note, setup, unsafe=True)
    if not outcome.changed:
        return
    fixed = outcome.note
    assert fixed.parsed
    assert {k: v for k, v in fixed.data().items() if k not in setup.config.tag_fields} == {
        k: v for k, v in note.data().items() if k not in setup.config.tag_fields
    }
    if not any(o.field is None for o in note.tags):  # with inline tags the body may change
        assert fixed.text[fixed.body_start :] == note.text[note.body_start :]
    again = fix_note(fixed, setup, unsafe=True)
    assert not again.changed or again.note.text == fixed.text, "fixing twice changed the note again"


@given(data=st.binary(max_size=300))
def test_random_bytes_never_crash(data: bytes, setup: Setup) -> None:
    note = parse_note("n.md", data, setup.config.tag_fields, True)
    check_note(note, setup)
    fix_note(note, setup, unsafe=True)


@given(data=st.binary(max_size=200))
def test_random_bytes_after_a_fence_never_crash(data: bytes, setup: Setup) -> None:
    note = parse_note("n.md", b"---\ntags: " + data + b"\n---\n", setup.config.tag_fields, True)
    check_note(note, setup)
    fix_note(note, setup, unsafe=True)


@given(text=notes())
def test_generated_notes_check_and_fix_safely(text: str, setup: Setup) -> None:
    check_fix_properties(text, setup)


@given(text=st.text(alphabet=st.sampled_from(list("-\n\r :[],'\"#{}&*!|>?@`\\ tagsNLPLM\t\ufeff\u2028")), max_size=120))
def test_yaml_punctuation_soup_never_crashes(text: str, setup: Setup) -> None:
    check_fix_properties(text, setup)


def test_cli_reports_no_traceback_for_generated_files(tmp_path: Path) -> None:
    """One end-to-end sample of the generators through the CLI (in-process fuzzing covers the rest)."""
    import subprocess
    import sys

    from hypothesis import HealthCheck, settings

    (tmp_path / "taxonomy.yaml").write_text(TAXONOMY)
    written: list[int] = []

    @settings(max_examples=40, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
    @given(text=notes())
    def write(text: str) -> None:
        (tmp_path / f"n{len(written)}.md").write_text(text, newline="")
        written.append(1)

    write()
    for command in ("check", "fix"):
        done = subprocess.run([sys.executable, "-m", "taglint", command, "."], cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert "Traceback" not in done.stdout + done.stderr
        assert done.returncode in (0, 1)
    assert "internal error" not in done.stdout
