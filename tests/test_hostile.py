"""What a hostile pull request can put in a collection, and what taglint must still do.

One row per reproducer of the hostile-input review (issue "Safe on untrusted
pull requests"): the files the pull request adds, the command, and what must
come out. Every row also runs under a time bound, so a hang fails the test
instead of the CI job.
"""

from __future__ import annotations

import json
import os
import re
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from helpers import run_cli

from taglint.report.escape import visible

TAXONOMY = "version: 1\ntags:\n  NLP: {description: Natural language processing}\n"
SECONDS = 10  # every row runs in well under a second; backtracking ran for minutes


@dataclass(frozen=True)
class Case:
    name: str
    files: dict[str, str]
    args: tuple[str, ...]
    code: int
    contains: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    links: dict[str, str] = field(default_factory=dict)  # link name -> target, both relative to the project
    not_created: tuple[str, ...] = ()  # paths (relative to the project) the run must not create


def custom_rule(pattern: str) -> str:
    # The rule fires (url missing) only when the title matches: none of these hostile titles do.
    return (
        "version: 1\ncustom:\n  - id: titled\n    message: Titled notes need a url\n"
        f"    when:\n      fields: {{title: {{matches: '{pattern}'}}}}\n    require-fields: [url]\n"
    )


def schema_pattern(pattern: str) -> str:
    return f"version: 1\nnote-schema: {{type: object, properties: {{title: {{type: string, pattern: '{pattern}'}}}}}}\n"


def note(title: str) -> str:
    return f"---\ntags: [NLP]\ntitle: '{title}'\n---\n"


EXPONENTIAL = [r"^(a?a)*$", r"^(a{1,2})*$", r"^(\w\w?)*$", r"^(.?a)*$"]
POLYNOMIAL = [r".*.*.*=", r"\d*\d*\d*x", r"^a*a*a*a*a*a*b$"]
# Titles that make each shape backtrack on Python's re: a long run the pattern almost matches.
SHORT_ATTACK = "a" * 60 + "!"
LONG_ATTACK = "a" * 5000 + "1" * 5000

CASES: list[Case] = []
for pattern in EXPONENTIAL + POLYNOMIAL:
    attack = SHORT_ATTACK if pattern in EXPONENTIAL else LONG_ATTACK
    CASES.append(
        Case(
            f"custom-rule {pattern}",
            {"rules/base.yaml": custom_rule(pattern), "a.md": note(attack)},
            ("check", "."),
            0,
            ("All checks passed",),
        )
    )
    # An invalid title under the schema: the message must come, and come quickly.
    CASES.append(
        Case(
            f"note-schema {pattern}",
            {"rules/base.yaml": schema_pattern(pattern), "a.md": note(attack)},
            ("check", "."),
            1,
            ("TG008 invalid-field",),
        )
    )
