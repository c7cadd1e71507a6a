"""The YAML reader itself: libyaml's marks, YAML 1.2 types, located errors, limits, the pure-Python fallback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from taglint.files.text import SourceText
from taglint.parse import yaml_compose
from taglint.parse.frontmatter import read_fields
from taglint.parse.notes import parse_text
from taglint.parse.yaml_compose import NestingError, YamlError, compose
from taglint.parse.yaml_types import ExpansionError, budget_for, to_data
from taglint.parse.yaml_values import composed_values

REPO = Path(__file__).resolve().parent.parent


def scalars(node: Any) -> Iterator[Any]:
    if node.id == "scalar":
        yield node
    elif node.id == "sequence":
        for item in node.value:
            yield from scalars(item)
    else:
        for key, value in node.value:
            yield from scalars(key)
            yield from scalars(value)


def test_marks_are_character_offsets_in_non_ascii_text() -> None:
    text = "title: 日本語 😀 x\nimage:\n  caption: «é» 𝟘\n  size: {w: 😀😀, h: ü}\ntags: [ü, \"😀 y\", 'z']\r\nkw:\n  - 語\n"
    root = compose(text)
    plain = [n for n in scalars(root) if not n.style]
    assert [text[n.start_mark.index : n.end_mark.index] for n in plain] == [n.value for n in plain]
    quoted = [n for n in scalars(root) if n.style in ("'", '"')]
    assert [text[n.start_mark.index + 1 : n.end_mark.index - 1] for n in quoted] == ["😀 y", "z"]


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("yes", "yes"),  # YAML 1.1 (PyYAML's resolver): True
        ("on", "on"),
        ("No", "No"),
        ("012", "012"),  # YAML 1.1: octal 10
        ("0o17", "0o17"),
        ("0x1F", "0x1F"),
        ("1_000", 1000),
        ("1:30", "1:30"),  # YAML 1.1: sexagesimal 90
        (".inf", ".inf"),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        ("-0", 0),
        ("true", True),
        ("FALSE", False),
        ("~", None),
        ("", None),
        ("2023-10-26", "2023-10-26"),  # timestamps stay text
        ("2023-10-26T10:00:00+02:00", "2023-10-26T10:00:00+02:00"),
        ("'12'", "12"),
        ("!!int '12'", 12),
        ("!!str 12", "12"),
    ],
)
def test_scalars_are_typed_as_yaml_1_2(written: str, value: object) -> None:
    values = composed_values(f"---\nx: {written}\n---\n")
    assert values is not None
    assert values["x"] == value and type(values["x"]) is type(value)


def test_a_redefined_anchor_replaces_the_earlier_one_and_offsets_hold() -> None:
    text = "a: &x one\nb: &x two\nc: *x\nd: &y 1\ne: &y 2\nf: [*x, *y]\n"
    fields, problems, _ = read_fields(text, 0)
    assert problems == []
    assert {k: f.value for k, f in fields.items()} == {"a": "one", "b": "two", "c": "two", "d": 1, "e": 2, "f": ["two", 2]}
    # An alias's value lies where its anchor's node does (properties included), as with ruamel.yaml.
    assert text[fields["c"].value_span.start : fields["c"].value_span.end] == "&x two"


def test_an_undefined_alias_is_still_an_error_after_anchors_are_renamed() -> None:
    with pytest.raises(YamlError) as caught:
        compose("a: &x 1\nb: &x 2\nc: *b\n")
    assert caught.value.problem == "found undefined alias" and caught.value.index == 19


@pytest.mark.parametrize(
    ("text", "problem", "index"),
    [
        ("title: a: b\n", "mapping values are not allowed here", 8),
        ("é: \x07\n", "control characters are not allowed (character U+0007)", 3),  # libyaml counts this one in bytes
        ("日本: [a,\n", "did not find expected node content", 8),  # the end: 8 characters, 12 bytes
        ("a: 'x\n", "a quoted value is never closed", 6),
    ],
)
def test_errors_are_located_in_characters_and_worded_for_people(text: str, problem: str, index: int) -> None:
    with pytest.raises(YamlError) as caught:
        compose(text)
    assert (caught.value.problem, caught.value.index) == (problem, index)


def test_nesting_beyond_libyamls_limit_is_refused_before_composing() -> None:
    with pytest.raises(NestingError):
        compose("x: " + "[" * 1500 + "]" * 1500 + "\n")


def test_aliases_expand_within_the_budget_only() -> None:
    text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{n}: &{n} [{', '.join(['*' + p] * 10)}]\n" for p, n in zip("abcde", "bcdef", strict=False)
    )
    root = compose(text)
    with pytest.raises(ExpansionError):
        to_data(root, budget_for(text))


@pytest.fixture
def pure_python(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(yaml, "__with_libyaml__", False)
    yaml_compose.loader_class.cache_clear()
    yield
    yaml_compose.loader_class.cache_clear()


def test_without_libyaml_the_pure_python_parser_reads_the_same_and_says_so_once(
    pure_python: None, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = sorted((REPO / "examples").rglob("*.md"))[:40]
    texts = [p.read_bytes().decode("utf-8-sig") for p in notes] + ["---\ntitle: é 😀\nimage: &c {a: 1}\nb: *c\ntags: [yes, 012]\n---\n"]
    slow = [parse_text("n.md", SourceText(t, False)) for t in texts]
    assert yaml_compose.loader_class().__name__ == "PureNoteLoader"
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "libyaml" in err and err.startswith("taglint: warning:")
    yaml_compose.loader_class.cache_clear()
    yaml.__with_libyaml__ = True  # type: ignore[attr-defined]
    fast = [parse_text("n.md", SourceText(t, False)) for t in texts]
    assert yaml_compose.loader_class().__name__ == "NoteLoader"
    assert [(n.fields, n.tags, n.problems) for n in slow] == [(n.fields, n.tags, n.problems) for n in fast]
    assert [{k: f.value_span for k, f in n.fields.items()} for n in slow] == [{k: f.value_span for k, f in n.fields.items()} for n in fast]


def test_without_libyaml_deep_nesting_is_still_refused(pure_python: None, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(NestingError):
        compose("x: " + "[" * 5000 + "]" * 5000 + "\n")
    capsys.readouterr()
