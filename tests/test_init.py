"""taglint init's inference: which spellings are one tag, on what evidence, and the taxonomy it writes."""

from __future__ import annotations

import pytest

from taglint.project.taxonomy import load_taxonomy
from taglint.tools.infer import infer, render
from taglint.tools.usage import Usage, usage_from_tag_sets


def _usage(*notes: str | tuple[str, str]) -> Usage:
    """Notes as "a, b" (undated) or ("2020-01-01", "a, b")."""
    rows = []
    for note in notes:
        date, tags = note if isinstance(note, tuple) else (None, note)
        rows.append((date, [t.strip() for t in tags.split(",") if t.strip()]))
    return usage_from_tag_sets(rows)


def _aliases(*notes: str | tuple[str, str]) -> dict[str, set[str]]:
    return {g.canonical: {m.name for m in g.aliases} for g in infer(_usage(*notes)).groups if g.aliases}


def _candidates(*notes: str | tuple[str, str]) -> set[frozenset[str]]:
    return {frozenset((g.canonical, m.name)) for g in infer(_usage(*notes)).groups for m in g.uncertain}


def _dated(tag: str, year: int, count: int) -> list[tuple[str, str]]:
    return [(f"{year}-01-{day + 1:02d}", tag) for day in range(count)]


@pytest.mark.parametrize(
    "notes, expected",
    [
        (
            ["In-ContextLearning"] * 2 + ["InContextLearning", "In Context Learning"],
            {"In-ContextLearning": {"InContextLearning", "In Context Learning"}},
        ),
        (["NLP", "NLP", "nlp"], {"NLP": {"nlp"}}),
        (["ai", "ai", "#ai"], {"ai": {"#ai"}}),
        (["Embedding", "Embedding", "Embeddings"], {"Embedding": {"Embeddings"}}),
        (["nota técnica", "notas técnicas", "notas técnicas"], {"notas técnicas": {"nota técnica"}}),
        (["data visualisation", "data visualisation", "data visualization"], {"data visualisation": {"data visualization"}}),
        (["The Carpentries", "The Carpentries", "Carpentries"], {"The Carpentries": {"Carpentries"}}),
        (["programa de campeones", "programa de campeones", "programa campeones"], {"programa de campeones": {"programa campeones"}}),
        (["yaml", "yaml", "yml"], {"yaml": {"yml"}}),
        (["postgresql", "postgresql", "Postgres"], {"postgresql": {"Postgres"}}),
        (["stimulus", "stimulus", "stimulusjs"], {"stimulus": {"stimulusjs"}}),
        (["tailwindcss", "tailwindcss", "tailwind"], {"tailwindcss": {"tailwind"}}),
        (["MultiModal", "MultiModal", "MulltiModal"], {"MultiModal": {"MulltiModal"}}),
    ],
    ids=[
        "separators",
        "case",
        "obsidian-hash",
        "plural",
        "plural-of-a-word",
        "british",
        "article",
        "function-word",
        "short-form-yml",
        "short-form-postgres",
        "suffix-js",
        "suffix-css",
        "misspelling",
    ],
)
def test_strong_spellings_are_aliases(notes: list[str], expected: dict[str, set[str]]) -> None:
    assert _aliases(*notes) == expected


@pytest.mark.parametrize(
    "pair",
    [
        ("PicoCTF2019", "PicoCTF2021"),  # a number is the point of such tags
        ("ruby-on-rails-7", "ruby-on-rails"),
        ("fs", "feature-selection"),  # a two-letter "acronym"
        ("hotwire", "hotwire-native"),  # a prefix on spelling alone
        ("DeFi", "Definition"),
        ("icalendar", "calendar"),
        ("angular", "angularjs"),  # known to be two frameworks
        ("binder", "birder"),  # a replaced letter: two words
        ("udc", "udc/6xx"),  # a nested tag and its parent
        ("multilingüe", "multilíngue"),  # accents: Spanish and Portuguese
    ],
)
def test_never_an_alias(pair: tuple[str, str]) -> None:
    a, b = pair
    assert _aliases(a, a, b, b) == {}


@pytest.mark.parametrize(
    "pair", [("PicoCTF2019", "PicoCTF2021"), ("windows10-tips", "windows11-tips"), ("ruby-on-rails-7", "ruby-on-rails")]
)
def test_numbers_that_differ_are_not_even_candidates(pair: tuple[str, str]) -> None:
    a, b = pair
    notes = [*_dated(a, 2019, 3), *_dated(b, 2021, 3)]  # one gave way to the other, the strongest support a hint gets
    assert _candidates(*notes) == set() and _aliases(*notes) == {}


def test_a_truncation_that_followed_in_time_is_only_a_candidate() -> None:
    notes = [*_dated("Neural", 2018, 5), *_dated("NeuralNetwork", 2024, 8)]
    assert _aliases(*notes) == {}
    assert _candidates(*notes) == {frozenset(("Neural", "NeuralNetwork"))}


