"""Quick acceptance may only call a note clean when the full check finds nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taglint.lint.check import check_note
from taglint.lint.clean_proof import is_clean, plan_for
from taglint.lint.setup import load_setup
from taglint.parse.notes import parse_note
from taglint.project.config import Config
from taglint.project.setup import Setup

REPO = Path(__file__).resolve().parent.parent

TAXONOMY = """\
version: 1
tags:
  NLP: {description: Natural language processing}
  LanguageModel: {description: Language models, parents: [NLP]}
  MultiModal: {description: Several modalities, aliases: [MulltiModal]}
  Neural: {deprecated: true, replaced_by: NeuralNetwork}
  NeuralNetwork: {description: Neural networks}
  Selected Papers/Blogs: {description: Picks}
  ACL: {description: ACL}
  EMNLP: {description: EMNLP}
exclusive:
  venue: [ACL, EMNLP]
"""
RULES = """\
version: 1
required-fields: [title, tags]
note-schema: {type: object, properties: {title: {type: string, minLength: 1}, date: {type: string, format: date}}}
custom:
  - id: venue-needs-url
    message: A venue needs a url
    when: {tags: {any: ["@venue"]}, fields: {url: missing}}
    require-fields: [url]
  - id: multimodal-nlp-needs-date
    message: A multimodal NLP note needs a date
    when: {tags: {all: [NLP, MulltiModal]}}
    require-fields: [date]
  - id: titled-needs-url
    message: A titled note needs a url
    when: {fields: {title: {matches: "^Z"}}}
    require-fields: [url]
