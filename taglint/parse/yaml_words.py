"""A YAML parser's error message in the words of a person editing the file.

PyYAML and ruamel.yaml (a fork of it) name the parser's tokens in their
messages: ``expected <block end>, but found '<scalar>'``, and ruamel.yaml
0.18+ even prints a Python tuple, ``expected '<document start>', but found
('<scalar>',)``. Users read these in ``taglint check`` output (a note's
front matter) and in config errors (the taxonomy, a rule set), so every YAML
message goes through ``plain_message`` first: the few messages that mean
something only to a parser writer get a sentence of their own, the remaining
token names become words. Messages that are already plain (``mapping values
are not allowed here``, ``found undefined alias 'x'``) pass through as they
are. ruamel.yaml (taxonomy, rule sets) and libyaml (PyYAML's C parser) word
some errors differently; both wordings are mapped.
"""

from __future__ import annotations

import re

# Token ids as the scanner and parser print them (``Token.id``), in words.
_TOKEN_WORDS = {
    "<document start>": "a document start ('---')",
    "<document end>": "a document end ('...')",
    "<stream start>": "the start of the text",
    "<stream end>": "the end of the text",
    "<block sequence start>": "a list",
    "<block mapping start>": "a mapping",
    "<block end>": "the end of the indented block",
    "<scalar>": "a value",
    "<alias>": "an alias ('*name')",
    "<anchor>": "an anchor ('&name')",
    "<tag>": "a tag ('!name')",
    "<directive>": "a directive ('%')",
    "<comment>": "a comment",
}
# '<scalar>', <block end>, and ruamel.yaml's ('<scalar>',) or ('}',).
_TOKEN = re.compile(r"\(\s*'([^']+)'\s*,?\s*\)|'(<[a-z ]+>)'|(<[a-z ]+>)")


def _words(match: re.Match[str]) -> str:
    name = next(group for group in match.groups() if group)
    return _TOKEN_WORDS.get(name, f"'{name}'")


def plain_message(problem: str | None, context: str | None = None) -> str:
    """The message of a YAML error (its ``problem`` and ``context``) without parser internals."""
    problem = (problem or "").strip()
    context = (context or "").strip()
    if problem.startswith("but found another document") or context.startswith("expected a single document"):
        return "a second YAML document (after a '---' or '...' line) where only one is allowed"
    if re.match(r"(did not find )?expected '?<document start>'?", problem):
        # ruamel.yaml: "expected '<document start>', but found ('<scalar>',)"; libyaml: "did not find expected <document start>".
        return "more text after a complete value: a quoted value, a [list] or a {mapping} must be the last thing on its line"
    if re.match(r"expected '?<block end>'?, but found|did not find expected (key|'-' indicator)$", problem):
        # ruamel.yaml names what it found; libyaml says what it missed. Either way the line is out of place.
        return "this line does not fit here: check its indentation, and that a quoted value is the last thing on its line"
    if problem == "found unexpected end of stream":
        return "a quoted value is never closed" if "quoted scalar" in context else "the text ends in the middle of a value"
    if "'\\t' that cannot start any token" in problem:
        return "a tab character where YAML allows only spaces for indentation"
    if problem == "found character that cannot start any token":  # libyaml does not name the character
        return "a character that cannot start a value: a tab (YAML indents with spaces only), or an unquoted '@' or '`'"
    if problem == "mapping values are not allowed in this context":  # libyaml's words for ruamel.yaml's
        return "mapping values are not allowed here"
    message = problem or context or "invalid YAML"
    message = message.replace("cannot start any token", "cannot start a value (quote the value)")
    message = message.replace("but got", "but found")
    return _TOKEN.sub(_words, message)
