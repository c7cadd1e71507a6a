"""The built-in rules, one parametrized table each: passing notes, failing notes with exact line/col."""

from __future__ import annotations

import pytest

from taglint.files.text import LineIndex
from taglint.lint.check import check_note
from taglint.lint.setup import load_setup
from taglint.model import Applicability, Diagnostic
from taglint.parse.notes import parse_note
from taglint.project.config import Config
from taglint.project.setup import Setup
from taglint.rewrite.edits import apply_edits

TAXONOMY = """\
version: 1
case_sensitive: false
tags:
  NLP:
    description: Natural language processing
  LanguageModel:
    parents: [NLP]
  GPT:
    parents: [LanguageModel]
  MultiModal:
    aliases: [MulltiModal]
  Test-Time: {}
  Neural:
    deprecated: true
    replaced_by: NeuralNetwork
    aliases: [Neuro]
  NeuralNetwork: {}
  Retired:
    deprecated: true
  ACL: {}
  EMNLP: {}
  NeurIPS: {}
exclusive:
  venue: [ACL, EMNLP, NeurIPS]
"""

RULESET = """\
version: 1
required-fields: [title, tags]
note-schema:
  type: object
  properties:
    date: {type: string, format: date}
    url: {type: string, pattern: "^https?://"}
    title: {type: string}
"""


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Setup:
    root = tmp_path_factory.mktemp("project")
    (root / "taxonomy.yaml").write_text(TAXONOMY)
    (root / "rules").mkdir()
    (root / "rules" / "core.yaml").write_text(RULESET)
    return load_setup(Config(root=str(root)))


def run(setup: Setup, text: str, rule: str, inline_tags: bool = False) -> list[tuple[int, int, str]]:
    note = parse_note("n.md", text.encode("utf-8"), inline_tags=inline_tags)
    lines = LineIndex(note.text)
    return [(*lines.position(d.span.start), d.message) for d in check_note(note, setup) if d.rule == rule]


def diagnostics(setup: Setup, text: str, rule: str) -> list[Diagnostic]:
    note = parse_note("n.md", text.encode("utf-8"))
    return [d for d in check_note(note, setup) if d.rule == rule]


def fm(tags: str, extra: str = "title: t\n") -> str:
    return f"---\n{extra}tags: {tags}\n---\nbody\n"


def table(rule: str, passing: list[str], failing: list[tuple[str, list[tuple[int, int, str]]]]) -> list[object]:
    return [pytest.param(rule, text, [], id=f"{rule}-pass-{i}") for i, text in enumerate(passing)] + [
        pytest.param(rule, text, expected, id=f"{rule}-fail-{i}") for i, (text, expected) in enumerate(failing)
    ]