SECRET = "//registry.npmjs.org/:_authToken=npm_SECRET0123456789\n"
SECRET_YAML = "aws_secret_access_key: AKIASECRET\nother: value\n"
OUTSIDE = {"../outside/.npmrc": SECRET, "../outside/secret.yaml": SECRET_YAML, "../outside/rules/r.yaml": "version: 1\n"}
CASES += [
    Case(
        "config taxonomy outside the project",
        {"taglint.toml": 'taxonomy = "../outside/secret.yaml"\n', **OUTSIDE},
        ("check", "."),
        2,
        ('taglint.toml:1:1: taxonomy: "../outside/secret.yaml" lies outside the project',),
        ("aws_secret_access_key", "AKIASECRET"),
    ),
    Case(
        "config taxonomy as an absolute path",
        {"taglint.toml": 'taxonomy = "/etc/passwd"\n'},
        ("check", "."),
        2,
        ('taglint.toml:1:1: taxonomy: "/etc/passwd" lies outside the project',),
        ("root:",),
    ),
    Case(
        "default taxonomy.yaml is a symlink out of the project",
        {**OUTSIDE},
        ("check", "."),
        2,
        ('taxonomy: "taxonomy.yaml" is a symlink that leads outside the project',),
        ("aws_secret_access_key",),
        links={"taxonomy.yaml": "../outside/secret.yaml"},
    ),
    Case(
        "config rules outside the project",
        {"taglint.toml": 'rules = "../outside/rules"\n', **OUTSIDE},
        ("check", "."),
        2,
        ('taglint.toml:1:1: rules: "../outside/rules" lies outside the project',),
    ),
    Case(
        "config cache-dir outside the project",
        {"taglint.toml": 'cache-dir = "../outside/cache"\n', "a.md": note("x"), **OUTSIDE},
        ("check", "."),
        2,
        ('taglint.toml:1:1: cache-dir: "../outside/cache" lies outside the project',),
        not_created=("../outside/cache",),
    ),
    Case(
        "note schema outside the project",
        {"rules/base.yaml": "version: 1\nnote-schema: ../../outside/.npmrc\n", **OUTSIDE},
        ("check", "."),
        2,
        ('rules/base.yaml:2:14: note schema "../../outside/.npmrc" lies outside the project',),
        ("npm_SECRET", "_authToken"),
    ),
    Case(
        "a note schema that is not a schema is not quoted",
        {"rules/base.yaml": "version: 1\nnote-schema: token.txt\n", "rules/token.txt": SECRET},
        ("check", "."),
        2,
        ("rules/base.yaml:2:14: note schema is not a valid JSON Schema (at its top level: fails the meta-schema's 'type' rule)",),
        ("npm_SECRET", "_authToken"),
    ),
    Case(
        "a taxonomy named on the command line is the user's choice",
        {"a.md": note("x"), "../outside/t.yaml": TAXONOMY},
        ("check", ".", "--taxonomy", "../outside/t.yaml"),
        0,
        ("All checks passed (checked 1 file)",),
    ),
    Case(
        "ss is not a case variant of sharp s",
        {"taxonomy.yaml": "version: 1\ntags:\n  Maße: {description: measures}\n", "a.md": "---\ntags: [Masse]\n---\n"},
        ("check", "."),
        1,
        ('a.md:2:8: TG001 unknown-tag Unknown tag "Masse"; did you mean "Maße"?',),
        ("TG002", "[*]"),
    ),
    Case(
        "sharp s still matches its own capital",
        {"taxonomy.yaml": "version: 1\ntags:\n  Maße: {description: measures}\n", "a.md": "---\ntags: [MAẞE]\n---\n"},
        ("check", "."),
        1,
        ('TG002 alias-tag [*] "MAẞE" differs from the canonical tag "Maße" only in case',),
    ),
    Case(
        "a decomposed spelling is a safe fix to the canonical form",
        {"taxonomy.yaml": "version: 1\ntags:\n  Café: {description: cafes}\n", "a.md": "---\ntags: [Cafe\u0301]\n---\n"},
        ("check", "."),
        1,
        ('a.md:2:8: TG002 alias-tag [*] "Cafe\u0301" is "Café" in another Unicode form (decomposed, NFD); use the canonical spelling',),
    ),
    Case(
        "a decomposed spelling matches even in a case-sensitive taxonomy",
        {
            "taxonomy.yaml": "version: 1\ncase_sensitive: true\ntags:\n  Café: {description: cafes}\n",
            "a.md": "---\ntags: [Cafe\u0301]\n---\n",
        },
        ("check", "."),
        1,
        ("TG002 alias-tag [*]",),
    ),
    Case(
        "a taxonomy declaring one tag in two Unicode forms is refused",
        {"taxonomy.yaml": "version: 1\ncase_sensitive: true\ntags:\n  Café: {}\n  Cafe\u0301: {}\n"},
        ("check", "."),
        2,
        ('taxonomy.yaml:5:3: tag "Cafe\u0301" is tag "Café" written in another Unicode form (NFC/NFD); declare it once',),
    ),
    Case(
        "a dangling local $ref in a note schema is refused at load",
        {"rules/base.yaml": "version: 1\nnote-schema: {type: object, properties: {title: {$ref: '#/$defs/missing'}}}\n", "a.md": note("x")},
        ("check", "."),
        2,
        ("rules/base.yaml:2:56: note schema refers to '#/$defs/missing', which is not in the schema",),
        ("internal error",),
    ),
    Case(
        "local $refs by pointer and by anchor still work",
        {
            "rules/base.yaml": "version: 1\nnote-schema: {type: object, $defs: {t: {$anchor: short, type: string, maxLength: 3}}, properties: {title: {$ref: '#short'}, url: {$ref: '#/$defs/t'}}}\n",
            "a.md": note("long title"),
        },
        ("check", "."),
        1,
        ("TG008 invalid-field",),
    ),
    Case(
        "nested counted repeats are refused where they are written",
        {"rules/base.yaml": custom_rule(r"^(((a{0,10}){0,10}){0,10}){0,10}$"), "a.md": note("a")},
        ("check", "."),
        2,
        ("rules/base.yaml:6:", "cannot be used: invalid repetition size"),
    ),
    Case(
        "exclude glob against a long file name",
        {"taglint.toml": 'exclude = ["*a*a*a*a*a*a*a*a*a*a*b"]\n', "a" * 60 + ".md": note("x")},
        ("check", "."),
        0,
        ("All checks passed (checked 1 file)",),
    ),
    Case(
        "custom rule path glob against a long file name",
        {
            "rules/base.yaml": custom_rule("x").replace("    when:\n", "    when:\n      path: '*a*a*a*a*a*a*a*a*a*a*b'\n"),
            "a" * 60 + ".md": note("x"),
        },
        ("check", "."),
        0,
        ("All checks passed (checked 1 file)",),
    ),
    Case(
        "per-file-ignores glob against a long file name",
        {"taglint.toml": '[per-file-ignores]\n"*a*a*a*a*a*a*a*a*a*a*b" = ["unknown-tag"]\n', "a" * 60 + ".md": "---\ntags: [Nope]\n---\n"},
        ("check", "."),
        1,
        ("TG001 unknown-tag",),
    ),
]

