"""Checks that taxonomy.yaml, rules/ and examples/paper-notes agree with the seed dumps.

The seeds live outside the repo (``<repo>/../shared/seeds`` or ``$TAGLINT_SEEDS``).
Without them the seed-dependent tests are skipped (or fail when ``$CI`` is set).
Deliberately independent of the taglint package: the taxonomy is read with PyYAML.
"""

import importlib.util
import json
import os
import re
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "scripts" / "build_examples.py"
EXAMPLES = REPO / "examples" / "paper-notes"
TAXONOMY = REPO / "taxonomy.yaml"
RULES = REPO / "rules" / "paper-notes.yaml"

ALLOWED_TAG_KEYS = {"description", "parents", "aliases", "deprecated", "replaced_by"}


def _load_builder():
    name = "taglint_build_examples"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod  # dataclasses need the module registered
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def builder():
    return _load_builder()


@pytest.fixture(scope="module")
def seed_dir(builder):
    d = builder.default_seed_dir()
    if d is None:
        reason = "seed dumps not found: expected <repo>/../shared/seeds or a directory in $TAGLINT_SEEDS"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return d


@pytest.fixture(scope="module")
def seed_notes(builder, seed_dir):
    return builder.parse_seeds(seed_dir)


@pytest.fixture(scope="module")
def taxonomy():
    return yaml.safe_load(TAXONOMY.read_text(encoding="utf-8"))


def _canonical(tax):
    return {k: v for k, v in tax["tags"].items() if not (v or {}).get("deprecated")}


def _front_matter(path):
    text = path.read_text(encoding="utf-8")
    m = re.match(r"---\n(.*?\n)---\n", text, re.S)
    assert m, f"{path.name}: no front matter"
    return yaml.safe_load(m.group(1)), text[m.end() :]


# ---------------------------------------------------------------- (a) coverage


def test_every_seed_tag_is_known(builder, seed_dir, taxonomy):
    tags = taxonomy["tags"]
    known = {k.lower() for k in tags}
    known |= {a.lower() for v in tags.values() for a in (v or {}).get("aliases", [])}
    seed_tags = builder.all_seed_tags(seed_dir)
    assert len(seed_tags) > 150
    missing = sorted(t for t in seed_tags if t.lower() not in known)
    assert not missing, f"seed tags not in taxonomy.yaml: {missing}"


def test_seed_parsing_basics(seed_notes):
    ids = [n.note_id for n in seed_notes]
    assert len(ids) == len(set(ids))
    issues = [n.issue for n in seed_notes if n.issue is not None]
    assert len(issues) == len(set(issues))
    assert len(seed_notes) >= 300
    by_issue = {n.issue: n for n in seed_notes if n.issue}
    n = by_issue[1089]
    assert n.date == "2023-10-26"
    assert n.url == "https://github.com/AkihikoWatanabe/paper_notes/issues/1089"
    assert n.tags == ["MachineLearning", "NLP", "LanguageModel"]
    # tags with spaces survive the text-dump split
    assert any("Selected Papers/Blogs" in (x.tags or []) for x in seed_notes)
    # untagged articles exist and have no tags at all
    assert sum(x.tags is None for x in seed_notes) >= 10
    for x in seed_notes:
        assert x.date is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", x.date)
        assert x.tags is None or x.tags, x


# ---------------------------------------------------------------- (b) structure


def test_taxonomy_top_level(taxonomy):
    assert set(taxonomy) <= {"version", "case_sensitive", "tags", "exclusive"}
    assert taxonomy["version"] == 1
    assert taxonomy["case_sensitive"] is False
    for tag, spec in taxonomy["tags"].items():
        assert isinstance(spec, dict), tag
        assert set(spec) <= ALLOWED_TAG_KEYS, (tag, set(spec) - ALLOWED_TAG_KEYS)


def test_every_canonical_tag_has_a_description(taxonomy):
    for tag, spec in _canonical(taxonomy).items():
        assert isinstance(spec.get("description"), str) and spec["description"].strip(), tag
        assert "replaced_by" not in spec, tag


def test_deprecated_tags(taxonomy):
    canon = _canonical(taxonomy)
    for tag, spec in taxonomy["tags"].items():
        if spec.get("deprecated"):
            assert spec["deprecated"] is True
            assert spec.get("replaced_by") in canon, tag
            assert not spec.get("aliases") and not spec.get("parents"), tag


def test_no_case_duplicates_among_tags(taxonomy):
    seen = {}
    for tag in taxonomy["tags"]:
        assert tag.lower() not in seen, (tag, seen.get(tag.lower()))
        seen[tag.lower()] = tag


def test_aliases(taxonomy):
    tags = taxonomy["tags"]
    keys = {k.lower() for k in tags}
    owner = {}
    for tag, spec in tags.items():
        for alias in spec.get("aliases", []):
            assert alias.lower() not in keys, f"alias {alias!r} of {tag} is itself a tag"
            assert alias.lower() not in owner, f"alias {alias!r} claimed by {owner.get(alias.lower())} and {tag}"
            owner[alias.lower()] = tag


