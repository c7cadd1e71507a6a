"""Configuration: discovery, relative paths, located errors, rule selection, file selection."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import write_file

from taglint.cli.main import main
from taglint.files.select import FileSelector
from taglint.project.config import Config, find_config, load_config_file, parse_config
from taglint.project.located import DataFileErrors

TAXONOMY = "version: 1\ntags:\n  NLP: {description: n}\n  LanguageModel:\n    description: l\n    parents: [NLP]\n"


def errors_of(path: str, text: str, table: tuple[str, ...] = ()) -> list[str]:
    with pytest.raises(DataFileErrors) as info:
        parse_config(path, text, table)
    return [str(e) for e in info.value.errors]


# --- discovery -----------------------------------------------------------------------------


def test_taglint_toml_found_walking_up(tmp_path: Path) -> None:
    write_file(tmp_path / "taglint.toml", "inline-tags = true\n")
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir(parents=True)
    config = find_config(str(deep))
    assert config.source == str(tmp_path / "taglint.toml")
    assert config.root == str(tmp_path)
    assert config.inline_tags


def test_discovery_starts_from_a_file_path(tmp_path: Path) -> None:
    write_file(tmp_path / "taglint.toml", "")
    note = write_file(tmp_path / "notes" / "a.md", "")
    assert find_config(str(note)).root == str(tmp_path)


def test_pyproject_with_tool_taglint(tmp_path: Path) -> None:
    write_file(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.taglint]\nignore = ["missing-parent"]\n')
    config = find_config(str(tmp_path / "sub"))
    assert config.source == str(tmp_path / "pyproject.toml")
    assert config.ignore == ("missing-parent",)


def test_pyproject_without_tool_taglint_is_passed_over(tmp_path: Path) -> None:
    write_file(tmp_path / "taglint.toml", "inline-tags = true\n")
    write_file(tmp_path / "proj" / "pyproject.toml", '[project]\nname = "x"\n')
    config = find_config(str(tmp_path / "proj"))
    assert config.source == str(tmp_path / "taglint.toml")


def test_taglint_toml_wins_over_pyproject_in_the_same_directory(tmp_path: Path) -> None:
    write_file(tmp_path / "pyproject.toml", "[tool.taglint]\ninline-tags = false\n")
    write_file(tmp_path / "taglint.toml", "inline-tags = true\n")
    assert find_config(str(tmp_path)).source == str(tmp_path / "taglint.toml")


def test_directory_with_taxonomy_is_a_project_root(tmp_path: Path) -> None:
    write_file(tmp_path / "taglint.toml", "inline-tags = true\n")
    write_file(tmp_path / "vault" / "taxonomy.yaml", TAXONOMY)
    config = find_config(str(tmp_path / "vault" / "notes"))
    assert config.root == str(tmp_path / "vault")
    assert config.source is None
    assert not config.inline_tags
    assert config.taxonomy_path == str(tmp_path / "vault" / "taxonomy.yaml")


def test_paths_are_relative_to_the_config_file(tmp_path: Path) -> None:
    write_file(tmp_path / "taglint.toml", 'taxonomy = "meta/tax.yaml"\nrules = "meta/rules"\n')
    (tmp_path / "meta" / "rules").mkdir(parents=True)
    config = load_config_file(str(tmp_path / "taglint.toml"))
    assert config.taxonomy_path == str(tmp_path / "meta" / "tax.yaml")
    assert config.rules_path == str(tmp_path / "meta" / "rules")


def test_default_rules_directory_is_optional_but_a_named_one_must_exist(tmp_path: Path) -> None:
    assert Config(root=str(tmp_path)).rules_path is None
    named = parse_config(str(tmp_path / "taglint.toml"), 'rules = "myrules"\n')
    assert named.rules_path == str(tmp_path / "myrules")


def test_defaults() -> None:
    config = parse_config("/x/taglint.toml", "")
    assert config.taxonomy == "taxonomy.yaml"
    assert config.include == ("*.md", "*.markdown", "*.mdx")
    assert config.tag_fields == ("tags", "tag")
    assert not config.inline_tags
    assert config.select == () and config.ignore == ()


def test_every_documented_setting_is_read(tmp_path: Path) -> None:
    text = """\
