"""Dialects end to end: detection, each dialect's rules and fixes, nested tags, TOML/JSON writes, a Hugo twin site."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import run_cli

from taglint.api import load_config

NLP = """\
version: 1
tags:
  NLP: {}
  LanguageModel: {parents: [NLP]}
"""


def project(root: Path, monkeypatch: pytest.MonkeyPatch, taxonomy: str, config: str = "", **notes: str) -> Path:
    (root / "taxonomy.yaml").write_text(taxonomy)
    if config:
        (root / "taglint.toml").write_text(config)
    for name, text in notes.items():
        (root / f"{name}.md").write_bytes(text.encode("utf-8"))
    monkeypatch.chdir(root)
    return root


def findings(capsys: pytest.CaptureFixture[str], *args: str) -> list[tuple[str, str, str]]:
    _code, out = run_cli(capsys, "check", "--output-format", "json", "-q", "--no-cache", *args)
    return [(item["path"], item["rule"], item["message"]) for item in json.loads(out)]


@pytest.mark.parametrize(
    ("marker", "content", "dialect"),
    [
        (".obsidian/app.json", "{}", "obsidian"),
        ("_config.yml", "title: blog\n", "jekyll"),
        ("hugo.toml", 'title = "site"\n', "hugo"),
        ("config.toml", 'baseURL = "https://example.org/"\n', "hugo"),
        ("config/_default/hugo.yaml", "title: site\n", "hugo"),
        ("config.toml", 'name = "not a hugo setting"\n', "generic"),
        ("README.md", "# nothing\n", "generic"),
    ],
)
def test_auto_detects_the_collection_from_its_markers(tmp_path: Path, marker: str, content: str, dialect: str) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / marker).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / marker).write_text(content)
    (tmp_path / "content").mkdir()
    assert load_config([str(tmp_path / "content")]).dialect == dialect


def test_hugo_tag_fields_are_the_sites_taxonomies(tmp_path: Path) -> None:
    (tmp_path / "hugo.toml").write_text("[taxonomies]\ntag = 'tags'\nseries = 'series'\n")
    assert load_config([str(tmp_path)]).tag_fields == ("tags", "series")


def test_a_dialect_and_tag_fields_in_the_config_win_over_detection(tmp_path: Path) -> None:
    (tmp_path / "hugo.toml").write_text("[taxonomies]\nseries = 'series'\n")
    (tmp_path / "taglint.toml").write_text('dialect = "jekyll"\ntag-fields = ["keywords"]\n')
    config = load_config([str(tmp_path)])
    assert (config.dialect, config.tag_fields) == ("jekyll", ("keywords",))


def test_an_unknown_dialect_is_a_located_config_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project(tmp_path, monkeypatch, NLP, 'dialect = "wordpress"\n', a="---\ntags: [NLP]\n---\n")
    code, out = run_cli(capsys, "check", ".")
    assert code == 2 and "taglint.toml:1:1" in out


def test_verbose_and_init_say_which_dialect_was_chosen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project(tmp_path, monkeypatch, NLP, a="---\ntags: [NLP]\n---\n")
    (tmp_path / "_config.yml").write_text("title: t\n")
    _code, out = run_cli(capsys, "check", "-v", ".")
    assert "Dialect: jekyll (Jekyll site (_config.yml found)); tag fields: tags, tag" in out
    run_cli(capsys, "init", ".", "-o", "new.yaml")
    assert "# Dialect: jekyll" in (tmp_path / "new.yaml").read_text()


# --- jekyll ----------------------------------------------------------------------------------------

JEKYLL = 'dialect = "jekyll"\n'


def test_jekyll_a_comma_tag_is_trailing_comma_tag_not_unknown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project(tmp_path, monkeypatch, NLP, JEKYLL, a="---\ntags: LanguageModel, NLP\n---\n")
    assert [rule for _p, rule, _m in findings(capsys, ".")] == ["trailing-comma-tag"]


def test_jekyll_the_fix_writes_a_list_and_is_idempotent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project(tmp_path, monkeypatch, NLP, JEKYLL, a="---\ntitle: x\ntags: NLP,  LanguageModel\n---\nbody\n")
    run_cli(capsys, "fix", ".")
    assert (tmp_path / "a.md").read_text() == "---\ntitle: x\ntags: [NLP,  LanguageModel]\n---\nbody\n"
    code, out = run_cli(capsys, "fix", ".")
    assert code == 0 and "Fixed 0 issues" in out


def test_jekyll_a_quoted_comma_string_is_reported_without_a_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project(tmp_path, monkeypatch, NLP, JEKYLL, a='---\ntags: "NLP, LanguageModel"\n---\n')
    run_cli(capsys, "fix", ".")
    assert (tmp_path / "a.md").read_text() == '---\ntags: "NLP, LanguageModel"\n---\n'


def test_jekyll_tag_is_one_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, monkeypatch, NLP + "  machine learning: {}\n", JEKYLL, a="---\ntag: machine learning\n---\n")
    assert findings(capsys, ".") == []


# --- hugo ------------------------------------------------------------------------------------------

HUGO = 'dialect = "hugo"\n'
TERMS = "version: 1\ntags:\n  Community Building: {}\n  Go: {}\n"


def test_hugo_terms_hugo_files_under_one_page_are_one_tag(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project(tmp_path, monkeypatch, TERMS, HUGO, a="---\ntags: [community-building]\n---\n")
    ((_p, rule, message),) = findings(capsys, ".")
    assert rule == "alias-tag" and "Hugo term" in message
    run_cli(capsys, "fix", ".")
    assert (tmp_path / "a.md").read_text() == "---\ntags: [Community Building]\n---\n"


def test_hugo_a_term_in_two_taxonomies_is_no_duplicate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project(tmp_path, monkeypatch, TERMS, HUGO + 'tag-fields = ["tags", "categories"]\n', a="---\ntags: [Go]\ncategories: [Go]\n---\n")
    assert findings(capsys, ".") == []


def test_add_ignore_writes_the_key_inside_toml_front_matter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project(tmp_path, monkeypatch, TERMS, HUGO, a='+++\ntitle = "x"\ntags = ["Rust"]\n[params]\nk = 1\n+++\nbody\n')
    run_cli(capsys, "check", "--add-ignore", ".")
    text = (tmp_path / "a.md").read_text()
    assert text == '+++\ntaglint = { ignore = ["unknown-tag"] }\ntitle = "x"\ntags = ["Rust"]\n[params]\nk = 1\n+++\nbody\n'
    assert findings(capsys, ".") == []


def test_add_ignore_writes_the_key_inside_json_front_matter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project(tmp_path, monkeypatch, TERMS, HUGO, a='{\n  "tags": ["Rust"]\n}\nbody\n')
    run_cli(capsys, "check", "--add-ignore", ".")
    assert (tmp_path / "a.md").read_text() == '{\n  "taglint": {"ignore": ["unknown-tag"]},\n  "tags": ["Rust"]\n}\nbody\n'
    assert findings(capsys, ".") == []


# The same notes written in YAML and in TOML: the same findings (messages and lines) and the same fixed tags.
TWIN_TAXONOMY = "version: 1\ntags:\n  NLP: {aliases: [nlp-old]}\n  LanguageModel: {parents: [NLP]}\n  Go: {}\n"
TWIN_NOTES = {
    "alias": (["nlp-old", "Go"], "plain"),
    "duplicate": (["Go", "go", "NLP"], "plain"),
    "unknown": (["Rust"], "plain"),
    "parent": (["LanguageModel"], "plain"),
    "quoted": (["it's", "nlp-old"], "quoted"),
}


def twin(kind: str, tags: list[str]) -> str:
    if kind == "yaml":
        return "---\ntitle: x\ntags: [" + ", ".join(json.dumps(t) for t in tags) + "]\n---\nbody\n"
    return '+++\ntitle = "x"\ntags = [' + ", ".join(json.dumps(t) for t in tags) + "]\n+++\nbody\n"


@pytest.fixture
def twins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for kind in ("yaml", "toml"):
        site = tmp_path / kind
        site.mkdir()
        (site / "hugo.toml").write_text('baseURL = "https://example.org/"\n')
        (site / "taxonomy.yaml").write_text(TWIN_TAXONOMY)
        for name, (tags, _style) in TWIN_NOTES.items():
            (site / f"{name}.md").write_text(twin(kind, tags))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_toml_hugo_site_gets_the_yaml_twins_findings(twins: Path, capsys: pytest.CaptureFixture[str]) -> None:
    yaml_found = [(Path(p).name, rule, message) for p, rule, message in findings(capsys, "yaml")]
    toml_found = [(Path(p).name, rule, message) for p, rule, message in findings(capsys, "toml")]
    assert yaml_found == toml_found and len(yaml_found) >= 5


def test_a_toml_hugo_site_gets_the_yaml_twins_fixes(twins: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from taglint.parse.notes import parse_note

    for kind in ("yaml", "toml"):
        run_cli(capsys, "fix", "--unsafe-fixes", kind)
    for name in TWIN_NOTES:
        read = [
            [o.name for o in parse_note("n.md", (twins / kind / f"{name}.md").read_bytes(), ("tags",), False, "hugo").tags]
            for kind in ("yaml", "toml")
        ]
        assert read[0] == read[1], name
    assert (twins / "toml" / "alias.md").read_text() == twin("toml", ["NLP", "Go"])


# --- obsidian --------------------------------------------------------------------------------------

OBSIDIAN = 'dialect = "obsidian"\n'
NESTED = "version: 1\ntags:\n  project: {}\n  project/alpha: {parents: [project]}\n  NLP: {}\n"


def test_obsidian_a_hash_in_yaml_is_reported_where_the_vault_writes_without(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project(tmp_path, monkeypatch, NESTED, OBSIDIAN, a='---\ntags: ["#NLP"]\n---\n', b="---\ntags: [NLP, project]\n---\n")
    assert [rule for _p, rule, _m in findings(capsys, ".")] == ["front-matter-hash"]
    run_cli(capsys, "fix", ".")
    assert (tmp_path / "a.md").read_text() == '---\ntags: ["NLP"]\n---\n'


def test_obsidian_a_hash_is_the_convention_when_most_tags_have_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project(tmp_path, monkeypatch, NESTED, OBSIDIAN, a='---\ntags: ["#NLP", "#project"]\n---\n', b="---\ntags: [NLP]\n---\n")
    assert findings(capsys, ".") == []


def test_obsidian_tags_are_case_insensitive_whatever_the_taxonomy_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project(tmp_path, monkeypatch, "case_sensitive: true\n" + NESTED, OBSIDIAN, a="---\ntags: [nlp]\n---\n")
    ((_p, rule, _m),) = findings(capsys, ".")
    assert rule == "alias-tag"


def test_obsidian_a_nested_tag_stands_for_its_parent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project(tmp_path, monkeypatch, NESTED, OBSIDIAN, a="---\ntags: [project/alpha]\n---\n")
    assert findings(capsys, ".") == []


def test_generic_a_nested_tag_needs_its_parent_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project(tmp_path, monkeypatch, NESTED, 'dialect = "generic"\n', a="---\ntags: [project/alpha]\n---\n")
    assert [rule for _p, rule, _m in findings(capsys, ".")] == ["missing-parent"]


def test_obsidian_rename_carries_nested_tags(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    project(tmp_path, monkeypatch, NESTED, OBSIDIAN, a="---\ntags: [project/alpha, project]\n---\n")
    run_cli(capsys, "rename", "project", "work", ".", "--drop-alias")
    assert (tmp_path / "a.md").read_text() == "---\ntags: [work/alpha, work]\n---\n"
    assert "work/alpha:" in (tmp_path / "taxonomy.yaml").read_text()


def test_obsidian_rename_no_nested_leaves_children(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project(tmp_path, monkeypatch, NESTED, OBSIDIAN, a="---\ntags: [project/alpha, project]\n---\n")
    run_cli(capsys, "rename", "project", "work", ".", "--no-nested")
    assert (tmp_path / "a.md").read_text() == "---\ntags: [project/alpha, work]\n---\n"


def test_obsidian_tree_and_tags_count_nested_tags_under_their_parent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project(tmp_path, monkeypatch, "version: 1\ntags:\n  area: {}\n  area/home: {}\n", OBSIDIAN, a="---\ntags: [area/home]\n---\n")
    _code, out = run_cli(capsys, "tree", ".")
    assert out.splitlines() == ["area (1)", "  area/home (1)"]
    _code, out = run_cli(capsys, "tags", ".", "--format", "csv")
    assert "area,1,canonical" in out


def test_fix_on_a_bare_cr_note_keeps_every_other_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project(tmp_path, monkeypatch, NLP + "  Old: {deprecated: true, replaced_by: NLP}\n", "", a="---\rtitle: x\rtags: [Old]\r---\rbody\r")
    run_cli(capsys, "fix", ".")
    assert (tmp_path / "a.md").read_bytes() == b"---\rtitle: x\rtags: [NLP]\r---\rbody\r"


def test_remove_and_split_write_toml_and_json_in_their_own_syntax(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    taxonomy = "version: 1\ntags:\n  Go: {}\n  Rust: {}\n  Old: {}\n"
    project(tmp_path, monkeypatch, taxonomy, HUGO, a="+++\ntags = [\"Go\", 'Old']\n+++\n", b='{"tags": ["Old"], "n": 1}\n')
    run_cli(capsys, "remove", "Go", ".")
    run_cli(capsys, "split", "Old", "Go", "Rust", "--in", ".")
    assert (tmp_path / "a.md").read_text() == "+++\ntags = ['Go', 'Rust']\n+++\n"
    assert (tmp_path / "b.md").read_text() == '{"tags": ["Go", "Rust"], "n": 1}\n'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('+++\ntitle = "x"\n[params]\nk = 1\n+++\n', '+++\ntags = ["NLP", "it\'s"]\ntitle = "x"\n[params]\nk = 1\n+++\n'),
        ('+++\ntags = ["a"]\n+++\n', '+++\ntags = ["a", "NLP", "it\'s"]\n+++\n'),
        ('{"title": "x"}\n', '{\n  "tags": ["NLP", "it\'s"],"title": "x"}\n'),
    ],
)
def test_suggested_tags_are_added_in_the_front_matters_format(text: str, expected: str) -> None:
    from taglint.checks.tagmodel.edits import add_tags_edits
    from taglint.parse.notes import parse_note
    from taglint.rewrite.edits import apply_edits

    note = parse_note("n.md", text.encode(), ("tags",), False, "hugo")
    assert apply_edits(note.text, add_tags_edits(note, ["NLP", "it's"], ("tags",))) == expected
