"""The library API (``taglint.check``, ``taglint.fix``, ``taglint.load_project``): what the CLI is built on."""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import research_taxonomy, run_cli

import taglint
from taglint.model import Batch, FileResult

REPO = Path(__file__).resolve().parent.parent
TAXONOMY = research_taxonomy()
ALIAS = "---\ntitle: A\ntags: [MulltiModal]\n---\n"
WARN = "---\ntitle: W\ntags: [Neural]\n---\n"
CLEAN = "---\ntitle: C\ntags: [NLP]\n---\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with three notes (an alias, a deprecated tag, a clean one), made the working directory."""
    (tmp_path / "taxonomy.yaml").write_text(TAXONOMY, encoding="utf-8")
    for name, text in (("a.md", ALIAS), ("b.md", WARN), ("c.md", CLEAN)):
        (tmp_path / "notes" / name).parent.mkdir(exist_ok=True)
        (tmp_path / "notes" / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def findings(results: object) -> list[tuple[str, int, str]]:
    return [(r.path, r.position(d.span.start)[0], d.code) for r in results for d in r.diagnostics]  # type: ignore[attr-defined]


def test_check_finds_what_the_cli_reports(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = taglint.check(["notes"], taglint.Options(cache=False))
    found = findings(run.results())
    _, out = run_cli(capsys, "check", "notes", "--no-cache", "--output-format", "json", "-q")
    assert found == [(d["path"], d["line"], d["code"]) for d in json.loads(out)]
    assert [code for *_, code in found] == ["TG002", "TG003"]


def test_results_include_clean_files_in_walk_order(project: Path) -> None:
    results = list(taglint.check("notes", taglint.Options(cache=False)).results())
    assert [(Path(r.path).name, len(r.diagnostics)) for r in results] == [("a.md", 1), ("b.md", 1), ("c.md", 0)]


def test_totals_fill_as_the_run_streams(project: Path) -> None:
    run = taglint.check(["notes"])
    assert (run.totals.files, run.done) == (0, False)
    for _ in run.batches():
        pass
    assert (run.totals.files, run.totals.errors, run.totals.warnings, run.done) == (3, 1, 1, True)
    assert run.failed() and run.failed("warning")


def test_warnings_fail_only_with_fail_on_warning(project: Path) -> None:
    run = taglint.check(["notes/b.md"])
    list(run.results())
    assert not run.failed() and run.failed("warning")


def test_a_run_streams_once(project: Path) -> None:
    run = taglint.check(["notes"])
    list(run.results())
    with pytest.raises(RuntimeError, match="once"):
        list(run.results())


def test_check_never_collects_the_batches(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A walk that fails when read past what the caller took: a run that gathered its batches first fails here.
    import taglint.lint.runner

    def endless(*_: object, **__: object) -> object:
        for i in itertools.count():
            if i == 1000:
                raise AssertionError("the run read batches its caller had not asked for")
            yield Batch([f"n{i}.md"], ((0, FileResult(f"n{i}.md", ())),))

    monkeypatch.setattr(taglint.lint.runner, "run_batches", endless)
    run = taglint.check(["notes"])
    assert len(list(itertools.islice(run.batches(), 1000))) == 1000
    assert run.totals.files == 1000


# NLP is already an ancestor of Chatbot through LanguageModel: a redundant parent (TG101).
REDUNDANT = research_taxonomy("  Chatbot: {description: Chat, parents: [LanguageModel, NLP]}\n")


def test_taxonomy_warnings_come_last_in_the_run(project: Path) -> None:
    (project / "taxonomy.yaml").write_text(REDUNDANT, encoding="utf-8")
    results = list(taglint.check(["notes"]).results())
    assert Path(results[-1].path).name == "taxonomy.yaml"
    assert [d.code for d in results[-1].diagnostics] == ["TG101"]
    assert not any(d.code.startswith("TG1") for r in results[:-1] for d in r.diagnostics)


def test_taxonomy_warnings_follow_select(project: Path) -> None:
    (project / "taxonomy.yaml").write_text(REDUNDANT, encoding="utf-8")
    results = list(taglint.check(["notes"], taglint.Options(select=("alias-tag",))).results())
    assert [Path(r.path).name for r in results] == ["a.md", "b.md", "c.md"]


def test_a_broken_taxonomy_raises_the_located_errors_the_cli_prints(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "taxonomy.yaml").write_text("version: 1\ntags:\n  A: {parents: [Missing]}\n", encoding="utf-8")
    with pytest.raises(taglint.ProjectError) as raised:
        taglint.load_project(["notes"])
    code, out = run_cli(capsys, "check", "notes")
    assert code == 2
    assert re.match(r"taxonomy\.yaml:3:\d+: ", str(raised.value))
    assert out == str(raised.value) + "\n"


def test_without_any_taxonomy_the_spellings_are_checked_against_each_other(project: Path) -> None:
    (project / "taxonomy.yaml").unlink()
    run = taglint.check(["notes"])
    results = list(run.results())
    assert run.project.without_taxonomy
    assert [Path(r.path).name for r in results] == ["a.md", "b.md", "c.md"]  # no taxonomy result
    assert not (project / ".taglint_cache").exists()  # each note's findings depend on the others: nothing cached


def test_a_taxonomy_named_but_missing_is_an_error(project: Path) -> None:
    with pytest.raises(taglint.ProjectError, match=r"missing\.yaml"):
        taglint.load_project(["notes"], taglint.Options(taxonomy="missing.yaml"))


def test_an_unknown_rule_name_raises_options_error(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(taglint.OptionsError) as raised:
        taglint.check(["notes"], taglint.Options(ignore=("no-such-rule",)))
    code, out = run_cli(capsys, "check", "notes", "--ignore", "no-such-rule")
    assert code == 2
    assert out.splitlines()[-1] == f"Error: {raised.value}"


def test_a_single_rule_name_is_a_one_name_selection() -> None:
    assert taglint.Options(select="TG002", ignore=["TG003"]) == taglint.Options(select=("TG002",), ignore=("TG003",))


def test_options_override_the_config_files(project: Path, tmp_path: Path) -> None:
    other = project / "other.yaml"
    other.write_text(
        "version: 1\ntags:\n  MulltiModal: {description: now canonical}\n  Neural: {description: n}\n  NLP: {description: n}\n",
        encoding="utf-8",
    )
    run = taglint.check(["notes"], taglint.Options(taxonomy=str(other)))
    assert findings(run.results()) == []
    assert run.project.taxonomy.path == str(other)


def test_a_plain_load_stores_the_pre_commit_plan_and_an_overriding_one_does_not(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from taglint.cache import plan
    from taglint.lint.clean_proof import plan_from_stored

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))

    def stored() -> object:
        return plan.read_plan(plan.identity(None, str(project)), plan_from_stored)

    taglint.load_project(["notes"], taglint.Options(select=("alias-tag",)))
    assert stored() is None
    taglint.load_project(["notes"])
    assert stored() is not None


def test_a_loaded_project_serves_several_runs(project: Path) -> None:
    setup = taglint.load_project(["notes"])
    first = findings(taglint.check(["notes/a.md"], project=setup).results())
    second = findings(taglint.check(["notes/b.md"], project=setup).results())
    assert [code for *_, code in first + second] == ["TG002", "TG003"]


def test_fix_without_writing_leaves_the_files_and_gives_the_diff(project: Path) -> None:
    run = taglint.fix(["notes"], write=False)
    outcomes = list(run.outcomes())
    assert (project / "notes" / "a.md").read_text(encoding="utf-8") == ALIAS
    assert [(Path(o.path).name, o.fixed, o.changed, o.written) for o in outcomes] == [
        ("a.md", 1, True, False),
        ("b.md", 1, True, False),
        ("c.md", 0, False, False),
    ]
    assert "-tags: [MulltiModal]\n+tags: [MultiModal]\n" in outcomes[0].diff()
    assert (run.counts.fixed, run.counts.files, run.counts.not_fixed) == (2, 2, 0)
    assert run.failed()  # something would change


def test_fix_writes_and_counts(project: Path) -> None:
    run = taglint.fix(["notes"])
    list(run.batches())
    assert (project / "notes" / "a.md").read_text(encoding="utf-8") == ALIAS.replace("MulltiModal", "MultiModal")
    assert (run.counts.fixed, run.counts.files, run.totals.errors) == (2, 2, 0)
    rerun = taglint.fix(["notes"])
    list(rerun.batches())
    assert (rerun.counts.files, rerun.failed()) == (0, False)


def test_fix_fails_while_errors_remain_unless_only_previewing(project: Path) -> None:
    (project / "notes" / "u.md").write_text("---\ntags: [Zzyzx]\n---\n", encoding="utf-8")
    preview, real = taglint.fix(["notes/u.md"], write=False), taglint.fix(["notes/u.md"])
    list(preview.batches())
    list(real.batches())
    assert (preview.totals.errors, preview.failed(), real.failed()) == (1, False, True)


def test_unsafe_fixes_only_when_asked(project: Path) -> None:
    (project / "notes" / "u.md").write_text("---\ntags: [MultiModel]\n---\n", encoding="utf-8")
    assert [o.fixed for o in taglint.fix(["notes/u.md"], write=False).outcomes()] == [0]
    assert [o.fixed for o in taglint.fix(["notes/u.md"], write=False, unsafe=True).outcomes()] == [1]


def test_fix_stays_the_function_after_the_rewrite_package_is_imported() -> None:
    probe = "import taglint.rewrite.files, taglint.rewrite.note\nimport taglint\nprint(callable(taglint.fix), taglint.fix.__module__)"
    done = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True)
    assert done.stdout.split() == ["True", "taglint.api.runs"]


def test_importing_the_package_does_not_import_the_api() -> None:
    probe = "import sys, taglint\nprint(taglint.__version__, 'taglint.api' in sys.modules, 'click' in sys.modules)\ntaglint.check\nprint('taglint.api' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True)
    assert done.stdout.splitlines() == [f"{taglint.__version__} False False", "True"]


def test_the_api_never_imports_click() -> None:
    probe = "import sys, taglint.api\nprint('click' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True)
    assert done.stdout.strip() == "False"


def readme_example() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Library API", 1)[1].split("\n## ", 1)[0]
    [block] = re.findall(r"```python\n(.*?)```", section, re.DOTALL)
    return block


def test_the_readme_example_is_five_lines_after_the_import() -> None:
    lines = [line for line in readme_example().splitlines() if line.strip()]
    assert lines[0] == "import taglint" and len(lines) == 6


def test_the_readme_example_prints_what_the_cli_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The example runs from a clone's root (the bundled taxonomy.yaml and rules/); a copy keeps its cache out of the clone.
    shutil.copytree(REPO / "examples" / "paper-notes", tmp_path / "examples" / "paper-notes")
    shutil.copytree(REPO / "rules", tmp_path / "rules")
    shutil.copy(REPO / "taxonomy.yaml", tmp_path)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", readme_example()], cwd=tmp_path, check=True, capture_output=True, text=True, env=env)
    *lines, last = done.stdout.splitlines()
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        _, out = run_cli(capsys, "check", "examples/paper-notes", "--select", "alias-tag", "--output-format", "json", "--no-cache", "-q")
    finally:
        os.chdir(old)
    report = json.loads(out)
    assert lines == [f"{d['path']}:{d['line']}: {d['rule']} {d['message']}" for d in report]
    notes = sum(1 for path in (tmp_path / "examples" / "paper-notes").rglob("*.md"))
    assert last == f"{len(report)} errors in {notes} files" and report
