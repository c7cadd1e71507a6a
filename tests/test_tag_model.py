"""The tag model (``checks.tagmodel`` + ``tools.suggest``): vectors, trees, choosing, building, storing."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from taglint.checks.tagmodel import score, stored
from taglint.checks.tagmodel.choose import Candidate, choose
from taglint.checks.tagmodel.names import NameIndex, phrases
from taglint.checks.tagmodel.text import make_doc
from taglint.checks.tagmodel.vectors import blocks, char_grams, idf_from, vector
from taglint.project.taxonomy import load_taxonomy
from taglint.tools.suggest import boosting
from taglint.tools.suggest.build import Example, TagInfo, build

TOPICS = {
    "Cooking": ["pasta", "sauce", "recipe", "oven", "garlic", "simmer", "kitchen", "flour"],
    "Gardening": ["soil", "seedling", "compost", "tomato", "prune", "greenhouse", "mulch", "watering"],
    "Python": ["function", "module", "import", "pytest", "decorator", "generator", "typing", "asyncio"],
}
FILLER = ["today", "notes", "about", "some", "thing", "with", "more", "ideas", "later", "again"]

TAXONOMY = """\
version: 1
tags:
  Cooking: {description: "Recipes and cooking in the kitchen"}
  Gardening: {description: "Plants, soil and the garden"}
  Python: {description: "The Python programming language"}
  Quick: {description: "Short notes"}
  Baking:
    description: "Bread, cakes and the oven"
    parents: [Cooking]
  Old: {deprecated: true, replaced_by: Cooking}
  Draft: {description: "Unfinished"}
  Done: {description: "Finished"}
exclusive:
  state: [Draft, Done]
