"""Property tests over generated notes in every tag style.

(a) fixing twice equals fixing once; (b) after a safe fix, no safe-fixable
finding is left; (c) every byte outside the tag spans is unchanged (BOM,
endings, comments, other fields, body); (d) no input crashes the fixer.
"""

from __future__ import annotations

import re

from fixhelpers import fix_bytes, setup, skeleton
from helpers import quote_yaml
from hypothesis import given
from hypothesis import strategies as st

from taglint.lint import clean_proof
from taglint.model import Applicability, Edit, Fix, Span
from taglint.parse.notes import Note, parse_note
from taglint.parse.tag_syntax import plain_is_safe
from taglint.rewrite.edits import select_fixes
from taglint.rewrite.note import AllowedSpans

SETUP = setup(inline_tags=True)

NAMES = [
    # canonical
    "NLP",
    "LanguageModel",
    "MultiModal",
    "Test-Time",
    "NeuralNetwork",
    "Quantization",
    "Selected Papers/Blogs",
    "Q&A: Dialogue",
    "@Home",
    "PEFT(Adaptor/LoRA)",
    # aliases, case variants, deprecated
    "MulltiModal",
    "multimodal",
    "test-time",
    "Neural",
    "neural",
    "SelectedPapers",
    "QA",
    "AtHome",
    "PEFT",
    "nlp",
    # unknown, some close enough for a did-you-mean
    "MultiModel",
    "Quantisation",
    "Zzyzx",
    "foo-bar",
    "LanguageModels",
    "Neurall",
]
NEWLINES = st.sampled_from(["\n", "\r\n"])
COMMENT = st.sampled_from(["", "", "  # note", " #x"])


def _quoted(draw: st.DrawFn, name: str) -> str:
    choices = ["single", "double"] + (["plain"] if plain_is_safe(name) else [])
    return quote_yaml(name, draw(st.sampled_from(choices)))


@st.composite
def notes(draw: st.DrawFn) -> bytes:
    style = draw(st.sampled_from(["flow", "block", "comma", "space", "inline"]))
    pool = NAMES
    if style in ("space", "inline"):
        pool = [n for n in NAMES if re.fullmatch(r"[\w/\-]+", n)]
    names = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=6))
    nl = lambda: draw(NEWLINES)  # noqa: E731 - each line picks its own ending: mixed files too
    lines: list[str] = []
    if draw(st.booleans()):
        lines.append("# a comment before the fields" + nl())
    lines.append(f"title: {draw(st.sampled_from(['A note', 'x: y', '1', 'true']))!r}" + nl())
    key = draw(st.sampled_from(["tags", "tag"]))
    body = "Body text" + nl()
    if style == "flow":
        sep = draw(st.sampled_from([", ", ",", " , "]))
        lines.append(f"{key}: [" + sep.join(_quoted(draw, n) for n in names) + "]" + draw(COMMENT) + nl())
    elif style == "block":
        indent = draw(st.sampled_from(["", "  ", "    "]))
        lines.append(f"{key}:" + draw(COMMENT) + nl())
        for n in names:
            if draw(st.integers(0, 4)) == 0:
                lines.append(f"{indent}# between items" + nl())
            lines.append(f"{indent}- " + _quoted(draw, n) + draw(COMMENT) + nl())
    elif style in ("comma", "space"):
        joined = (", " if style == "comma" else " ").join(names)
        if style == "comma" and len(names) == 1:
            joined += ","  # a single name with a comma still splits on commas
        safe = all(plain_is_safe(n) for n in names) and not joined.endswith(",")
        quote = draw(st.sampled_from(['"', "'"] + ([""] if safe else [])))
        lines.append(f"{key}: {quote}{joined}{quote}" + draw(COMMENT) + nl())
    else:
        words = []
        for n in names:
            words.append("#" + n)
            words.append(draw(st.sampled_from(["and", "then", "`#code`", "<!-- #hidden -->"])))
        body = (
            "Some " + " ".join(words) + draw(st.sampled_from(["  ", "", "\t"])) + nl() + "```" + nl() + "#MulltiModal" + nl() + "```" + nl()
        )
    if draw(st.booleans()):
        lines.append(nl())  # a blank line inside the front matter
    lines.append("date: 2023-01-01" + draw(COMMENT) + nl())
    text = "---" + nl() + "".join(lines) + "---" + nl() + body
    bom = "\ufeff" if draw(st.booleans()) else ""
    return (bom + text).encode("utf-8")


def _parse(data: bytes) -> Note:
    return parse_note("n.md", data, SETUP.config.tag_fields, SETUP.config.inline_tags)


