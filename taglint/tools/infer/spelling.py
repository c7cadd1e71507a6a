"""Spelling evidence: how two written tags relate as strings, and which pairs are worth comparing.

A relation is a *kind* and a human-readable detail.  Strong kinds, enough on
their own (unless the notes say otherwise, see ``decide``):

* ``same``: the same letters ignoring case, separators and a leading ``#``
  (``In-ContextLearning`` / ``In Context Learning``, ``#ai`` / ``AI``);
* ``plural``: the same after dropping a plural ending, of the name or of any of its words
  (``Embedding`` / ``Embeddings``, ``nota técnica`` / ``notas técnicas``);
* ``spelling-variant``: British and American endings (``visualisation`` / ``visualization``);
* ``article``: the same name with and without a leading "The" (``The Carpentries`` / ``Carpentries``);
* ``function-word``: the same words but for "of", "de" and the like (``programa campeones`` /
  ``programa de campeones``);
* ``short-form``: a well-known short form from the curated table (``yml`` / ``yaml``, see ``shortforms``);
* ``suffix``: a framework suffix added (``stimulus`` / ``stimulusjs``, ``tailwind`` / ``tailwindcss``);
* ``nested``: a flat tag and the same tag filed under a facet (``tutorial`` / ``type/tutorial``), or
  under two facets (``topic/python`` / ``技术/Python``).  A facet is a parent that holds other tags too
  and is never a tag alone; a parent that is a tag itself is a subject, and its children are narrower
  tags (``notion/template`` is not ``template``), so a leaf that any subject files is only a hint;
* ``misspelling``: one letter doubled, dropped or added, or two neighbours swapped, *inside* a word
  of six letters or more (``MulltiModal``, ``comunity``).

Weak kinds, only *hints* (uncertain candidates at most):

* ``accents``: the same letters but for accents (``notas técnicas`` / ``notas-tecnicas``, but also
  ``multilingüe`` / ``multilíngue``: Spanish and Portuguese);
* ``close-spelling``: a letter replaced, or two changed (``binder`` / ``birder``: two words);
* ``truncation``: the first word(s) of the other (``Neural`` / ``NeuralNetwork``) or the start of
  its only word (``Embed`` / ``Embeddings``);
* ``acronym``: the initials of the other's words, three letters or more (``CoT`` / ``Chain-of-Thought``);
* ``shared-stem``: a content word in common after stemming (``parallelism`` / ``parallel processing``);
* ``same-leaf``: one leaf under a subject, or two parents (``template`` / ``notion/template``, ``type/moc`` / ``system/moc``).

Never related: spellings whose numbers differ (``PicoCTF2019`` / ``PicoCTF2021``,
``ruby-on-rails-7`` / ``ruby-on-rails``: the number is the point of such
tags), and a nested tag and its own parent (``udc`` / ``udc/6xx``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from taglint.checks.didyoumean import _singular, normalize
from taglint.tools.infer.shortforms import long_forms

STRONG = frozenset(("same", "plural", "spelling-variant", "article", "function-word", "short-form", "suffix", "nested", "misspelling"))
HINTS = frozenset(("accents", "close-spelling", "truncation", "acronym", "shared-stem", "same-leaf"))
MIN_TYPO_LEN = 6  # shorter names are close to each other by chance (ICML / ICLR)
MIN_TRUNCATION_LEN = 4
MIN_ACRONYM_LEN = 3  # two letters stand for too many things (fs: file system? feature selection?)
MAX_STEM_FANOUT = 12  # a stem shared by more tags than this (learning, model) links nothing
# Suffixes that name the same library or language: stimulus.js, tailwindcss, golang.
FRAMEWORK_SUFFIXES = ("js", "css", "lang")
# Words too general to be the link between two tags on their own.
_STOP_STEMS = frozenset(("and", "the", "of", "for", "to", "in", "on", "with", "a", "an", "by", "from", "vs"))
# British -> American endings (Oxford's list of -ise/-ize and -our/-or words follows these patterns).
_BRITISH = (
    (re.compile(r"(?<=[a-z]{3})is(e|es|ed|ing|ation|ations|er|ers)$"), r"iz\1"),
    (re.compile(r"(?<=[a-z]{3})isation(?=[a-z])"), "ization"),
    (re.compile(r"(?<=[a-z]{2})our(s|ed|ing)?$"), r"or\1"),
)

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
def key(name: str) -> str:
    """Case, separators, accents and Obsidian's leading ``#`` removed: ``#Notas Técnicas`` -> ``notastecnicas``."""
    folded = unicodedata.normalize("NFKD", name.lstrip("#"))
    return normalize("".join(c for c in folded if not unicodedata.combining(c)))