taxonomy = "t.yaml"
rules = "r"
include = ["*.md"]
exclude = ["drafts/"]
tag-fields = ["keywords"]
inline-tags = true
select = ["TG001"]
ignore = ["missing-parent"]
per-file-ignores = { "archive/**" = ["unknown-tag"] }
"""
    config = parse_config(str(tmp_path / "taglint.toml"), text)
    assert (config.taxonomy, config.rules, config.include, config.exclude) == ("t.yaml", "r", ("*.md",), ("drafts/",))
    assert (config.tag_fields, config.inline_tags, config.select, config.ignore) == (("keywords",), True, ("TG001",), ("missing-parent",))
    assert config.per_file_ignores == (("archive/**", ("unknown-tag",)),)


# --- located errors --------------------------------------------------------------------------

CONFIG_ERRORS = [
    ("unknown-key", "inline-tags = true\nbogus = 1\n", (), ['taglint.toml:2:1: unknown setting "bogus"']),
    ("wrong-type", 'ignore = []\nselect = "TG001"\n', (), ["taglint.toml:2:1: select must be a list, not a string"]),
    ("wrong-item-type", "include = [1]\n", (), ["taglint.toml:1:1: include[0] must be a string, not a number"]),
    ("wrong-bool", 'inline-tags = "yes"\n', (), ["taglint.toml:1:1: inline-tags must be true or false, not a string"]),
    (
        "per-file-ignores",
        '\n\nper-file-ignores = { "a/**" = "x" }\n',
        (),
        ["taglint.toml:3:1: per-file-ignores.a/** must be a list, not a string"],
    ),
    (
        "pyproject-key-after-other-table",
        "[tool.other]\nbogus = 1\n\n[tool.taglint]\nbogus = 2\n",
        ("tool", "taglint"),
        ['taglint.toml:5:1: unknown setting "bogus"'],
    ),
    ("two-unknown", "aaa = 1\nzzz = 2\n", (), ['taglint.toml:1:1: unknown setting "aaa"', 'taglint.toml:2:1: unknown setting "zzz"']),
]


@pytest.mark.parametrize(("text", "table", "expected"), [c[1:] for c in CONFIG_ERRORS], ids=[c[0] for c in CONFIG_ERRORS])
def test_config_errors_are_located(text: str, table: tuple[str, ...], expected: list[str]) -> None:
    assert errors_of("taglint.toml", text, table) == expected


def test_invalid_toml_is_located() -> None:
    (message,) = errors_of("taglint.toml", 'inline-tags = true\nselect = ["a",\nx = 1\n')
    assert message.startswith("taglint.toml:3:")
    assert "not valid TOML" in message


# --- through the CLI ---------------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_file(tmp_path / "taxonomy.yaml", TAXONOMY)
    write_file(tmp_path / "notes" / "a.md", "---\ntags: [LanguageModel, Zebra]\n---\n")
    write_file(tmp_path / "archive" / "old.md", "---\ntags: [Yak]\n---\n")
    write_file(tmp_path / "drafts" / "d.md", "---\ntags: [Draft]\n---\n")
    write_file(tmp_path / "templates" / "deep" / "t.md", "---\ntags: [Tmpl]\n---\n")
    write_file(tmp_path / "notes" / "page.markdown", "---\ntags: [Mark]\n---\n")
    write_file(tmp_path / "notes" / "readme.txt", "---\ntags: [Txt]\n---\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def findings(capsys: pytest.CaptureFixture[str], *argv: str) -> list[tuple[str, str]]:
    main(["check", "-q", *argv])
    return [(line.split(":")[0], line.split()[2]) for line in capsys.readouterr().out.splitlines()]


def test_cli_config_error_is_exit_2_and_located(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_file(project / "taglint.toml", 'exclude = ["drafts/"]\ninclde = ["*.md"]\n')
    assert main(["check"]) == 2
    assert capsys.readouterr().err.splitlines() == ['taglint.toml:2:1: unknown setting "inclde"']


def test_cli_pyproject_error_is_located(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_file(project / "pyproject.toml", '[project]\nname = "x"\n\n[tool.taglint]\nselect = "TG001"\n')
    assert main(["check"]) == 2
    assert capsys.readouterr().err.splitlines() == ["pyproject.toml:5:1: select must be a list, not a string"]


def test_include_and_default_walk(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert sorted({path for path, _ in findings(capsys)}) == [
        "archive/old.md",
        "drafts/d.md",
        "notes/a.md",
        "notes/page.markdown",
        "templates/deep/t.md",
    ]


def test_exclude_is_gitignore_style(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_file(project / "taglint.toml", 'exclude = ["drafts/", "templates/**", "*.markdown"]\n')
    assert sorted({path for path, _ in findings(capsys)}) == ["archive/old.md", "notes/a.md"]


def test_include_patterns(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_file(project / "taglint.toml", 'include = ["*.txt"]\n')
    assert {path for path, _ in findings(capsys)} == {"notes/readme.txt"}


def test_explicit_file_is_checked_even_if_excluded_unless_forced(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_file(project / "taglint.toml", 'exclude = ["drafts/"]\n')
    assert findings(capsys, "drafts/d.md") == [("drafts/d.md", "unknown-tag")]
    assert findings(capsys, "--force-exclude", "drafts/d.md") == []


def test_config_is_found_from_a_subdirectory_and_paths_stay_relative_to_it(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_file(project / "taglint.toml", 'taxonomy = "meta/taxonomy.yaml"\nexclude = ["archive/"]\n')
    os.rename(project / "taxonomy.yaml", project / "meta.yaml")
    write_file(project / "meta" / "taxonomy.yaml", TAXONOMY)
    monkeypatch.chdir(project / "notes")
    assert main(["check", "-q", "a.md"]) == 1
    assert [line.split()[2] for line in capsys.readouterr().out.splitlines()] == ["missing-parent", "unknown-tag"]


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ("", {"unknown-tag", "missing-parent"}),
        ('select = ["unknown-tag"]\n', {"unknown-tag"}),
        ('select = ["TG006"]\n', {"missing-parent"}),
        ('ignore = ["missing-parent"]\n', {"unknown-tag"}),
        ('ignore = ["TG001"]\n', {"missing-parent"}),
        ('select = ["TG"]\nignore = ["TG001", "TG006"]\n', set()),
    ],
)
def test_select_and_ignore_in_config(project: Path, capsys: pytest.CaptureFixture[str], settings: str, expected: set[str]) -> None:
    write_file(project / "taglint.toml", settings)
    assert {rule for _, rule in findings(capsys, "notes/a.md")} == expected


def test_cli_select_overrides_config_select(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_file(project / "taglint.toml", 'select = ["unknown-tag"]\n')
    assert {rule for _, rule in findings(capsys, "--select", "missing-parent", "notes/a.md")} == {"missing-parent"}


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ('"archive/**" = ["unknown-tag"]', {("notes/a.md", "unknown-tag"), ("notes/a.md", "missing-parent")}),
        ('"archive/**" = ["TG001"]', {("notes/a.md", "unknown-tag"), ("notes/a.md", "missing-parent")}),
        ('"notes/*.md" = ["missing-parent"]', {("notes/a.md", "unknown-tag"), ("archive/old.md", "unknown-tag")}),
        ('"*.md" = ["unknown-tag"]', {("notes/a.md", "missing-parent")}),
    ],
)
def test_per_file_ignores(project: Path, capsys: pytest.CaptureFixture[str], entry: str, expected: set[tuple[str, str]]) -> None:
    write_file(project / "taglint.toml", f"per-file-ignores = {{ {entry} }}\n")
    assert set(findings(capsys, "notes/a.md", "archive/old.md")) == expected


def test_tag_fields_setting(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_file(project / "taglint.toml", 'tag-fields = ["keywords"]\n')
    write_file(project / "notes" / "k.md", "---\ntags: [Ignored]\nkeywords: [Kw]\n---\n")
    main(["check", "-q", "notes/k.md"])
    assert capsys.readouterr().out.splitlines() == [
        'notes/k.md:3:12: TG001 unknown-tag Unknown tag "Kw"; add it to the taxonomy or use a known tag'
    ]


@pytest.mark.parametrize(("setting", "count"), [("", 0), ("inline-tags = false\n", 0), ("inline-tags = true\n", 1)])
def test_inline_tags_setting(project: Path, capsys: pytest.CaptureFixture[str], setting: str, count: int) -> None:
    write_file(project / "taglint.toml", setting)
    write_file(project / "notes" / "i.md", "---\ntags: [NLP]\n---\nSee #Inline and `#code`\n")
    assert len(findings(capsys, "notes/i.md")) == count


def test_version_control_and_dependency_dirs_are_never_walked(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_file(project / ".git" / "x.md", "---\ntags: [Zebra]\n---\n")
    write_file(project / "node_modules" / "pkg" / "x.md", "---\ntags: [Zebra]\n---\n")
    paths = {path for path, _ in findings(capsys)}
    assert not any(p.startswith((".git", "node_modules")) for p in paths)


def test_file_selector_relative_paths(tmp_path: Path) -> None:
    selector = FileSelector(Config(root=str(tmp_path), exclude=("drafts/",)))
    assert selector.excluded(str(tmp_path / "drafts"), is_dir=True)
    assert selector.excluded(str(tmp_path / "drafts" / "x.md"))
    assert not selector.excluded(str(tmp_path / "notes" / "drafts.md"))
    assert selector.included("x.mdx") and not selector.included("x.txt")


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        (
            'ignore = ["mising-parent"]\nselect = ["TG0O1"]\n',
            [
                'taglint.toml:1:1: ignore: unknown rule "mising-parent"; see `taglint rules`',
                'taglint.toml:2:1: select: unknown rule "TG0O1"; see `taglint rules`',
            ],
        ),
        ('per-file-ignores = { "a/**" = ["nope"] }\n', ['taglint.toml:1:1: per-file-ignores: unknown rule "nope"; see `taglint rules`']),
    ],
)
def test_unknown_rule_names_in_config_are_located_errors(
    project: Path, capsys: pytest.CaptureFixture[str], settings: str, expected: list[str]
) -> None:
    # A typo in select would otherwise switch every rule off and pass silently.
    write_file(project / "taglint.toml", settings)
    assert main(["check"]) == 2
    assert capsys.readouterr().err.splitlines() == expected


@pytest.mark.parametrize("names", ['["TG0"]', '["ALL"]', '["unknown-tag", "TG006"]', '["missing-description"]', '["TG102"]'])
def test_known_rule_names_and_prefixes_in_config_are_accepted(project: Path, capsys: pytest.CaptureFixture[str], names: str) -> None:
    write_file(project / "taglint.toml", f"ignore = {names}\n")
    assert main(["check", "-q", "notes/a.md"]) in (0, 1)
    assert capsys.readouterr().err == ""


def test_packaged_schemas_also_load_through_importlib_resources(monkeypatch: pytest.MonkeyPatch) -> None:
    # packaged_schema reads the plain file beside the module; where there is none (a zip
    # import), importlib.resources must give the same schema.
    from taglint.project import schema

    plain = schema.packaged_schema.__wrapped__("config.schema.json")
    monkeypatch.setattr(schema, "__file__", "/nonexistent-taglint-install/schema.py")
    assert schema.packaged_schema.__wrapped__("config.schema.json") == plain
    assert plain["type"] == "object"