# A directory named on the command line that is a symlink: the command line names a place, and a
# pull request can put a symlink there. Every spelling gets the rule a named symlinked file gets:
# followed when its target lies inside the checked tree, reported (never walked) when it leads out.
# `notes/` was walked into ../outside while `notes` was refused.
OUTSIDE_NOTE = {"../outside/a.md": "---\ntags: [Secret]\n---\n"}
for command in ("check", "fix"):
    for spelling in ("notes", "notes/", "./notes/."):
        CASES.append(
            Case(
                f"{command} {spelling}: a symlinked directory leading out of the project",
                OUTSIDE_NOTE,
                (command, spelling),
                1,
                ("notes:1:1: TG009 parse-error cannot read file: is a symlink pointing outside the checked tree; not followed",),
                ("a.md", "Secret"),
                links={"notes": "../outside"},
            )
        )
    for spelling in ("inner", "inner/"):
        CASES.append(
            Case(
                f"{command} {spelling}: a symlinked directory inside the project",
                {"content/n/c.md": "---\ntags: [Nope]\n---\n"},
                (command, spelling),
                1,
                ("inner/c.md:2:8: TG001 unknown-tag",),
                links={"inner": "content/n"},
            )
        )


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "project"
    project.mkdir()
    if "taxonomy.yaml" not in case.links:
        (project / "taxonomy.yaml").write_text(TAXONOMY, encoding="utf-8")
    for name, text in case.files.items():
        path = project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for name, target in case.links.items():
        (project / name).symlink_to(target)
    monkeypatch.chdir(project)
    started = time.monotonic()
    code, out = run_cli(capsys, *case.args, "--no-cache") if case.args[0] == "check" else run_cli(capsys, *case.args)
    assert time.monotonic() - started < SECONDS
    assert code == case.code, out
    for text in case.contains:
        assert text in out, out
    for text in case.absent:
        assert text not in out, out
    for name in case.not_created:
        assert not (project / name).exists()