def singulars(k: str) -> frozenset[str]:
    """``k`` and each English singular it may be the plural of (``diseases``: disease; ``classes``: class)."""
    found = {k}
    if k.endswith("s") and len(k) >= 4 and not k.endswith("ss"):
        found.add(k[:-1])
        if k.endswith(("sses", "xes", "ches", "shes", "zes")):
            found.add(k[:-2])  # not every -es: Spanish mentores is not the plural of mentor
        if k.endswith("ies"):
            found.add(k[:-3] + "y")
    return frozenset(found)


def american(k: str) -> str:
    for pattern, replacement in _BRITISH:
        k = pattern.sub(replacement, k)
    return k


@lru_cache(maxsize=65536)
def short_forms(name: str) -> frozenset[str]:
    """Keys of ``name`` with each known short form written out (``LLMAgent`` -> ``largelanguagemodelagent``)."""
    k = key(name)
    found: set[str] = set()
    parts = [key(w) for w in words(name)]
    expanded = [long_forms(w) or long_forms(_singular(w)) for w in parts]
    if any(expanded):
        joined = "".join(e[0] if e else w for e, w in zip(expanded, parts, strict=False))
        found |= {joined, _singular(joined)}
    for long in long_forms(k) + long_forms(_singular(k)):
        found |= {long, _singular(long)}
    return frozenset(found)


@lru_cache(maxsize=65536)
def stems(name: str) -> frozenset[str]:
    from snowballstemmer import stemmer  # Porter2: parallelism/parallel, agents/agent, efficiency/efficient

    stem = stemmer("english").stemWord
    return frozenset(
        s for w in words(name) if len(w) >= 3 and not w.isdigit() for s in [stem(w.casefold())] if s not in _STOP_STEMS and len(s) >= 3
    )


def initials(name: str) -> str:
    """First letters of the words, an all-capitals word kept whole (``LLMAgent`` -> ``LLMA``)."""
    return "".join(w if w.isupper() else w[0] for w in words(name) if not w.isdigit())


@dataclass(frozen=True)
class Nesting:
    """How a collection nests its tags, which decides when ``tutorial`` / ``type/tutorial`` is strong."""

    namespaces: frozenset[str] = frozenset()  # keys of facet parents: two or more children, never a tag alone
    facet_leaves: frozenset[str] = frozenset()  # keys of leaves filed under facets only (never under a subject)


NO_NESTING = Nesting()


def relate(a: str, b: str, nesting: Nesting = NO_NESTING) -> Spelling | None:
    """The strongest spelling relation between two tags, or None."""
    ka, kb = key(a), key(b)
    if a == b or not ka or not kb:
        return None
    if ka == kb:
        if normalize(a.lstrip("#")) != normalize(b.lstrip("#")):
            # Accents tell languages apart as often as they are skipped: multilingüe (es) / multilíngue (pt).
            return Spelling("accents", "the same letters but for accents")
        return Spelling("same", "same letters, different case or separators")
    if numbers(a) != numbers(b):
        return None  # versions and years are different tags
    if "/" in a or "/" in b:
        nested = _nested(a, b, nesting)
        if nested is not False:
            return nested
    if singulars(ka) & singulars(kb) or _same(_phrase(a), _phrase(b)):
        return Spelling("plural", "singular and plural")
    if _same(_phrase(a, content_only=True), _phrase(b, content_only=True)):
        return Spelling("function-word", 'the same words but for "of", "the", "de" and the like')
    if american(ka) == american(kb):
        return Spelling("spelling-variant", "British and American spelling")
    if _without_article(a) == kb or _without_article(b) == ka:
        return Spelling("article", 'the same name with and without "The"')
    if short_forms(a) & {kb, _singular(kb)} or short_forms(b) & {ka, _singular(ka)} or short_forms(a) & short_forms(b):
        return Spelling("short-form", "a well-known short form (curated table)")
    short, long = (a, b) if len(ka) <= len(kb) else (b, a)
    ks, kl = key(short), key(long)
    for suffix in FRAMEWORK_SUFFIXES:
        if len(ks) >= 3 and (kl == ks + suffix or _singular(kl) == _singular(ks) + suffix):
            return Spelling("suffix", f'the same name with "{suffix}" added')
    slip = misspelling(ka, kb)
    if slip is not None:
        return slip
    return _hint(a, b, short, long)


