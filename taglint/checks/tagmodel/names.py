"""Whether a note names a tag: its words, or an alias's, appear in the title or the text.

``LanguageModel`` is read as the words "language model", ``PEFT(Adaptor/LoRA)``
as "peft", "adaptor" and "lora", ``Supervised-FineTuning (SFT)`` as
"supervised fine tuning" and "sft"; plurals match singulars. A name written
in a script without spaces (``技术``) is looked for as a substring.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_WORD = re.compile(r"[^\W_]+")
_PARTS = re.compile(r"[()/\[\]|,:;]+")
MIN_LETTERS = 3  # "AI", "RL" alone match too much by chance
_SPACED = re.compile(r"[A-Za-z0-9\s\W]*")  # names with only Latin letters, digits, blanks, punctuation


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def words_of(text: str) -> list[str]:
    return [_stem(w) for w in _WORD.findall(_CAMEL.sub(" ", text).lower())]


def phrases(name: str, aliases: Iterable[str] = ()) -> list[str]:
    """The phrases (words joined by one space) that name a tag; CJK names as they are, prefixed "~"."""
    found: list[str] = []
    for spelling in (name, *aliases):
        if not _SPACED.fullmatch(spelling):
            if len(spelling.strip()) >= 2:
                found.append("~" + spelling.strip().lower())
            continue
        for part in [spelling, *_PARTS.split(spelling)]:
            words = words_of(part)
            phrase = " ".join(words)
            if len(phrase.replace(" ", "")) >= MIN_LETTERS and phrase not in found:
                found.append(phrase)
    return found


class NameIndex:
    """Every tag's phrases, indexed by their first word, for one pass over a note's words."""

    def __init__(self, tag_phrases: Sequence[Sequence[str]]) -> None:
        self.by_first: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        self.substrings: list[tuple[str, int]] = []
        for index, names in enumerate(tag_phrases):
            for phrase in names:
                if phrase.startswith("~"):
                    self.substrings.append((phrase[1:], index))
                    continue
                words = tuple(phrase.split(" "))
                self.by_first.setdefault(words[0], []).append((words, index))

    def named(self, text: str) -> set[int]:
        """Indices of the tags named in ``text``."""
        words = words_of(text)
        found: set[int] = set()
        by_first = self.by_first
        for position, word in enumerate(words):
            entries = by_first.get(word)
            if entries is None:
                continue
            for phrase, index in entries:
                if tuple(words[position : position + len(phrase)]) == phrase:
                    found.add(index)
        if self.substrings:
            lowered = text.lower()
            found.update(index for sub, index in self.substrings if sub in lowered)
        return found
