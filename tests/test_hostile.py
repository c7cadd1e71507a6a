"""What a hostile pull request can put in a collection, and what taglint must still do.

One row per reproducer of the hostile-input review (issue "Safe on untrusted
pull requests"): the files the pull request adds, the command, and what must
come out. Every row also runs under a time bound, so a hang fails the test
instead of the CI job.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from helpers import run_cli

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
    CASES.append(Case(f"custom-rule {pattern}", {"rules/base.yaml": custom_rule(pattern), "a.md": note(attack)}, ("check", "."), 0, ("All checks passed",)))
    # An invalid title under the schema: the message must come, and come quickly.
    CASES.append(Case(f"note-schema {pattern}", {"rules/base.yaml": schema_pattern(pattern), "a.md": note(attack)}, ("check", "."), 1, ("TG008 invalid-field",)))
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
        {"taxonomy.yaml": "version: 1\ncase_sensitive: true\ntags:\n  Café: {description: cafes}\n", "a.md": "---\ntags: [Cafe\u0301]\n---\n"},
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
        {"rules/base.yaml": custom_rule("x").replace("    when:\n", "    when:\n      path: '*a*a*a*a*a*a*a*a*a*a*b'\n"), "a" * 60 + ".md": note("x")},
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