# Function words that name nothing: English, Spanish, Portuguese, French (collections mix them).
FUNCTION_WORDS = frozenset(
    [
        "of",
        "the",
        "a",
        "an",
        "and",
        "for",
        "to",
        "in",
        "on",
        "de",
        "del",
        "do",
        "da",
        "dos",
        "das",
        "la",
        "el",
        "los",
        "las",
        "le",
        "les",
        "du",
        "des",
        "y",
        "e",
        "et",
    ]
)
_SPACED = re.compile(r"[\s_\-/.]+")


def _phrase(name: str, content_only: bool = False) -> tuple[str, ...] | None:
    """The words of a name written with separators, each in its singular: ``notas técnicas`` -> (nota, técnica)."""
    parts = [p for p in _SPACED.split(name.casefold()) if p]
    if len(parts) < 2:
        return None
    if content_only:
        parts = [p for p in parts if p not in FUNCTION_WORDS]
        if len(parts) < 1:
            return None
    return tuple(min(singulars(key(p)), key=len) for p in parts)


def _same(x: tuple[str, ...] | None, y: tuple[str, ...] | None) -> bool:
    return x is not None and x == y


def _without_article(name: str) -> str:
    parts = name.split(maxsplit=1)
    return key(parts[1]) if len(parts) == 2 and parts[0].casefold() == "the" else ""


def _hint(a: str, b: str, short: str, long: str) -> Spelling | None:
    truncated = truncation(short, long)
    if truncated is not None:
        return truncated
    acronym = acronym_of(short, long) or acronym_of(long, short)
    if acronym is not None:
        return acronym
    common = stems(a) & stems(b)
    if common:
        stem = sorted(common)[0]
        wa, wb = _word_with_stem(a, stem), _word_with_stem(b, stem)
        same = wa.casefold() == wb.casefold()
        return Spelling("shared-stem", f'both built on the word "{wa}"' if same else f'"{wa}" and "{wb}" share a stem')
    return None


def _nested(a: str, b: str, nesting: Nesting) -> Spelling | Literal[False] | None:
    """Nested tags (Obsidian's ``parent/child``).  False: compare them as flat names instead."""
    pa, pb = [key(p) for p in a.split("/")], [key(p) for p in b.split("/")]
    common = 0
    while common < min(len(pa), len(pb)) and pa[common] == pb[common]:
        common += 1
    if common and (common == len(pa) or common == len(pb)):
        return None  # one is the other's parent: two tags
    if common:
        rest_a, rest_b = "/".join(a.split("/")[common:]), "/".join(b.split("/")[common:])
        return relate(rest_a, rest_b, nesting)
    flat, nested = (a, b) if len(pa) < len(pb) else (b, a)
    leaf, parent = nested.rsplit("/", 1)[1], nested.rsplit("/", 1)[0]
    flat_leaf = flat.rsplit("/", 1)[-1]
    if singulars(key(flat_leaf)) & singulars(key(leaf)):
        if "/" in flat:
            other = flat.rsplit("/", 1)[0]
            if {key(parent), key(other)} <= nesting.namespaces and _singular(key(leaf)) in nesting.facet_leaves:
                return Spelling("nested", f'"{leaf}" filed under two facets ("{other}/", "{parent}/")')
            return Spelling("same-leaf", f'the same leaf "{leaf}" under two parents')
        if key(parent) in nesting.namespaces and _singular(key(leaf)) in nesting.facet_leaves:
            return Spelling("nested", f'"{flat}" filed under "{parent}/"')
        return Spelling("same-leaf", f'"{flat}" is the last part of "{nested}"')
    return False