def test_fix_writes_the_canonical_unicode_form(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "taxonomy.yaml").write_text("version: 1\ntags:\n  Café: {description: cafes}\n", encoding="utf-8")
    note_path = tmp_path / "a.md"
    note_path.write_text("---\ntags: [Cafe\u0301, x]\n---\nBody\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run_cli(capsys, "fix", ".")
    assert note_path.read_text(encoding="utf-8") == "---\ntags: [Café, x]\n---\nBody\n"


# --- What taglint prints and writes -----------------------------------------------
#
# A pull request controls file names, tags, and rule ids; none of it may reach a
# terminal as a control sequence, a CI log as a workflow command, or a report
# file as something its reader rejects. Every row runs the command, then holds
# stdout + stderr to three invariants (no terminal control character, no workflow
# command GitHub would run except taglint's own annotations, no traceback) and
# the report file, if any, to its format's parser or schema.

ESC_TAG = "\x1b[2J\x1b]0;pwned\x07"  # clear screen, set the window title
FORGED = "x\n::error file=README.md,line=1::INJECTED"
NOT_UTF8 = "bad\udcff.md"  # the name b"bad\xff.md", as Python decodes it (surrogateescape)
DATA = Path(__file__).parent / "data" / "schemas"
HOSTILE_TAXONOMY = 'version: 1\ntags:\n  NLP: {description: n}\n  "A\\e]0;x\\a\\n::error::x":\n    description: a\n    parents: [NLP]\n'


def tag_note(*tags: str) -> str:
    """A note whose front matter lists ``tags`` as double-quoted YAML strings (YAML escapes inside)."""
    quoted = ", ".join('"' + t.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"' for t in tags)
    return f"---\ntags: [{quoted}]\n---\n"


@dataclass(frozen=True)
class OutputCase:
    name: str
    files: dict[str, str]  # file name (may hold surrogateescape characters) -> text
    args: tuple[str, ...]
    code: int
    annotations: int = 0  # workflow commands GitHub would run: exactly taglint's own annotations
    contains: tuple[str, ...] = ()  # in stdout + stderr, or in the report when there is one
    report: str | None = None  # the -o file, checked by its format's reader
    read_only: tuple[str, ...] = ()  # files a fix or rename must refuse to write


OUTPUT_CASES = [
    OutputCase(
        "a tag with a newline forges no annotation (github)",
        {"a.md": tag_note(FORGED)},
        ("check", ".", "--output-format", "github"),
        1,
        1,
        ('Unknown tag "x\\n::error file=README.md',),
    ),
    OutputCase(
        "a file name with a newline forges no annotation",
        {"n\n::warning file=x::Y.md": tag_note("Nope")},
        ("check", ".", "--output-format", "github"),
        1,
        1,
        ("n\\n::warning file=x::Y.md:2:8:",),
    ),
    OutputCase(
        "a file name starting with :: starts no command (text)",
        {"::error file=README.md::x.md": tag_note("Nope")},
        ("check", ".", "--output-format", "text"),
        1,
        0,
        ("\\x3a:error file=README.md::x.md:2:8:",),
    ),
    OutputCase(
        "a tag holding the old ##[command] syntax (text)",
        {"a.md": tag_note("##[add-mask]secret")},
        ("check", "."),
        1,
        0,
        ('"##\\x5badd-mask]secret"',),
    ),
    OutputCase(
        "a tag holding the old ##[command] syntax (github)",
        {"a.md": tag_note("##[error]forged")},
        ("check", ".", "--output-format", "github"),
        1,
        1,
    ),
    OutputCase(
        "a tag holding the old ##[command] syntax (json)",
        {"a.md": tag_note("##[add-mask]secret")},
        ("check", ".", "--output-format", "json"),
        1,
        0,
        ("##\\u005badd-mask]secret",),
    ),
    OutputCase(
        "terminal escapes in a tag (text)", {"a.md": tag_note(ESC_TAG)}, ("check", "."), 1, 0, ('Unknown tag "\\x1b[2J\\x1b]0;pwned\\x07"',)
    ),
    OutputCase(
        "terminal escapes in a tag (github)",
        {"a.md": tag_note(ESC_TAG)},
        ("check", ".", "--output-format", "github"),
        1,
        1,
        ('"\\x1b[2J\\x1b]0;pwned\\x07"',),
    ),
    OutputCase(
        "C1 controls and a direction override in a tag",
        {"a.md": tag_note("\x9b2J", "\u202egnp.exe")},
        ("check", "."),
        1,
        0,
        ('"\\x9b2J"', '"\\u202egnp.exe"'),
    ),
    OutputCase(
        "terminal escapes in a file name", {"e\x1b]0;x\x07.md": tag_note("Nope")}, ("check", "."), 1, 0, ("e\\x1b]0;x\\x07.md:2:8: TG001",)
    ),
    OutputCase(
        "a control character in a tag name of the taxonomy error",
        {"taxonomy.yaml": 'version: 1\ntags:\n  "A\\e]0;x\\a":\n    parents: [Missing]\n'},
        ("check", "."),
        2,
        0,
        ('of "A\\x1b]0;x\\x07" is not a canonical tag',),
    ),
    OutputCase(
        "not fixed: a read-only note named with escapes",
        {"r\x1b]0;x\x07.md": "---\ntags: [nlp]\n---\n"},
        ("fix", "."),
        1,
        0,
        ("r\\x1b]0;x\\x07.md: not fixed: is read-only",),
        read_only=("r\x1b]0;x\x07.md",),
    ),
    OutputCase(
        "not changed: rename on a read-only note named with escapes",
        {"r\x1b]0;x\x07.md": "---\ntags: [NLP]\n---\n"},
        ("rename", "NLP", "Language", "."),
        1,
        0,
        ("r\\x1b]0;x\\x07.md: not changed: is read-only",),
        read_only=("r\x1b]0;x\x07.md",),
    ),
    OutputCase(
        "not changed: add-ignore on a read-only note named with escapes",
        {"r\x1b]0;x\x07.md": tag_note("Nope")},
        ("check", "--add-ignore", "."),
        1,
        0,
        ("r\\x1b]0;x\\x07.md: not changed: is read-only",),
        read_only=("r\x1b]0;x\x07.md",),
    ),
    OutputCase("a non-UTF-8 file name (text)", {NOT_UTF8: tag_note("Nope")}, ("check", "."), 1, 0, ("bad\\xff.md:2:8: TG001",)),
    OutputCase(
        "a non-UTF-8 file name (github)",
        {NOT_UTF8: tag_note("Nope")},
        ("check", ".", "--output-format", "github"),
        1,
        1,
        ("::error file=bad\\xff.md,line=2,",),
    ),
    OutputCase(
        "a non-UTF-8 file name (sarif -o, --exit-zero)",
        {NOT_UTF8: tag_note("Nope")},
        ("check", ".", "--output-format", "sarif", "-o", "r.sarif", "--exit-zero"),
        0,
        0,
        ('"uri": "bad%FF.md"',),
        "r.sarif",
    ),
    OutputCase(
        "a non-UTF-8 file name (json -o)",
        {NOT_UTF8: tag_note("Nope")},
        ("check", ".", "--output-format", "json", "-o", "r.json"),
        1,
        0,
        ('"path": "bad\\\\xff.md"',),
        "r.json",
    ),
    OutputCase(
        "a non-UTF-8 file name (json-lines -o)",
        {NOT_UTF8: tag_note("Nope")},
        ("check", ".", "--output-format", "json-lines", "-o", "r.jsonl"),
        1,
        0,
        ('"path": "bad\\\\xff.md"',),
        "r.jsonl",
    ),
    OutputCase(
        "a non-UTF-8 file name (gitlab -o)",
        {NOT_UTF8: tag_note("Nope")},
        ("check", ".", "--output-format", "gitlab", "-o", "r.gitlab"),
        1,
        0,
        ('"path": "bad\\\\xff.md"',),
        "r.gitlab",
    ),
    OutputCase(
        "a non-UTF-8 file name (junit -o)",
        {NOT_UTF8: tag_note("Nope")},
        ("check", ".", "--output-format", "junit", "-o", "r.xml"),
        1,
        0,
        ('name="bad\\xff.md"',),
        "r.xml",
    ),
    OutputCase(
        "a control character in a tag (junit)",
        {"a.md": tag_note("a\x01b")},
        ("check", ".", "--output-format", "junit", "-o", "r.xml"),
        1,
        0,
        ('"a\\x01b"',),
        "r.xml",
    ),
    OutputCase(
        "a control character and ##[ in a tag (junit)",
        {"a.md": tag_note("\x0c##[error]x")},
        ("check", ".", "--output-format", "junit", "-o", "r.xml"),
        1,
        0,
        ('"\\x0c##\\x5berror]x"',),
        "r.xml",
    ),
    OutputCase(
        "a non-UTF-8 file name and escapes (sarif on stdout)",
        {NOT_UTF8: tag_note(ESC_TAG, "##[x]")},
        ("check", ".", "--output-format", "sarif"),
        1,
        0,
        ('"uri": "bad%FF.md"',),
    ),
    *(
        OutputCase(
            f"taglint tags --format {fmt} of hostile tags",
            {"a.md": tag_note(FORGED, ESC_TAG, "##[add-mask]s")},
            ("tags", ".", "--format", fmt),
            0,
            0,
            (shown,),
        )
        for fmt, shown in (
            ("text", "x\\n::error file=README.md"),
            ("csv", '"x\\n::error file=README.md,line=1::INJECTED"'),
            ("json", '"x\\n::error file=README.md'),
        )
    ),
    *(
        OutputCase(f"taglint {' '.join(args)} of a hostile taxonomy", {"taxonomy.yaml": HOSTILE_TAXONOMY}, args, 0, 0, (shown,))
        for args, shown in (
            (("tree",), "  A\\x1b]0;x\\x07\\n::error::x (0)"),
            (("graph", "--format", "dot"), '[label="A\\\\x1b]0;x\\\\x07\\\\n::error::x (0)"]'),
            (("graph", "--format", "mermaid"), 't1["A\\x1b]0;x\\x07\\n::error::x (0)"]'),
            (("graph", "--format", "json"), '"id": "A\\u001b]0;x\\u0007\\n::error::x"'),
        )
    ),
]

# What the GitHub runner reads as a command (actions/runner src/Runner.Common/ActionCommand.cs):
# "::name props::data" at the start of a line once leading spaces are trimmed, or "##[name props]data" anywhere.
V2_COMMAND = re.compile(r"\A::([^:\s]+)(?: ([^:]*))?::")
V1_COMMAND = re.compile(r"##\[([^\]\s]+)")


def runner_commands(output: str) -> list[tuple[str, dict[str, str]]]:
    commands = []
    for line in output.split("\n"):
        match = V2_COMMAND.match(line.lstrip())
        if match is not None:
            props = dict(p.split("=", 1) for p in (match.group(2) or "").split(",") if "=" in p)
            unescaped = {
                k: v.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")
                for k, v in props.items()
            }
            commands.append((match.group(1), unescaped))
        commands.extend((name, {}) for name in V1_COMMAND.findall(line))
    return commands


TERMINAL_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def check_report(path: Path) -> str:
    """The report's text, after its format's reader accepted it."""
    import xml.etree.ElementTree as ET

    from jsonschema import Draft4Validator, Draft7Validator

    text = path.read_text(encoding="utf-8")  # strict UTF-8: a lone surrogate would fail here
    if path.suffix == ".xml":
        ET.fromstring(text)
    elif path.suffix == ".jsonl":
        for line in text.splitlines():
            json.loads(line)
    elif path.suffix == ".sarif":
        schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
        assert list(Draft4Validator(schema).iter_errors(json.loads(text))) == []
    elif path.suffix == ".gitlab":
        schema = json.loads((DATA / "gitlab-codequality-codeclimate.json").read_text(encoding="utf-8"))
        for item in json.loads(text):
            assert list(Draft7Validator(schema).iter_errors(item)) == []
    else:
        json.loads(text)
    return text


@pytest.mark.parametrize("case", OUTPUT_CASES, ids=[c.name for c in OUTPUT_CASES])
def test_hostile_output(case: OutputCase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "taxonomy.yaml").write_text(TAXONOMY, encoding="utf-8")
    for name, text in case.files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    for name in case.read_only:
        (tmp_path / name).chmod(0o444)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    args = (*case.args, "--no-cache") if case.args[0] == "check" and "--add-ignore" not in case.args else case.args
    code, out = run_cli(capsys, *args)
    assert code == case.code, out
    assert TERMINAL_CONTROL.search(out) is None, repr(out)
    commands = runner_commands(out)
    assert len(commands) == case.annotations, commands
    # The file an annotation names: the note itself, or its escaped name when it cannot be written exactly (not UTF-8).
    names = {"taxonomy.yaml", *case.files, *(visible(name) for name in case.files)}
    for name, props in commands:
        assert name in ("error", "warning") and props["file"] in names, (name, props)
    shown = check_report(tmp_path / case.report) if case.report else out
    for text in case.contains:
        assert text in shown, shown


def test_a_deep_parent_chain_costs_linear_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Ancestor sets stored per tag made a 10,000-deep chain 50 million entries (2.8 GB, 74 s).
    import tracemalloc

    from taglint.project.taxonomy import load_taxonomy

    depth = 3000
    lines = ["version: 1", "tags:", "  T0: {description: root}"]
    lines += [f"  T{i}: {{description: d, parents: [T{i - 1}]}}" for i in range(1, depth)]
    (tmp_path / "taxonomy.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "a.md").write_text(f"---\ntags: [T{depth - 1}, T0]\n---\n", encoding="utf-8")
    tracemalloc.start()
    try:
        taxonomy = load_taxonomy(str(tmp_path / "taxonomy.yaml"))
        assert len(taxonomy.with_ancestors([f"T{depth - 1}"])) == depth
        assert taxonomy.is_ancestor("T0", of=f"T{depth - 1}")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 60 * 1024 * 1024  # materialised, the 4.5 million ancestor entries took several hundred MB
    monkeypatch.chdir(tmp_path)
    code, out = run_cli(capsys, "check", ".", "--no-cache")
    assert code == 0, out
    assert "missing-parent" in out  # T{depth-1} needs its parent T{depth-2}: the check still walks the chain


# --- Hostile sizes: fixing every tag of a huge note ---------------------------------
#
# `fix` once tested every edit against every allowed span and every taken edit:
# a block list of 8,000 repeated aliases took 39-69 s, a flow list of 5,000 21 s,
# 20,000 inline tags 271 s. Now a note's N fixes are chosen in O(N log N).

MANY_ALIASES = {
    # style -> (note text holding `count` LLM aliases, its fixed text); each front matter stays under the 128 KB limit
    "block": (lambda n: "---\ntags:\n" + "  - LLM\n" * n + "---\n", lambda n: "---\ntags:\n  - LanguageModel\n---\n", 12_000),
    "flow": (lambda n: "---\ntags: [" + ", ".join(["LLM"] * n) + "]\n---\n", lambda n: "---\ntags: [LanguageModel]\n---\n", 20_000),
    # Inline tags are not compared for duplicates: each one is renamed.
    "inline": (
        lambda n: "---\ntitle: x\n---\n" + " ".join(["#LLM"] * n) + "\n",
        lambda n: "---\ntitle: x\n---\n" + " ".join(["#LanguageModel"] * n) + "\n",
        20_000,
    ),
}
FIX_SECONDS = 20  # 1-2 s each here, start-up included; the quadratic fix took minutes


@pytest.mark.parametrize("style", list(MANY_ALIASES))
def test_fixing_thousands_of_tags_in_one_note_is_not_quadratic(style: str, tmp_path: Path) -> None:
    import subprocess
    import sys

    make, fixed, count = MANY_ALIASES[style]
    (tmp_path / "taxonomy.yaml").write_text(
        "version: 1\ntags:\n  NLP: {}\n  LanguageModel:\n    parents: [NLP]\n    aliases: [LLM]\n", encoding="utf-8"
    )
    (tmp_path / "taglint.toml").write_text("inline-tags = true\n", encoding="utf-8")
    note_path = tmp_path / "a.md"
    note_path.write_text(make(count), encoding="utf-8")
    # A subprocess with a timeout: a quadratic fix fails the test at the bound, not after minutes.
    done = subprocess.run(
        [sys.executable, "-m", "taglint", "fix", "-q", "."], cwd=tmp_path, capture_output=True, text=True, timeout=FIX_SECONDS
    )
    assert "Traceback" not in done.stderr
    assert note_path.read_text(encoding="utf-8") == fixed(count)


# --- Ctrl-C ------------------------------------------------------------------------
#
# Ctrl-C sends SIGINT to every process of the terminal's group. `fix` of 512+ notes
# (worker processes) hung in 1 run of 5 (the parent waiting forever on a lock a
# worker died holding), workers printed KeyboardInterrupt/BrokenPipeError tracebacks,
# and the exit code was 2, which means "config error".

INTERRUPT_SECONDS = 10  # from SIGINT to exit; well under a second here


# (original tree, its bytes, the fixed bytes, seconds to start taglint, seconds an uninterrupted fix took)
Collection = tuple[Path, dict[str, bytes], dict[str, bytes], float, float]


def interrupt_collection(factory: pytest.TempPathFactory, count: int) -> Collection:
    """``count`` notes that all need fixing, their fixed bytes, and how long starting taglint and an uninterrupted fix took."""
    import shutil
    import subprocess
    import sys

    from test_crash_safety import make_collection, run_fix, snapshot

    original = factory.mktemp("interrupt-original")
    old = make_collection(original, count, seed=5)
    reference = factory.mktemp("interrupt-reference") / "tree"
    shutil.copytree(original, reference)
    # The first run of a fresh install compiles its bytecode: time a warm start, not that one.
    version = [sys.executable, "-m", "taglint", "--version"]
    subprocess.run(version, capture_output=True, check=True)
    started = time.monotonic()
    subprocess.run(version, capture_output=True, check=True)
    startup = time.monotonic() - started
    started = time.monotonic()
    run_fix(reference)
    return original, old, snapshot(reference, old), startup, time.monotonic() - started


@pytest.fixture(scope="module")
def small_collection(tmp_path_factory: pytest.TempPathFactory) -> Collection:
    return interrupt_collection(tmp_path_factory, 600)  # 512 notes or more are fixed by worker processes


@pytest.fixture(scope="module")
def large_collection(tmp_path_factory: pytest.TempPathFactory) -> Collection:
    return interrupt_collection(tmp_path_factory, 2000)


def interrupt_loop(collection: Collection, work: Path, tries: int, seed: int) -> None:
    import os
    import random
    import shutil
    import signal
    import subprocess
    import sys

    from test_crash_safety import run_fix, snapshot, temp_files

    original, old, fixed, startup, seconds = collection
    tree = work / "tree"
    shutil.copytree(original, tree)
    rng = random.Random(seed)
    interrupted = 0
    attempt = 0
    # The signal lands after start-up, at a random point of the work. A machine busier when the
    # fix was timed than now makes every run finish first: each miss halves the window.
    work_seconds = max(seconds - startup, 0.05)
    while attempt < tries or (interrupted == 0 and attempt < tries + 10):
        attempt += 1
        command = "check" if attempt % 3 == 0 else "fix"
        args = [sys.executable, "-m", "taglint", command, "-q", *(["--no-cache"] if command == "check" else []), "."]
        # Its own process group, so that the signal reaches the workers too, as a terminal's Ctrl-C does.
        process = subprocess.Popen(args, cwd=tree, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
        time.sleep(startup + rng.uniform(0.05, 0.9) * (work_seconds if command == "fix" else work_seconds / 4))
        os.killpg(process.pid, signal.SIGINT)
        signalled = time.monotonic()
        try:
            _, err = process.communicate(timeout=INTERRUPT_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            pytest.fail(f"try {attempt}: `taglint {command}` still running {INTERRUPT_SECONDS} s after Ctrl-C")
        assert time.monotonic() - signalled < INTERRUPT_SECONDS
        assert "Traceback" not in err and "Error" not in err, err
        if process.returncode == 130:
            interrupted += 1
            assert err.strip() == "Aborted."
        else:
            assert process.returncode in (0, 1), err  # it finished before the signal
            work_seconds /= 2
        now = snapshot(tree, old)
        for name, data in now.items():
            assert data in (old[name], fixed[name]), f"try {attempt}: {name} is neither its old nor its fixed bytes"
        assert temp_files(tree) == []
        with pytest.raises(ProcessLookupError):  # no worker outlives the run
            os.killpg(process.pid, 0)
        if all(now[name] == fixed[name] for name in old):
            shutil.rmtree(tree)  # all done: start again from the old bytes, so later signals land mid-fix
            shutil.copytree(original, tree)
    assert interrupted > 0
    done = run_fix(tree)
    assert "Traceback" not in done.stderr
    assert snapshot(tree, old) == fixed


def test_ctrl_c_stops_fix_and_check_at_once_and_quietly(small_collection: Collection, tmp_path: Path) -> None:
    interrupt_loop(small_collection, tmp_path, tries=1, seed=1)


@pytest.mark.slow
def test_ctrl_c_many_times(large_collection: Collection, tmp_path: Path) -> None:
    interrupt_loop(large_collection, tmp_path, tries=15, seed=2)


# --- What fix keeps ------------------------------------------------------------------

NLP_ONLY = "version: 1\ntags:\n  NLP: {description: n}\n  LanguageModel: {description: l, aliases: [LLM]}\n"


def fix_project(tmp_path: Path, text: str) -> Path:
    (tmp_path / "taxonomy.yaml").write_text(NLP_ONLY, encoding="utf-8")
    note_path = tmp_path / "a.md"
    note_path.write_text(text, encoding="utf-8")
    return note_path


def test_fix_keeps_the_comment_of_a_removed_duplicate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    note_path = fix_project(tmp_path, "---\ntags:\n  - NLP\n  - NLP  # keep this comment?\n---\n")
    monkeypatch.chdir(tmp_path)
    code, out = run_cli(capsys, "fix", ".")
    assert code == 1, out
    assert note_path.read_text(encoding="utf-8") == "---\ntags:\n  - NLP\n  # keep this comment?\n---\n"


def _acl(*entries: tuple[int, int, int]) -> bytes:
    """A POSIX ACL as Linux stores it in ``system.posix_acl_access``: version 2, then (tag, perm, id) entries."""
    import struct

    return struct.pack("<I", 2) + b"".join(struct.pack("<HHI", tag, perm, ident) for tag, perm, ident in entries)


UNDEFINED_ID = 0xFFFFFFFF
# user::rw-, user:4242:rw-, group::r--, mask::rw-, other::r--
ACL = _acl((0x01, 6, UNDEFINED_ID), (0x02, 6, 4242), (0x04, 4, UNDEFINED_ID), (0x10, 6, UNDEFINED_ID), (0x20, 4, UNDEFINED_ID))


def test_fix_keeps_extended_attributes_and_acls(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import os

    note_path = fix_project(tmp_path, "---\ntags: [LLM]\n---\n")
    if not hasattr(os, "setxattr"):
        pytest.skip("no extended attributes on this platform")
    try:
        os.setxattr(note_path, "user.origin", b"imported from the old wiki")
        os.setxattr(note_path, "system.posix_acl_access", ACL)
    except OSError as exc:
        pytest.skip(f"this file system keeps no user attributes or ACLs: {exc.strerror}")
    before = {name: os.getxattr(note_path, name) for name in os.listxattr(note_path)}
    inode = note_path.stat().st_ino
    monkeypatch.chdir(tmp_path)
    run_cli(capsys, "fix", ".")
    assert note_path.read_text(encoding="utf-8") == "---\ntags: [LanguageModel]\n---\n"
    assert note_path.stat().st_ino != inode  # really a new file, renamed over the note
    assert {name: os.getxattr(note_path, name) for name in os.listxattr(note_path)} == before


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a note to another user")
def test_fix_keeps_the_setuid_and_setgid_bits_of_another_users_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    note_path = fix_project(tmp_path, "---\ntags: [LLM]\n---\n")
    os.chown(note_path, 4242, 4343)
    note_path.chmod(0o6664)  # a chown clears these two bits: the mode must be set after it
    monkeypatch.chdir(tmp_path)
    run_cli(capsys, "fix", ".")
    info = note_path.stat()
    assert note_path.read_text(encoding="utf-8") == "---\ntags: [LanguageModel]\n---\n"
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (4242, 4343, 0o6664)


def test_the_owner_is_given_before_the_mode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The order the test above proves as root, seen by anyone: chown first, the mode last.
    from taglint.files import metadata
    from taglint.files.write import write_if_unchanged

    note_path = tmp_path / "a.md"
    note_path.write_bytes(b"old")
    note_path.chmod(0o2664)
    calls: list[str] = []
    real = os.stat
    monkeypatch.setattr(metadata.os, "fchown", lambda fd, uid, gid: calls.append("chown"))
    monkeypatch.setattr(os, "fchmod", lambda fd, mode: calls.append(f"chmod {mode:o}"))
    fields = list(os.lstat(note_path))
    fields[stat.ST_UID] += 1  # the note as another user's: the temp file must be given to its owner
    monkeypatch.setattr(
        os, "lstat", lambda path: os.stat_result(fields) if str(path) == str(note_path) else real(path, follow_symlinks=False)
    )
    write_if_unchanged(str(note_path), b"old", b"new", [str(tmp_path.resolve())])
    assert calls == ["chown", "chmod 2664"]


def test_fix_reports_a_hard_linked_note_instead_of_splitting_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    note_path = fix_project(tmp_path, "---\ntags: [LLM]\n---\n")
    other = tmp_path / "elsewhere.txt"  # not a note: only the note itself is fixed
    os.link(note_path, other)
    monkeypatch.chdir(tmp_path)
    code, out = run_cli(capsys, "fix", ".")
    assert code == 1
    assert "a.md: not fixed: the note has 2 hard links; writing would split them" in out
    assert note_path.read_text(encoding="utf-8") == "---\ntags: [LLM]\n---\n"
    assert note_path.stat().st_ino == other.stat().st_ino


def test_fix_allow_hardlinks_fixes_the_note_and_leaves_the_other_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    note_path = fix_project(tmp_path, "---\ntags: [LLM]\n---\n")
    other = tmp_path / "elsewhere.txt"
    os.link(note_path, other)
    monkeypatch.chdir(tmp_path)
    _code, out = run_cli(capsys, "fix", "--allow-hardlinks", ".")
    assert "not fixed" not in out
    assert note_path.read_text(encoding="utf-8") == "---\ntags: [LanguageModel]\n---\n"
    assert other.read_text(encoding="utf-8") == "---\ntags: [LLM]\n---\n"
