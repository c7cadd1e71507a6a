"""Deterministic corpus generator for the taglint benchmarks.

``generate(out_dir, n, seed=0, taxonomy_path="taxonomy.yaml") -> Manifest`` writes::

    out_dir/
      notes/000/00000.md ... (1000 notes per directory)
      manifest.json          exact count of every injected defect, per rule
      taxonomy.yaml          the taxonomy the corpus was drawn from
      rules/bench.yaml       minimal rule set (required fields)
      taglint.toml           points taglint at the two above

Every note has at most one injected defect, and every defect yields exactly one
finding of its rule; clean notes are clean (all ancestors present, at most one member
per exclusive group, no duplicates, no deprecated tags, all required fields).
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

from bench import realistic
from bench import taxonomy as taxmod

GENERATOR_VERSION = 1
NOTES_PER_DIR = 1000
REQUIRED_FIELDS = ("title", "date", "tags", "url")
SHAPES = ("flat", "realistic")

# Fraction of notes carrying each defect (one defect per note at most).
# alias + deprecated + duplicate = 3.0 % safe-fixable notes, the fix benchmark's target.
DEFECT_RATES: dict[str, float] = {
    "unknown-tag": 0.010,
    "alias-tag": 0.012,
    "deprecated-tag": 0.008,
    "duplicate-tag": 0.010,
    "conflicting-tags": 0.005,
    "missing-field": 0.005,
}
SAFE_FIXABLE = ("alias-tag", "deprecated-tag", "duplicate-tag")

STYLE_WEIGHTS = {"flow": 40, "block": 35, "flow-quoted": 8, "block-quoted": 7, "comma-string": 10}
CRLF_RATE = 0.05
BOM_RATE = 0.005

_WORDS = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "is",
    "that",
    "it",
    "for",
    "on",
    "with",
    "as",
    "was",
    "be",
    "by",
    "this",
    "are",
    "at",
    "from",
    "or",
    "an",
    "have",
    "not",
    "which",
    "but",
    "all",
    "were",
    "we",
    "when",
    "there",
    "can",
    "more",
    "if",
    "about",
    "so",
    "what",
    "out",
    "up",
    "into",
    "some",
    "time",
    "them",
    "these",
    "would",
    "other",
    "than",
    "then",
    "its",
    "only",
    "new",
    "like",
    "because",
    "two",
    "most",
    "over",
    "first",
    "also",
    "after",
    "work",
    "way",
    "even",
    "well",
    "back",
    "any",
    "good",
    "where",
    "much",
    "through",
    "our",
    "before",
    "many",
    "right",
    "too",
    "means",
    "old",
    "same",
    "tell",
    "set",
    "three",
    "want",
    "air",
    "play",
    "small",
    "end",
    "put",
    "home",
    "read",
    "hand",
    "port",
    "large",
    "spell",
    "add",
    "land",
    "here",
    "must",
    "big",
    "high",
    "such",
    "follow",
    "act",
    "why",
    "ask",
    "men",
    "change",
    "went",
    "light",
    "kind",
    "off",
    "need",
    "house",
    "picture",
    "try",
    "again",
    "animal",
    "point",
    "mother",
    "world",
    "near",
    "build",
    "self",
    "earth",
    "father",
    "head",
    "stand",
    "own",
    "page",
    "should",
    "country",
    "found",
    "answer",
    "school",
    "grow",
    "study",
    "still",
    "learn",
    "plant",
    "cover",
    "food",
    "sun",
    "four",
    "between",
    "state",
    "keep",
    "eye",
    "never",
    "last",
    "let",
    "thought",
    "city",
    "tree",
    "cross",
    "farm",
    "hard",
    "start",
    "might",
    "story",
    "saw",
    "far",
    "sea",
    "draw",
    "left",
    "late",
    "run",
    "while",
    "press",
    "close",
    "night",
    "real",
    "life",
    "few",
    "north",
    "open",
    "seem",
    "together",
    "next",
    "white",
    "children",
    "begin",
    "got",
    "walk",
    "example",
    "ease",
    "paper",
    "group",
    "always",
    "music",
    "those",
    "both",
    "mark",
    "often",
    "letter",
    "until",
    "mile",
    "river",
    "car",
    "feet",
    "care",
    "second",
    "book",
    "carry",
    "took",
    "science",
    "eat",
    "room",
    "friend",
    "began",
    "idea",
    "fish",
    "mountain",
    "stop",
    "once",
    "base",
    "hear",
    "horse",
    "cut",
    "sure",
    "watch",
    "color",
    "face",
    "wood",
    "main",
    "enough",
    "plain",
    "girl",
    "usual",
    "young",
    "ready",
    "above",
    "ever",
    "red",
    "list",
    "though",
    "feel",
    "talk",
    "bird",
    "soon",
    "body",
    "dog",
    "family",
    "direct",
    "pose",
    "leave",
    "song",
    "measure",
    "door",
    "product",
    "black",
    "short",
    "numeral",
    "class",
    "wind",
    "question",
    "happen",
    "complete",
    "ship",
    "area",
    "half",
    "rock",
    "order",
    "fire",
    "south",
    "problem",
    "piece",
    "told",
    "knew",
    "pass",
    "since",
    "top",
    "whole",
    "king",
    "space",
    "heard",
    "best",
    "hour",
    "better",
    "true",
    "during",
    "hundred",
    "five",
    "remember",
    "step",
    "early",
    "hold",
    "west",
    "ground",
    "interest",
    "reach",
    "fast",
    "verb",
    "sing",
    "listen",
    "six",
    "table",
    "travel",
    "less",
    "morning",
    "ten",
    "simple",
    "several",
    "vowel",
    "toward",
    "war",
    "lay",
    "against",
    "pattern",
    "slow",
    "center",
    "love",
    "person",
    "money",
    "serve",
    "appear",
    "road",
    "map",
    "rain",
    "rule",
    "govern",
    "pull",
    "cold",
    "notice",
    "voice",
    "unit",
    "power",
    "town",
    "fine",
    "certain",
    "fly",
    "fall",
    "lead",
    "cry",
    "dark",
    "machine",
    "note",
    "wait",
    "plan",
    "figure",
    "star",
    "box",
    "noun",
    "field",
    "rest",
    "correct",
    "able",
    "pound",
    "done",
    "beauty",
    "drive",
    "stood",
    "contain",
    "front",
    "teach",
    "week",
    "final",
    "gave",
    "green",
    "quick",
    "develop",
    "ocean",
    "warm",
    "free",
    "minute",
    "strong",
    "special",
    "mind",
    "behind",
    "clear",
    "tail",
    "produce",
    "fact",
    "street",
    "inch",
    "multiply",
    "nothing",
    "course",
    "stay",
    "wheel",
    "full",
    "force",
    "blue",
    "object",
    "decide",
    "surface",
    "deep",
    "moon",
    "island",
    "foot",
    "system",
    "busy",
    "test",
    "record",
    "boat",
    "common",
    "gold",
    "possible",
    "plane",
    "stead",
    "dry",
    "wonder",
    "laugh",
    "thousand",
    "ago",
    "ran",
    "check",
    "game",
    "shape",
    "equate",
    "miss",
    "brought",
    "heat",
    "snow",
    "tire",
    "bring",
    "yes",
    "distant",
    "fill",
    "east",
    "paint",
    "language",
    "among",
    "grand",
    "ball",
    "yet",
    "wave",
    "drop",
    "heart",
    "present",
    "heavy",
    "dance",
    "engine",
    "position",
    "arm",
    "wide",
    "sail",
    "material",
    "size",
    "vary",
    "settle",
    "speak",
    "weight",
    "general",
    "ice",
    "matter",
    "circle",
    "pair",
    "include",
    "divide",
    "syllable",
    "felt",
    "perhaps",
    "pick",
    "sudden",
    "count",
    "square",
    "reason",
    "length",
    "represent",
    "art",
    "subject",
    "region",
    "energy",
    "hunt",
    "probable",
    "bed",
    "brother",
    "egg",
    "ride",
    "cell",
    "believe",
    "fraction",
    "forest",
    "sit",
    "race",
    "window",
    "store",
    "summer",
    "train",
    "sleep",
    "prove",
    "lone",
    "leg",
    "exercise",
    "wall",
    "catch",
    "mount",
    "wish",
    "sky",
    "board",
    "joy",
    "winter",
    "sat",
    "written",
    "wild",
    "instrument",
    "kept",
    "glass",
    "grass",
    "cow",
    "job",
    "edge",
    "sign",
    "visit",
    "past",
    "soft",
    "fun",
    "bright",
    "gas",
    "weather",
    "month",
    "million",
    "bear",
    "finish",
    "happy",
    "hope",
    "flower",
    "clothe",
    "strange",
    "gone",
    "jump",
    "baby",
    "eight",
    "village",
    "meet",
    "root",
    "buy",
    "raise",
    "solve",
    "metal",
    "whether",
    "push",
    "seven",
    "paragraph",
    "third",
    "shall",
    "held",
    "hair",
    "describe",
    "cook",
    "floor",
    "either",
    "result",
    "burn",
    "hill",
    "safe",
    "cat",
    "century",
    "consider",
    "type",
    "law",
    "bit",
    "coast",
    "copy",
]

_SYLLABLES = ["zor", "vek", "quil", "brax", "tund", "plim", "jorv", "skel", "drim", "vusk", "klor", "nept", "frax", "glib", "wemb", "yarn"]
_YAML_SPECIAL = {"yes", "no", "on", "off", "true", "false", "null", "y", "n", "~"}
_PLAIN_RE = re.compile(r"[A-Za-z][A-Za-z0-9_./+-]*\Z")


@dataclass
class Manifest:
    root: str
    notes_dir: str
    n: int
    seed: int
    counts: dict[str, int]  # injected findings per rule (exact)
    expected_zero: list[str]  # rules the corpus is built not to trigger
    fixable_notes: int  # notes with a safe-fixable defect
    one_note: str  # a clean note, relative to root, for the one-file benchmark
    taxonomy_source: str
    taxonomy_sha256: str
    styles: dict[str, int]
    crlf_files: int
    bom_files: int
    total_bytes: int
    generation_seconds: float
    generator_version: int = GENERATOR_VERSION
    defects: dict[str, list[str]] = field(default_factory=dict)  # rule -> note paths (rel. root)
    shape: str = "flat"  # "flat" (title, date, url, tags) or "realistic" (plus bench/realistic.py's fields)

    @property
    def path(self) -> Path:
        return Path(self.root)

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1, sort_keys=True)

    @classmethod
    def load(cls, path: str | Path) -> Manifest:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        return cls(**data)


def _needs_quote(tag: str) -> bool:
    return not _PLAIN_RE.match(tag) or tag.lower() in _YAML_SPECIAL


def _q(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _fmt_tags(tags: list[str], style: str) -> str:
    if style == "comma-string" and (not tags or any(_needs_quote(t) or "," in t for t in tags)):
        style = "flow"
    if style == "flow":
        return "tags: [" + ", ".join(_q(t) if _needs_quote(t) else t for t in tags) + "]\n"
    if style == "flow-quoted":
        return "tags: [" + ", ".join(_q(t) for t in tags) + "]\n"
    if style == "block":
        if not tags:
            return "tags: []\n"
        return "tags:\n" + "".join(f"  - {_q(t) if _needs_quote(t) else t}\n" for t in tags)
    if style == "block-quoted":
        if not tags:
            return "tags: []\n"
        return "tags:\n" + "".join("  - '" + t.replace("'", "''") + "'\n" for t in tags)
    if style == "comma-string":
        return "tags: " + ", ".join(tags) + "\n"
    raise ValueError(style)


class _Gen:
    def __init__(self, tx: taxmod.Taxonomy, rng: random.Random):
        self.tx = tx
        self.rng = rng
        usable = sorted(t for t in tx.tags if t not in tx.deprecated and not (tx.ancestors[t] & tx.deprecated.keys()))
        if not usable:
            raise ValueError("taxonomy has no usable (non-deprecated) tags")
        rng.shuffle(usable)  # Zipf rank order is a seeded permutation
        self.pool = usable
        cum, acc = [], 0.0
        for rank in range(1, len(usable) + 1):
            acc += 1.0 / rank**1.07
            cum.append(acc)
        self.cum = cum
        known = set(tx.canon_by_key) | set(tx.aliases)
        # Alias candidates: (spelling, canonical target).
        self.alias_cands = sorted(
            (a_key_spelling, target)
            for target in usable
            for a_key_spelling in (str(a) for a in (tx.tags[target].get("aliases") or []))
            if tx.key(a_key_spelling) in tx.aliases and tx.aliases[tx.key(a_key_spelling)] == target
        )
        self.case_cands = [t for t in usable if any(c.isalpha() for c in t)] if not tx.case_sensitive else []
        self.dep_cands = sorted(
            t
            for t, rb in tx.deprecated.items()
            if not (tx.ancestors[t] & tx.deprecated.keys()) and (rb is None or (rb in tx.tags and rb not in tx.deprecated))
        )
        self.dep_cands_replaced = [t for t in self.dep_cands if tx.deprecated[t]]
        self.groups = sorted(g for g, ms in tx.exclusive.items() if len(ms & set(usable)) >= 2)
        self.known = known
        # Sentence pool for bodies.
        self.sentences = [self._sentence() for _ in range(3000)]
        self.title_words = [w for w in _WORDS if len(w) > 3]

    # --- tag sets -------------------------------------------------------------------
    def _try_add(self, cur: set[str], tag: str, forbidden: set[str]) -> bool:
        clo = {tag} | self.tx.ancestors[tag]
        if clo & forbidden:
            return False
        for t in clo:
            if t in self.tx.deprecated:
                return False
            for g in self.tx.group_of.get(t, ()):
                if t not in cur and (cur & self.tx.exclusive[g]) - {t}:
                    return False
        cur |= clo
        return True

    def clean_tags(self, cur: set[str] | None = None, forbidden: set[str] | None = None) -> set[str]:
        cur = set() if cur is None else cur
        forbidden = forbidden or set()
        k = self.rng.choices((1, 2, 3, 4, 5), (15, 30, 30, 15, 10))[0]
        tries = 0
        picks = 0
        while picks < k and tries < 4 * k + 4:
            tries += 1
            t = self.rng.choices(self.pool, cum_weights=self.cum)[0]
            if t in cur:
                continue
            if self._try_add(cur, t, forbidden):
                picks += 1
        if not cur:  # guarantee at least one tag
            for t in self.pool:
                if self._try_add(cur, t, forbidden):
                    break
        return cur

    def ordered(self, tags: set[str]) -> list[str]:
        out = sorted(tags)
        self.rng.shuffle(out)
        return out

    def unknown_tag(self) -> str:
        while True:
            s = "".join(self.rng.choice(_SYLLABLES) for _ in range(3))
            if self.rng.random() < 0.3:
                s += f"-{self.rng.randint(2, 99)}"
            if self.tx.key(s) not in self.known:
                return s

    # --- text -----------------------------------------------------------------------
    def _sentence(self) -> str:
        n = self.rng.randint(6, 16)
        words = [self.rng.choice(_WORDS) for _ in range(n)]
        if self.rng.random() < 0.15:
            i = self.rng.randrange(n)
            words[i] = f"[{words[i]}](https://example.com/{words[i]})"
        if n > 9 and self.rng.random() < 0.3:
            words[self.rng.randint(3, n - 4)] += ","
        s = " ".join(words)
        return s[0].upper() + s[1:] + self.rng.choice(".....?!")

    def body(self) -> str:
        target = self.rng.randint(650, 950)
        paras: list[str] = []
        size = 0
        while size < target:
            k = self.rng.randint(2, 4)
            if self.rng.random() < 0.12:
                p = "\n".join("- " + s for s in self.rng.sample(self.sentences, k))
            else:
                p = " ".join(self.rng.sample(self.sentences, k))
            paras.append(p)
            size += len(p) + 2
        return "\n\n".join(paras) + "\n"

    def title(self) -> str:
        words = self.rng.sample(self.title_words, self.rng.randint(2, 6))
        t = " ".join(words).capitalize()
        if self.rng.random() < 0.1:
            t += ": " + self.rng.choice(self.title_words)
        return t


def _note_text(
    title: str | None,
    date: str | None,
    url: str | None,
    tags: list[str] | None,
    style: str,
    body: str,
    extra: tuple[list[str], list[str]] = ([], []),
) -> str:
    fm = ["---\n"]
    if title is not None:
        fm.append(f"title: {_q(title) if ':' in title else title}\n")
    if date is not None:
        fm.append(f"date: {date}\n")
    if url is not None:
        fm.append(f"url: {url}\n")
    fm.extend(extra[0])
    if tags is not None:
        fm.append(_fmt_tags(tags, style))
    fm.extend(extra[1])
    fm.append("---\n\n")
    return "".join(fm) + body


def _plan(n: int, rng: random.Random, gen: _Gen) -> tuple[list[str | None], dict[str, int]]:
    """One defect name (or None) per note index, with exact counts."""
    counts: dict[str, int] = {}
    for rule, rate in DEFECT_RATES.items():
        c = round(rate * n)
        if rule == "alias-tag" and not (gen.alias_cands or gen.case_cands):
            c = 0
        if rule == "deprecated-tag" and not gen.dep_cands:
            c = 0
        if rule == "conflicting-tags" and not gen.groups:
            c = 0
        counts[rule] = c
    plan: list[str | None] = [r for r, c in counts.items() for _ in range(c)]
    plan += [None] * (n - len(plan))
    rng.shuffle(plan)
    return plan, counts


def _bounded(what: str, limit: int = 10_000):
    yield from range(limit)
    raise ValueError(f"taxonomy offers no consistent way to inject {what}")


def _make_note(i: int, defect: str | None, gen: _Gen, rng: random.Random, extra_rng: random.Random | None = None) -> tuple[str, str]:
    """(note text, tag style used); with ``extra_rng``, plus the fields of a realistic corpus."""
    tx = gen.tx
    style = rng.choices(list(STYLE_WEIGHTS), list(STYLE_WEIGHTS.values()))[0]
    title = gen.title()
    y, m, d = rng.randint(2015, 2024), rng.randint(1, 12), rng.randint(1, 28)
    date = f"{y:04d}-{m:02d}-{d:02d}"
    url = f"https://example.com/notes/{i:07d}-" + "-".join(title.lower().split()[:3]).replace(":", "")
    tags: list[str] | None

    if defect == "alias-tag":
        use_case = gen.case_cands and (not gen.alias_cands or rng.random() < 0.5)
        for _attempt in _bounded("alias-tag"):
            if use_case:
                target = rng.choice(gen.case_cands)
                pos = [j for j, c in enumerate(target) if c.isalpha()]
                j = rng.choice(pos)
                spelling = target[:j] + target[j].swapcase() + target[j + 1 :]
            else:
                spelling, target = rng.choice(gen.alias_cands)
            cur: set[str] = set()
            ok = all(gen._try_add(cur, a, {target}) for a in sorted(tx.ancestors[target]))
            if ok and all(not ((cur & tx.exclusive[g]) - {target}) for g in tx.group_of.get(target, ())):
                break
        forbidden = {target} | {m for g in tx.group_of.get(target, ()) for m in tx.exclusive[g]}
        cur = gen.clean_tags(cur, forbidden)
        tags = gen.ordered(cur)
        tags.insert(rng.randint(0, len(tags)), spelling)
    elif defect == "deprecated-tag":
        cands = gen.dep_cands_replaced or gen.dep_cands
        for _attempt in _bounded("deprecated-tag"):
            dep = rng.choice(cands)
            rb = tx.deprecated[dep]
            need = set(tx.ancestors[dep]) | (set(tx.ancestors[rb]) if rb else set())
            cur = set()
            forbidden = {dep} | ({rb} if rb else set())
            if all(gen._try_add(cur, a, forbidden) for a in sorted(need)):
                break
        if rb:
            forbidden |= {m for g in tx.group_of.get(rb, ()) for m in tx.exclusive[g]}
        cur = gen.clean_tags(cur, forbidden)
        tags = gen.ordered(cur)
        tags.insert(rng.randint(0, len(tags)), dep)
    elif defect == "duplicate-tag":
        tags = gen.ordered(gen.clean_tags())
        j = rng.randrange(len(tags))
        tags.insert(rng.randint(j + 1, len(tags)), tags[j])
    elif defect == "conflicting-tags":
        for _attempt in _bounded("conflicting-tags"):
            g = rng.choice(gen.groups)
            members = sorted(m for m in tx.exclusive[g] if m in gen.pool)
            a, b = rng.sample(members, 2)
            cur = set()
            if not gen._try_add(cur, a, set()):
                continue
            # b may not pass _try_add (same group), so check the rest by hand.
            clo_b = {b} | tx.ancestors[b]
            if any(t in tx.deprecated for t in clo_b):
                continue
            new = cur | clo_b
            if any(len(new & ms) > 1 for gg, ms in tx.exclusive.items() if gg != g):
                continue
            if len(new & tx.exclusive[g]) != 2:
                continue
            cur = new
            break
        cur = gen.clean_tags(cur, set())
        tags = gen.ordered(cur)
    elif defect == "unknown-tag":
        tags = gen.ordered(gen.clean_tags())
        tags.insert(rng.randint(0, len(tags)), gen.unknown_tag())
    else:
        tags = gen.ordered(gen.clean_tags())

    fields = {"title": title, "date": date, "url": url, "tags": tags}
    if defect == "missing-field":
        fields[rng.choice(REQUIRED_FIELDS)] = None
    body = gen.body()
    # Drawn from their own stream after everything else: the tags, defects and bodies
    # stay those of the flat corpus with the same seed.
    extra = realistic.extra_lines(extra_rng, gen.title_words, gen.sentences, fields["date"]) if extra_rng else ([], [])
    return _note_text(fields["title"], fields["date"], fields["url"], fields["tags"], style, body, extra), style


def _write_support_files(root: Path, raw_taxonomy: dict, source: str) -> None:
    if source != "builtin-fallback":
        shutil.copyfile(source, root / "taxonomy.yaml")
    else:
        with open(root / "taxonomy.yaml", "w", encoding="utf-8") as fh:
            fh.write("# built-in fallback taxonomy of bench/taxonomy.py\n")
            yaml.safe_dump(raw_taxonomy, fh, sort_keys=False)
    (root / "rules").mkdir(exist_ok=True)
    (root / "rules" / "bench.yaml").write_text("version: 1\nrequired-fields: [title, date, tags, url]\n", encoding="utf-8")
    (root / "taglint.toml").write_text('taxonomy = "taxonomy.yaml"\nrules = "rules"\n', encoding="utf-8")


def generate(
    out_dir: str | Path, n: int, seed: int = 0, taxonomy_path: str | Path = "taxonomy.yaml", progress: bool = False, shape: str = "flat"
) -> Manifest:
    """Write a corpus of ``n`` notes into ``out_dir`` (replacing ``out_dir/notes``).

    ``shape="realistic"`` adds the fields of ``bench/realistic.py`` to every note's
    front matter; tags, defects, bodies and expected findings stay those of the flat corpus.
    """
    if shape not in SHAPES:
        raise ValueError(f"unknown corpus shape {shape!r}; expected one of {', '.join(SHAPES)}")
    t0 = time.perf_counter()
    raw, source = taxmod.load_raw(taxonomy_path)
    tx = taxmod.Taxonomy.from_raw(raw)
    root = Path(out_dir).resolve()
    notes = root / "notes"
    if notes.exists():
        shutil.rmtree(notes)
    notes.mkdir(parents=True)
    manifest_path = root / "manifest.json"
    if manifest_path.exists():
        manifest_path.unlink()
    _write_support_files(root, raw, source)

    rng = random.Random(f"taglint-bench:{seed}")
    gen = _Gen(tx, random.Random(f"taglint-bench-vocab:{seed}"))
    plan, counts = _plan(n, rng, gen)
    styles = dict.fromkeys(STYLE_WEIGHTS, 0)
    defects: dict[str, list[str]] = {r: [] for r in counts}
    crlf = bom = total = 0
    one_note = None
    width = max(5, len(str(n - 1)))
    gen.rng = rng  # one stream from here on
    extra_rng = random.Random(f"taglint-bench-extra:{seed}") if shape == "realistic" else None
    for i in range(n):
        if i % NOTES_PER_DIR == 0:
            d = notes / f"{i // NOTES_PER_DIR:03d}"
            d.mkdir()
            if progress and i and i % 100_000 == 0:
                print(f"  generated {i} notes ({time.perf_counter() - t0:.1f}s)", file=sys.stderr)
        defect = plan[i]
        text, style = _make_note(i, defect, gen, rng, extra_rng)
        styles[style] += 1
        rel = f"notes/{i // NOTES_PER_DIR:03d}/{i:0{width}d}.md"
        if rng.random() < CRLF_RATE:
            text = text.replace("\n", "\r\n")
            crlf += 1
        data = text.encode("utf-8")
        if rng.random() < BOM_RATE:
            data = b"\xef\xbb\xbf" + data
            bom += 1
        with open(d / f"{i:0{width}d}.md", "wb") as fh:
            fh.write(data)
        total += len(data)
        if defect:
            defects[defect].append(rel)
        elif one_note is None and i >= n // 2:
            one_note = rel
    if one_note is None:  # tiny corpora
        one_note = next(f"notes/{i // NOTES_PER_DIR:03d}/{i:0{width}d}.md" for i in range(n) if plan[i] is None)

    m = Manifest(
        root=str(root),
        notes_dir=str(notes),
        n=n,
        seed=seed,
        counts={r: c for r, c in counts.items() if c},
        expected_zero=["missing-parent"] + [r for r, c in counts.items() if not c],
        fixable_notes=sum(counts[r] for r in SAFE_FIXABLE),
        one_note=one_note,
        taxonomy_source=source,
        taxonomy_sha256=taxmod.raw_sha256(raw),
        styles=styles,
        crlf_files=crlf,
        bom_files=bom,
        total_bytes=total,
        generation_seconds=round(time.perf_counter() - t0, 3),
        defects=defects,
        shape=shape,
    )
    tmp = manifest_path.with_suffix(".json.tmp")
    tmp.write_text(m.to_json(), encoding="utf-8")
    os.replace(tmp, manifest_path)  # written last: its presence marks a complete corpus
    return m


def cached(
    n: int,
    seed: int = 0,
    taxonomy_path: str | Path = "taxonomy.yaml",
    base: str | Path | None = None,
    progress: bool = True,
    shape: str = "flat",
) -> Manifest:
    """The corpus under ``bench/out/corpus-<n>-<seed>/`` (``-realistic`` appended for that
    shape), generated unless a complete one for the same taxonomy and generator version is there."""
    base = Path(base) if base else Path(__file__).resolve().parent / "out"
    root = base / (f"corpus-{n}-{seed}" + ("" if shape == "flat" else f"-{shape}"))
    raw, _ = taxmod.load_raw(taxonomy_path)
    mp = root / "manifest.json"
    if mp.is_file():
        try:
            m = Manifest.load(mp)
            if (
                m.taxonomy_sha256 == taxmod.raw_sha256(raw)
                and m.generator_version == GENERATOR_VERSION
                and m.n == n
                and m.seed == seed
                and m.shape == shape
                and Path(m.root) == root.resolve()
            ):
                return m
        except (OSError, ValueError, TypeError):
            pass
    if progress:
        print(f"generating {shape} corpus of {n} notes (seed {seed}) in {root} ...", file=sys.stderr)
    m = generate(root, n, seed, taxonomy_path, progress=progress, shape=shape)
    if progress:
        print(f"  done in {m.generation_seconds:.1f}s, {m.total_bytes / 1e6:.1f} MB", file=sys.stderr)
    return m


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description="generate a taglint benchmark corpus")
    ap.add_argument("out_dir")
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--taxonomy", default="taxonomy.yaml")
    ap.add_argument("--realistic", action="store_true", help="add the fields real collections carry (bench/realistic.py)")
    a = ap.parse_args()
    man = generate(a.out_dir, a.n, a.seed, a.taxonomy, progress=True, shape="realistic" if a.realistic else "flat")
    print(json.dumps({k: v for k, v in asdict(man).items() if k != "defects"}, indent=1))