@given(notes(), st.booleans())
def test_fixing_twice_equals_fixing_once(data: bytes, unsafe: bool) -> None:
    once, _ = fix_bytes(data, unsafe, SETUP)
    twice, outcome = fix_bytes(once, unsafe, SETUP)
    assert twice == once
    assert not outcome.changed


@given(notes())
def test_no_safe_fixable_finding_remains(data: bytes) -> None:
    _, outcome = fix_bytes(data, False, SETUP)
    assert outcome.refused is None
    assert [d for d in outcome.remaining if d.fix is not None and d.fix.applicability is Applicability.SAFE] == []


@given(notes(), st.booleans())
def test_bytes_outside_tag_spans_are_unchanged(data: bytes, unsafe: bool) -> None:
    fixed, outcome = fix_bytes(data, unsafe, SETUP)
    assert outcome.refused is None
    assert fixed.startswith(b"\xef\xbb\xbf") == data.startswith(b"\xef\xbb\xbf")
    # Endings, comments, other fields and the body all lie outside the tag extents.
    assert skeleton(_parse(fixed)) == skeleton(_parse(data))


@given(st.binary(max_size=400), st.booleans())
def test_no_crash_on_any_bytes(data: bytes, unsafe: bool) -> None:
    fixed, _ = fix_bytes(data, unsafe, SETUP)
    assert isinstance(fixed, bytes)


YAMLISH = st.lists(
    st.sampled_from([*list("-:[]{},'\"#&*!|> \t\n\r\\aAbNLPMulti@Q"), "MulltiModal", "nlp", "Neural", "tags: ", "\n  - ", "\r\n- "]),
    max_size=40,
).map("".join)


@given(YAMLISH, YAMLISH, st.booleans())
def test_no_crash_on_yaml_like_front_matter(front: str, body: str, unsafe: bool) -> None:
    data = ("---\ntags: " + front + "\n---\n" + body).encode("utf-8")
    fixed, outcome = fix_bytes(data, unsafe, SETUP)
    if outcome.changed:
        # Whatever was written must itself parse, and fixing it again must change nothing.
        assert _parse(fixed).parsed
        assert fix_bytes(fixed, unsafe, SETUP)[0] == fixed


QUICK = setup(inline_tags=False)
FULL = setup(inline_tags=False)
FULL.derived["quick_plan"] = None  # the cached plan: this setup always runs the full check


@given(notes(), st.booleans())
def test_quick_acceptance_of_fixed_notes_changes_no_outcome(data: bytes, unsafe: bool) -> None:
    # fix_note skips the full re-check of a fixed note that the quick reader proves clean.
    assert clean_proof.plan_of(QUICK) is not None
    quick, with_plan = fix_bytes(data, unsafe, QUICK)
    full, without = fix_bytes(data, unsafe, FULL)
    assert quick == full
    assert (with_plan.fixed, with_plan.remaining, with_plan.refused, with_plan.changed) == (
        without.fixed,
        without.remaining,
        without.refused,
        without.changed,
    )


# The sorted structures that choose a note's fixes (O(N log N)) against the plain
# definitions they replace (every edit against every span: N² steps).
SPANS = st.tuples(st.integers(0, 30), st.integers(0, 6)).map(lambda t: Span(t[0], t[0] + t[1]))


def _naive_select(fixes: list[Fix]) -> list[Fix]:
    kept: list[Fix] = []
    taken: list[Span] = []
    for fix in sorted(fixes, key=lambda f: min((e.span.start, e.span.end) for e in f.edits)):
        spans = [e.span for e in fix.edits]
        if any(s.overlaps(t) for s in spans for t in taken) or any(a.overlaps(b) for i, a in enumerate(spans) for b in spans[i + 1 :]):
            continue
        kept.append(fix)
        taken.extend(spans)
    return kept


@given(st.lists(st.lists(SPANS, min_size=1, max_size=3), max_size=40))
def test_select_fixes_keeps_what_the_plain_greedy_keeps(fix_spans: list[list[Span]]) -> None:
    fixes = [Fix(tuple(Edit(s, str(i)) for s in spans), Applicability.SAFE, str(i)) for i, spans in enumerate(fix_spans)]
    assert select_fixes(fixes) == _naive_select(fixes)


@given(st.lists(SPANS, max_size=40), st.lists(SPANS, max_size=20))
def test_allowed_spans_cover_what_one_allowed_span_covers(allowed: list[Span], edits: list[Span]) -> None:
    spans = AllowedSpans(allowed)
    for edit in edits:
        assert spans.covers(edit) == any(a.start <= edit.start and edit.end <= a.end for a in allowed)