def test_parents_canonical_and_acyclic(taxonomy):
    canon = _canonical(taxonomy)
    graph = {t: list(s.get("parents", [])) for t, s in canon.items()}
    for tag, parents in graph.items():
        for p in parents:
            assert p in canon, f"parent {p!r} of {tag} is not a canonical tag"
            assert p != tag
    state = {}

    def visit(t, path):
        if state.get(t) == "done":
            return
        assert state.get(t) != "active", f"parent cycle: {' -> '.join([*path, t])}"
        state[t] = "active"
        for p in graph[t]:
            visit(p, [*path, t])
        state[t] = "done"

    for t in graph:
        visit(t, [])


def test_exclusive_groups(taxonomy):
    canon = _canonical(taxonomy)
    groups = taxonomy.get("exclusive") or {}
    assert "venue" in groups
    for name, members in groups.items():
        assert members and len(members) == len(set(members)), name
        for m in members:
            assert m in canon, f"exclusive[{name}] member {m!r} is not canonical"


def test_venues_are_seed_tags(seed_notes, taxonomy):
    seen = {t for n in seed_notes for o in [n, *n.others] for t in (o.tags or [])}
    for m in taxonomy["exclusive"]["venue"]:
        assert m in seen, f"venue {m} does not occur as a seed tag"


# ---------------------------------------------------------------- rules


def test_rule_set_shape(taxonomy):
    rules = yaml.safe_load(RULES.read_text(encoding="utf-8"))
    assert rules["version"] == 1
    assert rules["required-fields"] == ["title", "date", "tags", "url"]
    for name, sev in (rules.get("rules") or {}).items():
        assert sev in ("error", "warning", "off"), name
    schema_path = RULES.parent / rules["note-schema"]
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    groups = taxonomy.get("exclusive") or {}
    known = {k.lower() for k in taxonomy["tags"]}
    ids = set()
    for rule in rules["custom"]:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule["id"]) and rule["id"] not in ids
        ids.add(rule["id"])
        assert rule["severity"] in ("error", "warning") and rule["message"]
        for kind in ("any", "all", "none"):
            for t in (rule.get("when", {}).get("tags") or {}).get(kind, []):
                if t.startswith("@"):
                    assert t[1:] in groups, t
                else:
                    assert t.lower() in known, t
        assert {"require-fields", "require-tags", "forbid-tags"} & set(rule)


def test_examples_satisfy_note_schema():
    jsonschema = pytest.importorskip("jsonschema")
    rules = yaml.safe_load(RULES.read_text(encoding="utf-8"))
    schema = json.loads((RULES.parent / rules["note-schema"]).read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    for path in sorted(EXAMPLES.glob("*.md")):
        # dates as text, like a YAML 1.2 loader (or taglint) sees them
        data = yaml.load(_front_matter_text(path), Loader=_NoDatesLoader)
        errors = [e.message for e in validator.iter_errors(data)]
        assert not errors, (path.name, errors)


class _NoDatesLoader(yaml.SafeLoader):
    pass


_NoDatesLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"] for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _front_matter_text(path):
    text = path.read_text(encoding="utf-8")
    m = re.match(r"---\n(.*?\n)---\n", text, re.S)
    assert m
    return m.group(1)


# ---------------------------------------------------------------- (c) up to date


def test_examples_are_up_to_date(builder, seed_dir, tmp_path):
    out = tmp_path / "paper-notes"
    builder.build(seed_dir, out)
    fresh = {p.name: p.read_bytes() for p in out.glob("*.md")}
    committed = {p.name: p.read_bytes() for p in EXAMPLES.glob("*.md")}
    assert sorted(fresh) == sorted(committed), "examples/paper-notes is stale: run python scripts/build_examples.py"
    stale = [n for n in fresh if fresh[n] != committed[n]]
    assert not stale, f"outdated example notes (rerun the generator): {stale[:5]}"


# ---------------------------------------------------------------- (d) front matter


def test_example_front_matter_matches_seed(builder, seed_notes):
    by_name = {builder.filename(n): n for n in seed_notes}
    paths = sorted(EXAMPLES.glob("*.md"))
    assert len(paths) == len(seed_notes)
    for path in paths:
        n = by_name[path.name]
        data, body = _front_matter(path)
        assert isinstance(data, dict), path.name
        assert data["title"] == n.title
        assert (str(data["date"]) if "date" in data else None) == n.date, path.name
        assert data.get("url") == n.url, path.name
        if n.tags is None:
            assert "tags" not in data, path.name
        else:
            tags = data["tags"]
            if isinstance(tags, str):
                tags = [t.strip() for t in tags.split(",")]
            assert tags == n.tags, path.name
        lines = [l for l in body.splitlines() if l.strip()]
        assert len(lines) == 1, path.name
        assert not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", lines[0]), f"{path.name}: body must be a generated English line"


def test_front_matter_styles_vary():
    styles = {"flow": 0, "block": 0, "string": 0, "none": 0}
    for path in EXAMPLES.glob("*.md"):
        fm = _front_matter_text(path)
        if re.search(r"^tags: \[", fm, re.M):
            styles["flow"] += 1
        elif re.search(r"^tags:\n  - ", fm, re.M):
            styles["block"] += 1
        elif re.search(r"^tags: \S", fm, re.M):
            styles["string"] += 1
        else:
            styles["none"] += 1
    assert styles["flow"] > styles["block"] > styles["string"] > 0, styles
    assert styles["none"] > 0, styles