"""

TAGS = [
    "NLP",
    "LanguageModel",
    "MultiModal",
    "MulltiModal",
    "multimodal",
    "Neural",
    "NeuralNetwork",
    "Selected Papers/Blogs",
    "ACL",
    "EMNLP",
    "Unknown",
    "2023",
]


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Setup:
    root = tmp_path_factory.mktemp("quick")
    (root / "taxonomy.yaml").write_text(TAXONOMY, encoding="utf-8")
    (root / "rules").mkdir()
    (root / "rules" / "r.yaml").write_text(RULES, encoding="utf-8")
    return load_setup(Config(root=str(root)))


def render(tags: list[str], style: str) -> str:
    if style == "flow":
        return "tags: [" + ", ".join(tags) + "]\n"
    if style == "quoted":
        return "tags: [" + ", ".join(f'"{t}"' for t in tags) + "]\n"
    if style == "block":
        return "tags:\n" + "".join(f"  - {t}\n" for t in tags) if tags else "tags:\n"
    if style == "comma":
        return "tags: " + ", ".join(tags) + "\n"
    return "tags: " + " ".join(tags) + "\n"


@st.composite
def notes(draw: st.DrawFn) -> bytes:
    tags = draw(st.lists(st.sampled_from(TAGS), max_size=5))
    style = draw(st.sampled_from(["flow", "quoted", "block", "comma", "space"]))
    lines = []
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(["title: A note\n", "title: Zebra\n", "title: ''\n", "title:\n", "title: 5\n"])))
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(["date: 2023-10-26\n", "date: 2023-02-30\n", "date: soon\n"])))
    if draw(st.booleans()):
        lines.append("url: https://example.org\n")
    lines.append(render(tags, style))
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(["taglint: {ignore: [unknown-tag]}\n", "other: [1, 2]\n", "# a comment\n"])))
    order = draw(st.permutations(lines))
    body = draw(st.sampled_from(["Body.\n", "<!-- taglint: ignore unknown-tag -->\n#NLP\n", ""]))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = "---\n" + "".join(order) + "---\n" + body
    bom = draw(st.sampled_from([b"", b"\xef\xbb\xbf"]))
    return bom + text.replace("\n", newline).encode("utf-8")


@given(data=notes())
def test_quick_clean_implies_no_finding(setup: Setup, data: bytes) -> None:
    plan = plan_for(setup)
    assert plan is not None
    if is_clean("n.md", data, plan):
        note = parse_note("n.md", data, setup.config.tag_fields, setup.config.inline_tags)
        assert check_note(note, setup) == []


def test_clean_notes_in_every_style_are_accepted(setup: Setup) -> None:
    plan = plan_for(setup)
    assert plan is not None
    for style in ("flow", "quoted", "block", "comma", "space"):
        tags = ["LanguageModel", "NLP"]
        data = ("---\ntitle: A note\n" + render(tags, style) + "---\nBody\n").encode()
        assert is_clean("n.md", data, plan), style


@pytest.mark.parametrize(
    "front",
    [
        "title: A\ntags: [MulltiModal]\n",  # alias
        "title: A\ntags: [multimodal]\n",  # case variant
        "title: A\ntags: [Neural]\n",  # deprecated
        "title: A\ntags: [NLP, NLP]\n",  # duplicate
        "title: A\ntags: [LanguageModel]\n",  # missing parent
        "title: A\ntags: [NLP, Unknown]\n",  # unknown
        "tags: [NLP]\n",  # missing title
        "title: A\ntags: [ACL]\n",  # custom rule applies
        "title: A\ntags: [NLP]\ndate: soon\n",  # schema
        "title: A\ntags: [NLP]\ntaglint: {ignore: [unknown-tag]}\n",  # suppression
    ],
)
def test_notes_with_findings_take_the_full_path(setup: Setup, front: str) -> None:
    plan = plan_for(setup)
    assert plan is not None
    assert not is_clean("n.md", f"---\n{front}---\n".encode(), plan)


def test_inline_tags_disable_quick_acceptance(setup: Setup) -> None:
    from dataclasses import replace

    inline = Setup(replace(setup.config, inline_tags=True), setup.taxonomy, setup.ruleset, setup.severities)
    assert plan_for(inline) is None


def test_every_example_note_agrees_with_the_full_check() -> None:
    from taglint.project.config import find_config

    config = find_config(str(REPO / "examples" / "paper-notes"))
    bundled = load_setup(config)
    plan = plan_for(bundled)
    assert plan is not None
    accepted = 0
    for path in sorted((REPO / "examples" / "paper-notes").glob("*.md")):
        data = path.read_bytes()
        if is_clean(str(path), data, plan):
            accepted += 1
            assert check_note(parse_note(str(path), data), bundled) == [], path.name
    assert accepted > 0


@pytest.mark.parametrize("value", [None, "", [], {}, 0, 0.0, False, True, "x", ["a"], [""], {"a": 1}])
def test_inline_emptiness_is_missing_fields_emptiness(value: object) -> None:
    from taglint.checks.missing_field import is_empty
    from taglint.lint.clean_proof import _EMPTY

    assert (value in _EMPTY) == is_empty(value)


def test_tag_guard_of_an_any_condition_holds_every_way_to_meet_it(setup: Setup) -> None:
    from taglint.lint.clean_proof import tag_guard

    [venue] = [rule for rule in setup.ruleset.custom if rule.id == "venue-needs-url"]
    assert tag_guard(venue, setup.taxonomy) == (frozenset({"ACL", "EMNLP"}),)


def test_tag_guard_of_an_all_condition_has_a_set_per_tag_with_descendants(setup: Setup) -> None:
    from taglint.lint.clean_proof import tag_guard

    [rule] = [rule for rule in setup.ruleset.custom if rule.id == "multimodal-nlp-needs-date"]
    # NLP is met by LanguageModel too (its child); the alias resolves to MultiModal.
    assert tag_guard(rule, setup.taxonomy) == (frozenset({"NLP", "LanguageModel"}), frozenset({"MultiModal"}))


def test_a_rule_without_tag_conditions_has_no_guard(setup: Setup) -> None:
    from taglint.lint.clean_proof import tag_guard

    [rule] = [rule for rule in setup.ruleset.custom if rule.id == "titled-needs-url"]
    assert tag_guard(rule, setup.taxonomy) is None


@pytest.mark.parametrize(
    ("front", "clean"),
    [
        ("title: A\ntags: [LanguageModel, NLP]\n", True),  # the all-rule misses MultiModal
        ("title: A\ntags: [LanguageModel, NLP, MultiModal]\n", False),  # the all-rule applies
        ("title: Zoo\ntags: [NLP]\n", False),  # the guard-less rule applies
    ],
)
def test_custom_rules_are_proved_silent_by_their_guards(setup: Setup, front: str, clean: bool) -> None:
    plan = plan_for(setup)
    assert plan is not None
    assert is_clean("n.md", f"---\n{front}---\n".encode(), plan) is clean