CASES = [
    *table(
        "unknown-tag",
        [fm("[NLP, LanguageModel]"), fm("[MulltiModal]"), fm("[test-time, nlp]"), fm("[Neural]"), "no front matter #Whatever\n"],
        [
            (fm("[NLP, MultiModel]"), [(3, 13, 'Unknown tag "MultiModel"; did you mean "MultiModal"?')]),
            (fm("[Zebra]"), [(3, 8, 'Unknown tag "Zebra"; add it to the taxonomy or use a known tag')]),
            (fm("NLP, Language Models"), [(3, 12, 'Unknown tag "Language Models"; did you mean "LanguageModel"?')]),
            (fm("\n  - NLP\n  - Neurals"), [(5, 5, 'Unknown tag "Neurals"; did you mean "NeuralNetwork"?')]),
        ],
    ),
    *table(
        "alias-tag",
        [fm("[MultiModal, Test-Time]"), fm("[Neuro]"), fm("[Unknown]")],
        [
            (fm("[NLP, MulltiModal]"), [(3, 13, '"MulltiModal" is an alias of "MultiModal"; use the canonical tag')]),
            (fm("[Test-time]"), [(3, 8, '"Test-time" differs from the canonical tag "Test-Time" only in case')]),
            (fm("[mullTimodal]"), [(3, 8, '"mullTimodal" is an alias of "MultiModal"; use the canonical tag')]),
            (fm("\n  - nlp"), [(4, 5, '"nlp" differs from the canonical tag "NLP" only in case')]),
        ],
    ),
    *table(
        "deprecated-tag",
        [fm("[NeuralNetwork]"), fm("[NLP]")],
        [
            (fm("[NLP, Neural]"), [(3, 13, '"Neural" is deprecated; use "NeuralNetwork"')]),
            (fm("[Neuro]"), [(3, 8, '"Neuro" (a spelling of "Neural") is deprecated; use "NeuralNetwork"')]),
            (fm("[Retired]"), [(3, 8, '"Retired" is deprecated')]),
        ],
    ),
    *table(
        "duplicate-tag",
        [fm("[NLP, LanguageModel]"), fm("[ACL]"), "---\ntitle: t\ntags: [NLP]\n---\nbody #NLP and #NLP\n"],
        [
            (fm("[NLP, NLP]"), [(3, 13, '"NLP" is already tagged (line 3); remove the repeat')]),
            (fm("[MultiModal, MulltiModal]"), [(3, 20, '"MulltiModal" duplicates "MultiModal" (line 3); remove the repeat')]),
            (fm("[NLP, nlp]"), [(3, 13, '"nlp" duplicates "NLP" (line 3); remove the repeat')]),
            (fm("[Neural, NeuralNetwork]"), [(3, 16, '"NeuralNetwork" duplicates "Neural" (line 3); remove the repeat')]),
            (fm("[Foo, foo]"), [(3, 13, '"foo" duplicates "Foo" (line 3); remove the repeat')]),
            (fm("\n  - NLP\n  - GPT\n  - NLP"), [(6, 5, '"NLP" is already tagged (line 4); remove the repeat')]),
            ("---\ntitle: t\ntags: [NLP]\ntag: NLP\n---\n", [(4, 6, '"NLP" is already tagged (line 3); remove the repeat')]),
            (
                fm("[NLP, NLP, NLP]"),
                [
                    (3, 13, '"NLP" is already tagged (line 3); remove the repeat'),
                    (3, 18, '"NLP" is already tagged (line 3); remove the repeat'),
                ],
            ),
        ],
    ),
    *table(
        "conflicting-tags",
        [fm("[ACL]"), fm("[ACL, NLP]"), fm("[ACL, acl]")],
        [
            (fm("[ACL, EMNLP]"), [(3, 13, '"EMNLP" conflicts with "ACL": at most one tag of the exclusive group "venue" per note')]),
            (
                fm("[NeurIPS, NLP, ACL, EMNLP]"),
                [
                    (3, 22, '"ACL" conflicts with "NeurIPS": at most one tag of the exclusive group "venue" per note'),
                    (3, 27, '"EMNLP" conflicts with "NeurIPS": at most one tag of the exclusive group "venue" per note'),
                ],
            ),
        ],
    ),
    *table(
        "missing-parent",
        [fm("[LanguageModel, NLP]"), fm("[nlp, LanguageModel]"), fm("[GPT, LanguageModel, NLP]"), fm("[NLP]")],
        [
            (fm("[LanguageModel]"), [(3, 8, '"LanguageModel" needs its parent tag "NLP"')]),
            (fm("[GPT, NLP]"), [(3, 8, '"GPT" needs its parent tag "LanguageModel"')]),
            (fm("[LanguageModel, languagemodel]"), [(3, 8, '"LanguageModel" needs its parent tag "NLP"')]),
        ],
    ),
    *table(
        "missing-field",
        [fm("[NLP]"), "---\ntitle: t\ntags: NLP\n---\n"],
        [
            ("---\ntags: [NLP]\n---\n", [(1, 1, 'Missing required field "title"')]),
            ("---\ntitle: ''\ntags: []\n---\n", [(2, 1, 'Required field "title" is empty'), (3, 1, 'Required field "tags" is empty')]),
            ("---\ntitle: t\ntags:\n---\n", [(3, 1, 'Required field "tags" is empty')]),
            ("---\n---\n", [(1, 1, 'Missing required field "title"'), (1, 1, 'Missing required field "tags"')]),
            (
                "Just a body.\n",
                [
                    (1, 1, 'Missing required field "title" (the note has no front matter)'),
                    (1, 1, 'Missing required field "tags" (the note has no front matter)'),
                ],
            ),
        ],
    ),
    *table(
        "invalid-field",
        [fm("[NLP]", "title: t\ndate: 2023-10-26\nurl: https://x.org\n")],
        [
            (fm("[NLP]", "title: t\ndate: 2023/10/26\n"), [(3, 7, 'date is "2023/10/26", which is not a valid date')]),
            (fm("[NLP]", "title: t\nurl: ftp://x\n"), [(3, 6, 'url is "ftp://x", which does not match the pattern ^https?://')]),
            (fm("[NLP]", "title: [a, b]\n"), [(2, 8, "title must be a string, not a list")]),
            (fm("{a: 1}"), [(3, 7, '"tags" must be a list or a string of tag names, not a mapping')]),
            (fm("[NLP, [x]]"), [(3, 13, '"tags" item 2 is a list; expected a tag name')]),
        ],
    ),
    *table(
        "parse-error",
        [fm("[NLP]"), "no front matter\n"],
        [
            ("---\ntitle: a: b\ntags: [Zebra]\n---\n", [(2, 9, "front matter is not valid YAML: mapping values are not allowed here")]),
            ("---\ntags: [NLP\n---\n", [(3, 1, "front matter is not valid YAML: did not find expected ',' or ']'")]),
            ("---\ntitle: t\n", [(1, 1, "front matter opened on line 1 is never closed with '---'")]),
            ("---\n- NLP\n---\n", [(2, 1, "front matter is a list, not a mapping of fields")]),
        ],
    ),
]


