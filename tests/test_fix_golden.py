"""Golden fix cases (tests/data/fix/<case>.md -> <case>.fixed.md) and the fix loop's own rules.

Cases named ``unsafe-*`` are fixed with unsafe fixes on; all others with safe fixes only.
"""

from __future__ import annotations

import pytest
from fixhelpers import FIX_DATA, fix_bytes, golden_cases, setup

from taglint.files.text import SourceText
from taglint.model import Applicability, Edit, Span
from taglint.parse.notes import parse_note, parse_text
from taglint.rewrite.note import MAX_PASSES, edits_only_tags, fix_note, resolved
from taglint.rewrite.verify import body_skeleton, verify

CASES = golden_cases()


def test_every_style_and_fix_has_a_case() -> None:
    # A guard so a renamed or deleted pair cannot silently shrink the table.
    assert len(CASES) >= 28
    for case in CASES:
        assert (FIX_DATA / f"{case}.fixed.md").is_file(), case


@pytest.mark.parametrize("case", CASES)
def test_golden(case: str) -> None:
    data = (FIX_DATA / f"{case}.md").read_bytes()
    expected = (FIX_DATA / f"{case}.fixed.md").read_bytes()
    fixed, outcome = fix_bytes(data, unsafe=case.startswith("unsafe-"))
    assert outcome.refused is None
    assert fixed == expected


@pytest.mark.parametrize("case", CASES)
def test_golden_fixed_is_stable(case: str) -> None:
    expected = (FIX_DATA / f"{case}.fixed.md").read_bytes()
    again, outcome = fix_bytes(expected, unsafe=case.startswith("unsafe-"))
    assert again == expected
    assert not outcome.changed


@pytest.mark.parametrize("case", [c for c in CASES if not c.startswith("unsafe-")])
def test_safe_fixes_leave_no_safe_fixable_finding(case: str) -> None:
    _, outcome = fix_bytes((FIX_DATA / f"{case}.md").read_bytes())
    assert [d for d in outcome.remaining if d.fix and d.fix.applicability is Applicability.SAFE] == []


@pytest.mark.parametrize("case", ["unsafe-unknown", "unsafe-missing-parent-flow", "unsafe-missing-parent-block"])
def test_unsafe_fixes_need_the_flag(case: str) -> None:
    data = (FIX_DATA / f"{case}.md").read_bytes()
    fixed, outcome = fix_bytes(data, unsafe=False)
    assert fixed == data
    assert not outcome.changed


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        # an alias that is also a repeat: one edit, two findings resolved
        ("---\ntags: [MultiModal, MulltiModal]\n---\n", 2),
        ("---\ntags: [MulltiModal, Neural, NLP, nlp]\n---\n", 4),
        ("---\ntags: [NLP]\n---\n", 0),
    ],
)
def test_fixed_counts_findings_resolved(text: str, fixed: int) -> None:
    _, outcome = fix_bytes(text.encode())
    assert outcome.fixed == fixed


def test_per_file_ignores_keep_findings_unfixed() -> None:
    chosen = setup(ignore=("alias-tag",))
    data = b"---\ntags: [MulltiModal, Neural]\n---\n"
    fixed, outcome = fix_bytes(data, the_setup=chosen)
    assert fixed == b"---\ntags: [MulltiModal, NeuralNetwork]\n---\n"
    assert outcome.fixed == 1


def test_parse_error_note_is_left_alone() -> None:
    data = b"---\ntags: [MulltiModal\n---\n"
    fixed, outcome = fix_bytes(data)
    assert fixed == data
    assert [d.rule for d in outcome.remaining] == ["parse-error"]


def test_yaml_alias_target_is_never_edited() -> None:
    # "tags" reaches its value through an anchor elsewhere: editing there would change "other" too.
    data = b"---\nother: &t [MulltiModal]\ntags: *t\n---\n"
    fixed, _ = fix_bytes(data)
    assert fixed == data