def test_a_truncation_without_support_is_not_even_a_candidate() -> None:
    notes = [*_dated("package", 2020, 3), *_dated("package development", 2020, 3), ("2020-01-01", "package, package development")] * 1
    assert _candidates(*notes) == set()


def test_a_replaced_letter_is_offered_as_a_candidate() -> None:
    assert _candidates("governanza", "gobernanza", "gobernanza") == {frozenset(("gobernanza", "governanza"))}


def test_tags_used_side_by_side_are_two_tags() -> None:
    assert _aliases("Attention, AttentionSinks", "Attention", "Attention", "AttentionSinks, Attention", "AttentionSinks") == {}


def test_one_shared_note_in_many_does_not_block_a_strong_pair() -> None:
    notes = ["stimulus"] * 40 + ["stimulusjs"] * 30 + ["stimulus, stimulusjs"]
    result = infer(_usage(*notes))
    group = next(g for g in result.groups if g.canonical == "stimulus")
    assert [m.name for m in group.aliases] == ["stimulusjs"]
    assert "1 of its notes also carries" in group.aliases[0].evidence


def test_a_strong_pair_used_side_by_side_is_only_a_candidate() -> None:
    notes = ["Embedding, Embeddings"] * 3 + ["Embedding"]
    assert _aliases(*notes) == {}
    assert _candidates(*notes) == {frozenset(("Embedding", "Embeddings"))}


def test_case_variants_on_one_note_are_still_one_tag() -> None:
    assert _aliases("requestjs, request-js", "requestjs") == {"requestjs": {"request-js"}}


def test_acronym_beside_its_expansion_is_an_alias() -> None:
    notes = ["GIS, Geographic Information Systems, maps", "GIS, maps", "GIS"]
    assert _aliases(*notes) == {"GIS": {"Geographic Information Systems"}}


def test_acronym_in_other_company_is_only_a_candidate() -> None:
    notes = ["wsl, linux", "wsl, linux", "wiki-sub-library, obsidian", "wiki-sub-library, obsidian"]
    assert _aliases(*notes) == {}


def test_a_flat_tag_and_its_facet_form_are_one_tag() -> None:
    # type/ holds several tags and is never a tag itself: a facet.
    notes = ["tutorial", "type/tutorial", "type/tutorial", "type/guide", "type/reference"]
    assert _aliases(*notes) == {"type/tutorial": {"tutorial"}}


def test_a_flat_tag_and_a_subjects_child_are_two_tags() -> None:
    # notion is a tag itself: notion/template is a narrower tag of that subject.
    notes = ["template, writing", "template", "notion/template, notion", "notion/faq, notion", "notion"]
    assert _aliases(*notes) == {}


def test_a_flat_tag_used_inside_the_subject_is_the_subjects_tag() -> None:
    notes = ["针刺理论, 黄帝内经", "针刺理论, 黄帝内经/素问", "黄帝内经/针刺理论", "黄帝内经/灵枢", "黄帝内经"]
    assert _aliases(*notes) == {"针刺理论": {"黄帝内经/针刺理论"}}


def test_canonical_is_the_newer_convention_when_one_replaced_the_other() -> None:
    notes = [*_dated("Efficiency", 2018, 6), *_dated("efficiency", 2024, 3)]
    result = infer(_usage(*notes))
    group = next(g for g in result.groups if g.aliases)
    assert group.canonical == "efficiency"
    assert group.why.startswith("the newer spelling: used since 2024-01-01")


def test_canonical_is_the_most_used_spelling_otherwise() -> None:
    notes = [*_dated("Efficiency", 2018, 6), *_dated("efficiency", 2018, 3)]
    group = next(g for g in infer(_usage(*notes)).groups if g.aliases)
    assert group.canonical == "Efficiency"
    assert group.why == "the most used spelling (6 of 9 uses)"


def test_a_later_misspelling_never_becomes_canonical() -> None:
    # Newer and used twice, so "the newer convention" unless a slip of the more used spelling.
    notes = [*_dated("MultiModal", 2018, 5), *_dated("MulltiModal", 2024, 2)]
    group = next(g for g in infer(_usage(*notes)).groups if g.aliases)
    assert group.canonical == "MultiModal"


def test_rendered_taxonomy_loads_and_carries_evidence() -> None:
    result = infer(_usage("MultiModal", "MultiModal", "MulltiModal", "Selected Papers/Blogs", "yes", "C#: intro"))
    text = render(result, 6)
    taxonomy = load_taxonomy("taxonomy.yaml", text)
    assert taxonomy.tags["MultiModal"].aliases == ("MulltiModal",)
    assert '      - MulltiModal  # 1 note; one letter doubled ("l"); never on the same note' in text
    assert set(taxonomy.tags) == {"MultiModal", "Selected Papers/Blogs", "yes", "C#: intro"}


def test_rendered_candidates_are_commented_out() -> None:
    notes = [*_dated("Neural", 2018, 5), *_dated("NeuralNetwork", 2024, 8)]
    text = render(infer(_usage(*notes)), 13)
    assert "  NeuralNetwork:  # 8 notes\n    # aliases:\n      # - Neural  # uncertain: 5 notes, 2018-01;" in text
    assert set(load_taxonomy("taxonomy.yaml", text).tags) == {"Neural", "NeuralNetwork"}