"""


def _note(topic: str, rng: random.Random) -> str:
    words = rng.sample(TOPICS[topic], 4) + rng.sample(FILLER, 4)
    rng.shuffle(words)
    return " ".join(words)


def collection(count: int = 60, seed: int = 0) -> list[Example]:
    rng = random.Random(seed)
    examples = []
    for i in range(count):
        topic = list(TOPICS)[i % 3]
        tags = [topic, "Done" if i % 2 else "Draft"] + (["Quick"] if i % 5 == 0 else [])
        doc = make_doc({"title": f"{topic.lower()} note {i}"}, _note(topic, rng))
        examples.append(Example(f"n{i}.md", doc, tuple(tags)))
    return examples


def tag_infos(taxonomy_text: str = TAXONOMY) -> list[TagInfo]:
    taxonomy = load_taxonomy("taxonomy.yaml", taxonomy_text)
    return [TagInfo(t.name, t.aliases, t.description) for t in taxonomy.tags.values() if not t.deprecated]


@pytest.fixture(scope="module")
def model() -> stored.Model:
    built = build(collection(count=120), tag_infos())
    assert built.trees is not None  # enough notes to learn the ranker
    return built


def test_char_grams_read_japanese_and_english() -> None:
    assert len(char_grams("言語モデル", 1)) == 5 + 4 + 3
    assert len(char_grams("ab  c", 1)) == len(char_grams("ab c", 1))  # blanks collapse


def test_hashing_is_stable_across_runs() -> None:
    # Stored models depend on it: no per-process salt (Python's hash() would change every run).
    assert char_grams("pasta", 7).tolist() == char_grams("pasta", 7).tolist()
    assert int(char_grams("a", 7)[0]) == int(char_grams("a", 7)[0])


def test_vectors_are_unit_length() -> None:
    doc = make_doc({"title": "Pasta", "date": "2024-01-02"}, "garlic sauce")
    parts = blocks(doc)
    idf = idf_from(np.zeros(1 << 20, np.int64), 1)
    _, values = vector(parts, idf)
    assert abs(float(np.dot(values, values)) - 1.0) < 1e-5


def test_document_facts_leave_out_tag_fields_and_dates_as_years() -> None:
    doc = make_doc({"title": "T", "date": "2024-03-01", "url": "https://www.arxiv.org/abs/1"}, "body")
    assert "year:2024" in doc.meta and "host:arxiv.org" in doc.meta
    assert "2024-03-01" not in doc.text


def test_names_match_words_of_camel_case_and_aliases() -> None:
    index = NameIndex([phrases("LanguageModel"), phrases("PEFT(Adaptor/LoRA)"), phrases("技术")])
    assert index.named("Large language models are few-shot learners") == {0}
    assert index.named("LoRA: low-rank adaptation") == {1}
    assert index.named("关于技术的笔记") == {2}
    assert index.named("a model of language") == set()


def test_trees_learn_a_threshold_rule() -> None:
    rng = np.random.default_rng(0)
    features = rng.random((600, 2))
    labels = (features[:, 0] > 0.6).astype(float)
    trees = boosting.fit(features, labels, boosting.Settings(rounds=30, min_leaf=10))
    predicted = trees.probability(features) > 0.5
    assert (predicted == labels.astype(bool)).mean() > 0.97


def _candidates(*pairs: tuple[str, float]) -> list[Candidate]:
    return [Candidate(tag, s, ()) for tag, s in pairs]


def test_choose_adds_parents_after_their_child_outside_k() -> None:
    taxonomy = load_taxonomy("taxonomy.yaml", TAXONOMY)
    chosen = choose(_candidates(("Baking", 0.9), ("Python", 0.5)), taxonomy, set(), k=2)
    assert [(s.tag, s.parent_of) for s in chosen] == [("Baking", None), ("Cooking", "Baking"), ("Python", None)]


def test_choose_keeps_one_member_of_an_exclusive_group() -> None:
    taxonomy = load_taxonomy("taxonomy.yaml", TAXONOMY)
    assert [s.tag for s in choose(_candidates(("Draft", 0.9), ("Done", 0.8), ("Quick", 0.7)), taxonomy, set(), k=3)] == ["Draft", "Quick"]
    assert [s.tag for s in choose(_candidates(("Draft", 0.9), ("Quick", 0.7)), taxonomy, {"Done"}, k=3)] == ["Quick"]


def test_choose_never_suggests_deprecated_unknown_or_present_tags() -> None:
    taxonomy = load_taxonomy("taxonomy.yaml", TAXONOMY)
    chosen = choose(_candidates(("Old", 0.9), ("Nope", 0.9), ("Quick", 0.8), ("Python", 0.7)), taxonomy, {"Quick"}, k=5)
    assert [s.tag for s in chosen] == ["Python"]


def test_choose_honours_min_score() -> None:
    taxonomy = load_taxonomy("taxonomy.yaml", TAXONOMY)
    assert [s.tag for s in choose(_candidates(("Python", 0.7), ("Quick", 0.1)), taxonomy, set(), k=5, min_score=0.5)] == ["Python"]


def test_model_ranks_the_topic_of_a_new_note_first(model: stored.Model) -> None:
    doc = make_doc({"title": "weeknight dinner"}, "garlic pasta sauce simmer in the kitchen")
    ranked = score.rank(model, [doc])[0]
    assert model.tags[ranked[0].tag] == "Cooking"
    assert "most similar notes carry it" in " ".join(score.evidence(ranked[0].signals))


def test_model_uses_the_taxonomy_description_for_an_unused_tag(model: stored.Model) -> None:
    doc = make_doc({"title": "bread"}, "bread and cakes from the oven")
    ranked = score.rank(model, [doc])[0]
    baking = next(r for r in ranked if model.tags[r.tag] == "Baking")
    assert model.header["counts"][model.tags.index("Baking")] == 0
    assert baking.signals[score.FEATURES.index("description_rank")] == 0.0  # its description is the closest


def test_training_note_is_ranked_without_its_own_tags() -> None:
    only = Example("bread.md", make_doc({"title": "sourdough"}, "bread flour oven crust"), ("Baking",))
    examples = [*collection(count=100), only]
    model = build(examples, tag_infos())
    baking = model.tags.index("Baking")
    with_itself = next(r for r in score.rank(model, [only.doc], [None])[0] if r.tag == baking)
    left_out = [r for r in score.rank(model, [only.doc], [len(examples) - 1])[0] if r.tag == baking]
    voters = score.FEATURES.index("voters")
    assert with_itself.signals[voters] == 1  # it is its own nearest neighbour
    assert not left_out or left_out[0].signals[voters] == 0


def test_small_collection_falls_back_to_fixed_weights() -> None:
    small = build(collection(count=30), tag_infos())
    assert small.trees is None
    doc = make_doc({"title": "python"}, "pytest decorator module import")
    assert small.tags[score.rank(small, [doc])[0][0].tag] == "Python"


def test_stored_model_ranks_exactly_as_built(model: stored.Model, tmp_path: Path) -> None:
    path = str(tmp_path / "m.npz")
    stored.save(model, path)
    loaded = stored.load(path)
    doc = make_doc({"title": "seedlings"}, "compost soil and watering the tomato")
    assert [(r.tag, round(r.score, 6)) for r in score.rank(loaded, [doc])[0]] == [
        (r.tag, round(r.score, 6)) for r in score.rank(model, [doc])[0]
    ]


def test_a_model_file_holding_objects_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "evil.npz"
    np.savez(path, header=np.array([{"format": 1}], dtype=object))
    with pytest.raises(stored.ModelError):
        stored.load(str(path))


def test_a_model_with_out_of_range_rows_is_refused(model: stored.Model, tmp_path: Path) -> None:
    path = str(tmp_path / "m.npz")
    stored.save(model, path)
    with np.load(path) as data:
        arrays = {k: data[k] for k in data.files}
    arrays["labels_indices"] = arrays["labels_indices"] + 1000
    np.savez(path, **arrays)
    with pytest.raises(stored.ModelError):
        stored.load(path)


def test_a_model_whose_header_lies_about_types_is_refused(model: stored.Model, tmp_path: Path) -> None:
    import json

    path = str(tmp_path / "m.npz")
    stored.save(model, path)
    with np.load(path) as data:
        arrays = {k: data[k] for k in data.files}
    header = json.loads(arrays["header"].tobytes())
    header["usual"] = "three"
    arrays["header"] = np.frombuffer(json.dumps(header).encode(), np.uint8)
    np.savez(path, **arrays)
    with pytest.raises(stored.ModelError):
        stored.load(path)