def _note(text: str, inline: bool = True):  # type: ignore[no-untyped-def]
    return parse_text("n.md", SourceText(text, False), ("tags", "tag"), inline)


@pytest.mark.parametrize(
    ("before", "after", "why"),
    [
        ("---\ntags: [a]\ntitle: 1\n---\n", "---\ntags: [a]\ntitle: true\n---\n", 'field "title"'),
        ("---\ntags: [a]\ntitle: 1\n---\n", "---\ntags: [a]\ntitle: 1.0\n---\n", 'field "title"'),
        ("---\ntags: [a]\ntitle: x\n---\n", "---\ntitle: x\ntags: [a]\n---\n", "reorder"),
        ("---\ntags: [a]\n---\n", "---\ntags: [a\n---\n", "would not parse"),
        ("---\ntags: [a]\n---\n", "---\ntags: a\n---\n", "what kind of value"),
        ("---\ntags: [a]\n---\nbody #a\n", "---\ntags: [a]\n---\nbody! #a\n", "body"),
        ("---\ntags: [a]\n---\n", "---\ntags: [a, {b: 1}]\n---\n", "invalid"),
    ],
)
def test_verify_refuses(before: str, after: str, why: str) -> None:
    problem = verify(_note(before), _note(after), ("tags", "tag"))
    assert problem is not None and why in problem


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("---\ntags: [a]\n---\nsee #a here\n", "---\ntags: [a]\n---\nsee #b here\n"),  # renamed inline tag
        ("---\ntags: [a]\n---\nsee #a here\n", "---\ntags: [a]\n---\nsee #a #p here\n"),  # added after a tag
        ("#a at the start\n", "#bb at the start\n"),
        ("---\ntags: [a, b]\nn: 1\n---\nx\n", "---\ntags: [a]\nn: 1\n---\nx\n"),
    ],
)
def test_verify_allows_changes_at_tags_only(before: str, after: str) -> None:
    assert verify(_note(before), _note(after), ("tags", "tag")) is None


def test_inline_body_change_refused_when_inline_tags_are_off() -> None:
    before, after = _note("---\ntags: [a]\n---\nsee #a\n", False), _note("---\ntags: [a]\n---\nsee #b\n", False)
    assert body_skeleton(before) != body_skeleton(after)


def test_edits_outside_tags_are_rejected() -> None:
    note = _note("---\ntitle: MulltiModal\ntags: [MulltiModal]\n---\n")
    title = Edit(Span(11, 22), "MultiModal")
    tag = Edit(Span(30, 41), "MultiModal")
    assert note.text[30:41] == "MulltiModal"
    assert edits_only_tags(note, [tag])
    assert not edits_only_tags(note, [title])


def test_resolved_counts_per_rule() -> None:
    from taglint.model import Diagnostic, Severity

    def d(rule: str) -> Diagnostic:
        return Diagnostic("X", rule, Severity.ERROR, "m", Span(0, 0))

    assert resolved([d("a"), d("a"), d("b")], [d("a")]) == 2
    assert resolved([d("a")], [d("a"), d("c")]) == 0


def test_loop_that_never_settles_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    # A rule whose fix always offers yet another change: the cap must stop it and keep the original.
    from taglint.model import Diagnostic, Fix, Severity
    from taglint.rewrite import note as fixing

    def endless(note, the_setup):  # type: ignore[no-untyped-def]
        occ = note.tags[0]
        grown = occ.name + "x"
        fix = Fix((Edit(occ.span, grown),), Applicability.SAFE, "grow")
        return [Diagnostic("X", "grow", Severity.ERROR, "m", occ.span, fix)]

    monkeypatch.setattr(fixing, "findings", endless)
    chosen = setup()
    note = parse_note("n.md", b"---\ntags: [a]\n---\n", chosen.config.tag_fields)
    outcome = fix_note(note, chosen)
    assert outcome.refused is not None and str(MAX_PASSES) in outcome.refused
    assert outcome.note is note and not outcome.changed