def test_a_collection_without_tags_gets_a_valid_empty_taxonomy() -> None:
    text = render(infer(_usage()), 0)
    assert "tags: {}" in text
    assert load_taxonomy("taxonomy.yaml", text).tags == {}


def _monthly(tag: str, first: str, count: int, step: int = 1) -> list[tuple[str, str]]:
    """``count`` notes carrying ``tag``, one every ``step`` months from ``first`` (YYYY-MM)."""
    year, month = int(first[:4]), int(first[5:7]) - 1
    return [(f"{year + (month + i * step) // 12}-{(month + i * step) % 12 + 1:02d}-01", tag) for i in range(count)]


LATER = ("2019-01-01", "Other")  # the collection goes on: the older spelling has been unused for two years


def test_an_established_spelling_retired_for_another_is_a_rename() -> None:
    notes = [*_monthly("Neural", "2016-01", 12), *_monthly("NeuralNetwork", "2016-11", 12), LATER]
    result = infer(_usage(*notes))
    group = next(g for g in result.groups if g.aliases)
    assert (group.canonical, [m.name for m in group.aliases]) == ("NeuralNetwork", ["Neural"])
    assert 'a rename: "Neural" unused since 2016-12 (12 notes from 2016-01' in group.aliases[0].evidence
    assert group.why.startswith("the newer spelling of a rename")


def test_spellings_on_one_note_are_not_a_rename() -> None:
    notes = [*_monthly("Neural", "2016-01", 12), *_monthly("NeuralNetwork", "2016-11", 12), ("2016-12-15", "Neural, NeuralNetwork"), LATER]
    assert _aliases(*notes) == {}


def test_a_rename_needs_ten_notes_of_each_spelling() -> None:
    notes = [*_monthly("Neural", "2016-01", 9), *_monthly("NeuralNetwork", "2016-08", 9), LATER]
    assert _aliases(*notes) == {}
    assert _candidates(*notes) == {frozenset(("Neural", "NeuralNetwork"))}


def test_names_sharing_only_a_later_word_are_not_a_rename() -> None:
    notes = [*_monthly("Pilot Workshops", "2016-01", 12), *_monthly("Carpentries Workshops", "2016-11", 12), LATER]
    assert _aliases(*notes) == {}


def test_two_episodes_years_apart_are_not_a_rename() -> None:
    notes = [*_monthly("Research", "2016-01", 12), *_monthly("Research Tools", "2017-06", 12), LATER]
    assert _aliases(*notes) == {}


def test_a_newer_spelling_used_beside_the_older_for_years_is_not_a_rename() -> None:
    # The older one stops only after the newer one's last use: they were two tags side by side.
    notes = [
        *_monthly("Community Building", "2016-01", 11),
        ("2020-12-01", "Community Building"),
        *_monthly("Community Discussions", "2018-01", 12),
        ("2022-06-01", "Other"),
    ]
    assert _aliases(*notes) == {}


def test_a_spelling_unused_for_less_than_a_year_is_not_retired() -> None:
    notes = [*_monthly("Neural", "2016-01", 12), *_monthly("NeuralNetwork", "2016-11", 12)]  # the collection ends 2017-10
    assert _aliases(*notes) == {}


def test_a_rare_spelling_silent_for_a_year_is_not_retired() -> None:
    # Used once a year, then silent for 16 months: at that rate it would have appeared about once.
    notes = [*_monthly("Neural", "2008-09", 10, step=12), *_monthly("NeuralNetwork", "2017-06", 10), LATER]
    assert _aliases(*notes) == {}


def test_an_acronym_spelled_out_after_its_last_use_is_a_rename() -> None:
    notes = [("2023-10-24", "CoT, NLP"), ("2023-11-15", "CoT"), ("2025-05-31", "Chain-of-Thought, NLP")]
    result = infer(_usage(*notes))
    group = next(g for g in result.groups if g.aliases)
    assert (group.canonical, [m.name for m in group.aliases]) == ("Chain-of-Thought", ["CoT"])
    assert 'a rename: "CoT" unused since 2023-11; every use of "Chain-of-Thought" comes after it' in group.aliases[0].evidence


def test_an_acronym_used_among_the_phrase_is_not_a_rename() -> None:
    notes = [*_monthly("wsl", "2020-01", 6, step=6), ("2021-03-01", "wiki-sub-library"), ("2025-01-01", "Other")]
    assert _aliases(*notes) == {}


def test_an_acronym_spelled_out_within_the_year_is_only_a_candidate() -> None:
    notes = [("2025-01-10", "CoT"), ("2025-02-10", "CoT"), ("2025-05-31", "Chain-of-Thought")]
    assert _aliases(*notes) == {}
    assert _candidates(*notes) == {frozenset(("CoT", "Chain-of-Thought"))}
