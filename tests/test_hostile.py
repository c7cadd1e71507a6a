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
    extra: dict[str, str] = field(default_factory=dict)


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
CASES += [
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
    (tmp_path / "taxonomy.yaml").write_text(TAXONOMY, encoding="utf-8")
    for name, text in case.files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    started = time.monotonic()
    code, out = run_cli(capsys, *case.args, "--no-cache") if case.args[0] == "check" else run_cli(capsys, *case.args)
    assert time.monotonic() - started < SECONDS
    assert code == case.code, out
    for text in case.contains:
        assert text in out, out
    for text in case.absent:
        assert text not in out, out
