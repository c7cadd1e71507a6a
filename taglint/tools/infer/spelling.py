"""Spelling evidence: how two written tags relate as strings, and which pairs are worth comparing.

A relation is a *kind* (how the spellings relate) and a human-readable detail.
Kinds, strongest first:

* ``same``: the same letters ignoring case and separators (``In-ContextLearning`` / ``In Context Learning``);
* ``plural``: the same after dropping a plural ending (``Embedding`` / ``Embeddings``);
* ``short-form``: a well-known short form from the curated table (``yml`` / ``yaml``, see ``shortforms``);
* ``suffix``: a framework suffix added (``stimulus`` / ``stimulusjs``, ``tailwind`` / ``tailwindcss``);
* ``misspelling``: one or two letters changed *inside* the word (``MulltiModal``), never at its ends;
* ``truncation``: the short tag is the first word(s) of the long one (``Neural`` / ``NeuralNetwork``)
  or the start of its only word (``Embed`` / ``Embeddings``);
* ``acronym``: the initials of the long tag's words, three letters or more (``CoT`` / ``Chain-of-Thought``);
* ``shared-stem``: a content word in common after stemming (``parallelism`` / ``parallel processing``,
  ``LLMAgent`` / ``AIAgents``).

The first four are strong on their own; the last four are only *hints* that
the notes must confirm (see ``context``).  Spellings whose numbers differ are
never related (``PicoCTF2019`` / ``PicoCTF2021``, ``ruby-on-rails-7`` /
``ruby-on-rails``): the number is the point of such tags.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from taglint.checks.didyoumean import _singular, normalize
from taglint.tools.infer.shortforms import long_forms

STRONG = frozenset(("same", "plural", "short-form", "suffix"))
MIN_TYPO_LEN = 6  # shorter names are close to each other by chance (ICML / ICLR)
MAX_TYPO_EDITS = 2
MIN_TRUNCATION_LEN = 4
MIN_ACRONYM_LEN = 3  # two letters stand for too many things (fs: file system? feature selection?)
MAX_STEM_FANOUT = 12  # a stem shared by more tags than this (learning, model) links nothing
# Suffixes that name the same library or language: stimulus.js, tailwindcss, golang.
FRAMEWORK_SUFFIXES = ("js", "css", "lang")
# Words too general to be the link between two tags on their own.
_STOP_STEMS = frozenset(("and", "the", "of", "for", "to", "in", "on", "with", "a", "an", "by", "from", "vs"))

_WORDS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+|[^\W\d_A-Za-z]+")
_NUMBERS = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class Spelling:
    kind: str
    detail: str

    @property
    def strong(self) -> bool:
        return self.kind in STRONG


def words(name: str) -> tuple[str, ...]:
    """The words of a tag as written: separators, camel case and digits split it (``LLMAgent`` -> LLM, Agent)."""
    return tuple(_WORDS.findall(name))


def numbers(name: str) -> tuple[str, ...]:
    return tuple(n.lstrip("0") or "0" for n in _NUMBERS.findall(name))


@lru_cache(maxsize=65536)
def forms(name: str) -> frozenset[tuple[str, str]]:
    """``(kind, key)`` for each normalized form of ``name``: itself, its singular, its short forms expanded."""
    key = normalize(name)
    found = {("same", key), ("plural", _singular(key))}
    parts = [w.casefold() for w in words(name)]
    expanded = [long_forms(w) or long_forms(_singular(w)) for w in parts]
    if any(expanded):
        # One expansion per word (the first long form), and the whole name as one word.
        joined = "".join(e[0] if e else w for e, w in zip(expanded, parts))
        found |= {("short-form", joined), ("short-form", _singular(joined))}
    for long in long_forms(key) + long_forms(_singular(key)):
        found |= {("short-form", long), ("short-form", _singular(long))}
    return frozenset(found)


@lru_cache(maxsize=65536)
def stems(name: str) -> frozenset[str]:
    from snowballstemmer import stemmer  # Porter2: parallelism/parallel, agents/agent, efficiency/efficient

    stem = stemmer("english").stemWord
    return frozenset(s for w in words(name) if len(w) >= 3 and not w.isdigit() for s in [stem(w.casefold())] if s not in _STOP_STEMS and len(s) >= 3)


def initials(name: str) -> str:
    """First letters of the words, an all-capitals word kept whole (``LLMAgent`` -> ``LLMA``)."""
    return "".join(w if w.isupper() else w[0] for w in words(name) if not w.isdigit())


def relate(a: str, b: str) -> Spelling | None:
    """The strongest spelling relation between two tags, or None."""
    if a == b:
        return None
    fa, fb = forms(a), forms(b)
    ka, kb = normalize(a), normalize(b)
    if not ka or not kb:
        return None
    if ka == kb:
        return Spelling("same", "same letters, different case or separators")
    if numbers(a) != numbers(b):
        return None  # versions and years are different tags
    keys_a, keys_b = {k for _, k in fa}, {k for _, k in fb}
    if _singular(ka) == _singular(kb):
        return Spelling("plural", "singular and plural")
    if keys_a & keys_b:
        return Spelling("short-form", "a well-known short form (curated table)")
    short, long = (a, b) if len(ka) <= len(kb) else (b, a)
    ks, kl = normalize(short), normalize(long)
    for suffix in FRAMEWORK_SUFFIXES:
        if len(ks) >= 3 and (kl == ks + suffix or _singular(kl) == _singular(ks) + suffix):
            return Spelling("suffix", f'the same name with "{suffix}" added')
    typo = misspelling(ka, kb)
    if typo is not None:
        return typo
    truncated = truncation(short, long)
    if truncated is not None:
        return truncated
    acronym = acronym_of(short, long)
    if acronym is not None:
        return acronym
    common = stems(a) & stems(b)
    if common:
        stem = sorted(common)[0]
        wa, wb = _word_with_stem(a, stem), _word_with_stem(b, stem)
        same = wa.casefold() == wb.casefold()
        return Spelling("shared-stem", f'both built on the word "{wa}"' if same else f'"{wa}" and "{wb}" share a stem')
    return None


def _word_with_stem(name: str, stem: str) -> str:
    from snowballstemmer import stemmer

    stem_word = stemmer("english").stemWord
    return next((w for w in words(name) if stem_word(w.casefold()) == stem), stem)


def misspelling(ka: str, kb: str) -> Spelling | None:
    """One or two letters changed inside a word: the differing middle has a common start and end around it."""
    if min(len(ka), len(kb)) < MIN_TYPO_LEN:
        return None
    head = 0
    limit = min(len(ka), len(kb))
    while head < limit and ka[head] == kb[head]:
        head += 1
    tail = 0
    while tail < limit - head and ka[-1 - tail] == kb[-1 - tail]:
        tail += 1
    middle_a, middle_b = ka[head : len(ka) - tail], kb[head : len(kb) - tail]
    # A change at either end adds or drops a prefix or suffix (un-, de-, -al): a different word, not a slip.
    if head < 2 or tail < 2:
        return None
    if sorted(middle_a) == sorted(middle_b) and len(middle_a) == 2:
        return Spelling("misspelling", f'two letters swapped ("{middle_a}" / "{middle_b}")')
    if max(len(middle_a), len(middle_b)) > MAX_TYPO_EDITS:
        return None
    what = f'"{middle_a}" for "{middle_b}"' if middle_a and middle_b else f'"{middle_a or middle_b}" {"doubled" if _doubled(ka, kb, head) else "dropped or added"}'
    return Spelling("misspelling", f"one spelling slip ({what})")


def _doubled(ka: str, kb: str, at: int) -> bool:
    longer = ka if len(ka) > len(kb) else kb
    return 0 < at < len(longer) and longer[at] == longer[at - 1]


def truncation(short: str, long: str) -> Spelling | None:
    """``short`` is the first words of ``long`` (``Neural``/``Neural Network``), or the start of its only word."""
    ws, wl = [w.casefold() for w in words(short)], [w.casefold() for w in words(long)]
    ks = normalize(short)
    if len(ks) < MIN_TRUNCATION_LEN or not ws or not wl:
        return None
    if len(ws) < len(wl) and wl[: len(ws)] == ws:
        return Spelling("truncation", f'"{short}" is the first word{"s" if len(ws) > 1 else ""} of "{long}"')
    if len(ws) == 1 and len(wl) == 1 and wl[0].startswith(ws[0]) and len(ws[0]) < len(wl[0]):
        return Spelling("truncation", f'"{short}" is the start of "{long}" ({len(ks)}/{len(normalize(long))} letters)')
    return None


def acronym_of(short: str, long: str) -> Spelling | None:
    """``short`` spells the initials of ``long``'s words (three or more letters; a plural ``s`` allowed)."""
    letters = short[:-1] if short.endswith("s") and short[:-1].isupper() else short
    if not (MIN_ACRONYM_LEN <= len(letters) <= 6) or not letters.isalpha():
        return None
    written = initials(long)
    if len(words(long)) < 2:
        return None
    if written == letters or (letters.isupper() and written.upper() == letters) or written.casefold() == letters.casefold():
        return Spelling("acronym", f'"{short}" is the initials of "{long}"')
    return None