@pytest.mark.parametrize(("rule", "text", "expected"), CASES)
def test_rule_table(setup: Setup, rule: str, text: str, expected: list[tuple[int, int, str]]) -> None:
    assert run(setup, text, rule) == expected


def test_missing_parent_reports_once_per_parent(setup: Setup) -> None:
    assert run(setup, fm("[LanguageModel, GPT]"), "missing-parent") == [(3, 8, '"LanguageModel" needs its parent tag "NLP"')]


def test_parse_error_silences_the_other_rules(setup: Setup) -> None:
    note = parse_note("n.md", b"---\ntitle: a: b\ntags: [Zebra, MulltiModal]\n---\n")
    assert [d.rule for d in check_note(note, setup)] == ["parse-error"]


def test_invalid_field_does_not_repeat_missing_field(setup: Setup) -> None:
    note = parse_note("n.md", b"---\ntitle:\ntags: [NLP]\n---\n")
    assert [d.rule for d in check_note(note, setup)] == ["missing-field"]


def test_inline_tags_are_checked_when_enabled(setup: Setup) -> None:
    text = "---\ntitle: t\ntags: [NLP]\n---\nabout #MultiModel\n"
    assert run(setup, text, "unknown-tag", inline_tags=True) == [(5, 7, 'Unknown tag "MultiModel"; did you mean "MultiModal"?')]


def test_severities_and_codes(setup: Setup) -> None:
    text = fm("[MultiModel, MulltiModal, Neural, NLP, NLP, ACL, EMNLP, LanguageModel]", "date: x\n")
    note = parse_note("n.md", text.encode())
    got = {(d.code, d.rule, d.severity.value) for d in check_note(note, setup)}
    assert got == {
        ("TG001", "unknown-tag", "error"),
        ("TG002", "alias-tag", "error"),
        ("TG003", "deprecated-tag", "warning"),
        ("TG004", "duplicate-tag", "error"),
        ("TG005", "conflicting-tags", "error"),
        ("TG007", "missing-field", "error"),
        ("TG008", "invalid-field", "error"),
    }


def test_diagnostics_are_sorted_by_position(setup: Setup) -> None:
    note = parse_note("n.md", fm("[Zebra, MulltiModal, Neural]").encode())
    starts = [d.span.start for d in check_note(note, setup)]
    assert starts == sorted(starts)


# --- fixes offered by each rule -------------------------------------------------------------

FIXES = [
    ("alias-tag", fm("[NLP, MulltiModal]"), Applicability.SAFE, fm("[NLP, MultiModal]")),
    ("alias-tag", fm('["test-time"]'), Applicability.SAFE, fm('["Test-Time"]')),
    ("deprecated-tag", fm("\n  - 'Neural'"), Applicability.SAFE, fm("\n  - 'NeuralNetwork'")),
    ("duplicate-tag", fm("[NLP, LanguageModel, nlp]"), Applicability.SAFE, fm("[NLP, LanguageModel]")),
    (
        "duplicate-tag",
        fm("\n  - NLP\n  - NLP # again\n  - GPT"),
        Applicability.SAFE,
        fm("\n  - NLP\n  # again\n  - GPT"),
    ),  # the comment stays
    ("unknown-tag", fm("NLP, MultiModel"), Applicability.UNSAFE, fm("NLP, MultiModal")),
    ("missing-parent", fm("[LanguageModel]"), Applicability.UNSAFE, fm("[LanguageModel, NLP]")),
    ("missing-parent", fm("\n  - LanguageModel\n  - ACL"), Applicability.UNSAFE, fm("\n  - LanguageModel\n  - NLP\n  - ACL")),
]


@pytest.mark.parametrize(("rule", "text", "applicability", "fixed"), FIXES)
def test_fix_of_each_rule(setup: Setup, rule: str, text: str, applicability: Applicability, fixed: str) -> None:
    (diagnostic,) = diagnostics(setup, text, rule)
    assert diagnostic.fix is not None
    assert diagnostic.fix.applicability is applicability
    assert apply_edits(text, diagnostic.fix.edits) == fixed
    assert diagnostics(setup, fixed, rule) == []


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        ("unknown-tag", fm("[Zebra]")),
        ("deprecated-tag", fm("[Retired]")),
        ("conflicting-tags", fm("[ACL, EMNLP]")),
        ("missing-field", "---\ntags: [NLP]\n---\n"),
        ("invalid-field", fm("[NLP]", "title: t\ndate: nope\n")),
        ("parse-error", "---\ntitle: a: b\n---\n"),
    ],
)
def test_rules_without_a_fix(setup: Setup, rule: str, text: str) -> None:
    (diagnostic,) = diagnostics(setup, text, rule)
    assert diagnostic.fix is None