def misspelling(ka: str, kb: str) -> Spelling | None:
    """A slip inside a word (strong) or a closer change (a hint); never at either end, where words take affixes."""
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
    if len(middle_a) == len(middle_b) == 2 and middle_a == middle_b[::-1]:
        return Spelling("misspelling", f'two letters swapped ("{middle_a}" / "{middle_b}")')
    if {len(middle_a), len(middle_b)} == {0, 1}:
        letter = middle_a or middle_b
        longer = ka if len(ka) > len(kb) else kb
        doubled = longer[head] == longer[head - 1] or (head + 1 < len(longer) and longer[head] == longer[head + 1])
        return Spelling("misspelling", f'one letter {"doubled" if doubled else "added"} ("{letter}")')
    if max(len(middle_a), len(middle_b)) <= 2:
        return Spelling("close-spelling", f'"{middle_a}" for "{middle_b}" inside the word')
    return None


def truncation(short: str, long: str) -> Spelling | None:
    """``short`` is the first words of ``long`` (``Neural``/``Neural Network``), or the start of its only word."""
    ws, wl = [w.casefold() for w in words(short)], [w.casefold() for w in words(long)]
    ks = key(short)
    if len(ks) < MIN_TRUNCATION_LEN or not ws or not wl:
        return None
    if len(ws) < len(wl) and wl[: len(ws)] == ws:
        return Spelling("truncation", f'"{short}" is the first word{"s" if len(ws) > 1 else ""} of "{long}"')
    if len(ws) == 1 and len(wl) == 1 and wl[0].startswith(ws[0]) and len(ws[0]) < len(wl[0]):
        return Spelling("truncation", f'"{short}" is the start of "{long}" ({len(ks)}/{len(key(long))} letters)')
    return None


def acronym_of(short: str, long: str) -> Spelling | None:
    """``short`` spells the initials of ``long``'s words (three or more letters; a plural ``s`` allowed)."""
    letters = short[:-1] if short.endswith("s") and short[:-1].isupper() else short
    if not (MIN_ACRONYM_LEN <= len(letters) <= 6) or not letters.isalpha() or len(words(long)) < 2 or "/" in short + long:
        return None
    written = initials(long)
    if written == letters or written.casefold() == letters.casefold():
        return Spelling("acronym", f'"{short}" is the initials of "{long}"')
    return None


def _word_with_stem(name: str, stem: str) -> str:
    from snowballstemmer import stemmer

    stem_word = stemmer("english").stemWord
    return next((w for w in words(name) if stem_word(w.casefold()) == stem), stem)


def nesting_of(names: Iterable[str]) -> Nesting:
    """The facets (parents of two or more different nested tags, never used as a tag alone: ``type``, ``topic``)
    and the leaves filed under facets only (``notion/moc`` makes ``moc`` a subject's child, not a facet's)."""
    names = list(names)
    children: dict[str, set[str]] = {}
    parents: dict[str, set[str]] = {}
    for name in names:
        if "/" in name:
            parent, leaf = name.rsplit("/", 1)
            children.setdefault(key(parent), set()).add(key(leaf))
            parents.setdefault(_singular(key(leaf)), set()).add(key(parent))
    used = {key(name) for name in names}
    # A parent that is a tag itself (notion, in notion/template) is a subject, and its children are narrower
    # tags of that subject: template is not notion/template.  A parent no note uses alone (type, topic) is a facet.
    facets = frozenset(parent for parent, leaves in children.items() if len(leaves) >= 2 and parent not in used)
    return Nesting(facets, frozenset(leaf for leaf, where in parents.items() if where <= facets))