def candidate_pairs(names: Iterable[str]) -> Iterator[tuple[str, str]]:
    """Pairs worth ``relate``-ing, found through indexes instead of comparing every pair (thousands of tags)."""
    names = sorted(set(names))
    seen: set[tuple[str, str]] = set()

    def emit(a: str, b: str) -> Iterator[tuple[str, str]]:
        pair = (a, b) if a < b else (b, a)
        if a != b and pair not in seen:
            seen.add(pair)
            yield pair

    buckets: dict[str, list[str]] = {}
    for name in names:
        keys = {k for _, k in forms(name)}
        keys |= {k + s for k in keys for s in FRAMEWORK_SUFFIXES}  # stimulus meets stimulusjs
        for key in keys:
            buckets.setdefault("form:" + key, []).append(name)
        for stem in stems(name):
            buckets.setdefault("stem:" + stem, []).append(name)
        if len(words(name)) >= 2:
            buckets.setdefault("initials:" + initials(name).casefold(), []).append(name)
    for name in names:
        letters = name[:-1] if name.endswith("s") and name[:-1].isupper() else name
        buckets.setdefault("initials:" + letters.casefold(), []).append(name)
    for key, members in buckets.items():
        if key.startswith("stem:") and len(members) > MAX_STEM_FANOUT:
            continue
        if len(members) > 1:
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    yield from emit(a, b)
    # Truncations: every key that starts with another sorts right after it.
    keyed = sorted((normalize(n), n) for n in names)
    for key, name in keyed:
        if len(key) < MIN_TRUNCATION_LEN:
            continue
        for other_key, other in keyed[bisect.bisect_right(keyed, (key, name)) :]:
            if not other_key.startswith(key):
                break
            yield from emit(name, other)
    yield from _close_spellings(names, emit)


def _close_spellings(names: list[str], emit: Callable[[str, str], Iterator[tuple[str, str]]]) -> Iterator[tuple[str, str]]:
    from rapidfuzz import fuzz, process

    long_enough = [n for n in names if len(normalize(n)) >= MIN_TYPO_LEN]
    keys = [normalize(n) for n in long_enough]
    for i, key in enumerate(keys):
        # rapidfuzz compares in C; a key only against the ones after it, so each pair once.
        for _, _, j in process.extract(key, keys[i + 1 :], scorer=fuzz.ratio, score_cutoff=80, limit=None):
            yield from emit(long_enough[i], long_enough[i + 1 + j])
