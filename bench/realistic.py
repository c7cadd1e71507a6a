"""The front-matter fields real collections carry besides title, date, url and tags.

Jekyll themes put an ``image:`` mapping (often anchored and reused as a header
overlay) and an ``excerpt`` block scalar in every post; Hugo posts carry author
mappings; Obsidian notes carry ``aliases``, ``cssclasses`` and datetimes with
a timezone. :func:`extra_lines` draws such fields for one note from its own
random stream, so a realistic corpus has the same tags, defects and expected
findings as the flat corpus of the same seed: only these lines are added, and
none of them is a tag field, a required field or a suppression.
"""

from __future__ import annotations

import random

# Invented names, so no real person is listed as an author of generated text.
_FIRST = [
    "Ada",
    "Brem",
    "Cato",
    "Dara",
    "Eli",
    "Faye",
    "Gus",
    "Hana",
    "Ivo",
    "Jana",
    "Kai",
    "Lena",
    "Milo",
    "Nora",
    "Otto",
    "Pia",
    "Rune",
    "Sami",
    "Tova",
    "Uri",
]
_LAST = [
    "Achterberg",
    "Brandt",
    "Calloway",
    "Dunmore",
    "Esterhazy",
    "Fairweather",
    "Gallo",
    "Hartmann",
    "Ishikawa",
    "Jovanovic",
    "Kowalski",
    "Lindqvist",
]
_PLACES = ("Institute of Applied Reading", "North Harbour University", "Lab for Quiet Systems", "Eastfield College", "Open Notes Group")
_CSS = ("wide-page", "cards", "no-title", "academic", "dashboard", "cornell")


def _words(rng: random.Random, pool: list[str], low: int, high: int) -> str:
    return " ".join(rng.sample(pool, rng.randint(low, high)))


def _name(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def _datetime(rng: random.Random, date: str) -> str:
    clock = f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
    zone = rng.choice(("Z", "+02:00", "-05:00", "+09:00", "+05:30"))
    return f"{date}T{clock}{zone}" if rng.random() < 0.7 else f"{date} {clock} {zone if zone != 'Z' else '+00:00'}"


def _image(rng: random.Random, pool: list[str], date: str) -> list[str]:
    slug = "-".join(rng.sample(pool, 2))
    caption = _words(rng, pool, 2, 6).capitalize()
    if rng.random() < 0.3:
        caption = f'"{caption}: {rng.choice(pool)}"'
    lines = [
        "image: &cover\n",
        f"  path: /assets/img/{date[:4]}/{slug}.jpg\n",
        f"  caption: {caption}\n",
        f"  size: {{width: {rng.choice((800, 1200, 1600))}, height: {rng.choice((400, 630, 900))}}}\n",
    ]
    if rng.random() < 0.5:
        lines.append("overlay_image: *cover\n")
    else:
        lines += ["header:\n", "  overlay_image: *cover\n", f"  overlay_filter: {rng.choice(('0.3', '0.5', 'rgba(0, 0, 0, 0.4)'))}\n"]
    return lines


def _authors(rng: random.Random) -> list[str]:
    people = [(_name(rng), rng.choice(_PLACES)) for _ in range(rng.randint(1, 3))]
    if rng.random() < 0.5:
        return ["authors: [" + ", ".join(f"{{name: {n}, affiliation: {a}}}" for n, a in people) + "]\n"]
    lines = ["authors:\n"]
    for n, a in people:
        lines += [f"  - name: {n}\n", f"    affiliation: {a}\n"]
    return lines


def _excerpt(rng: random.Random, sentences: list[str]) -> list[str]:
    text = " ".join(rng.sample(sentences, 2)).split()
    count = rng.randint(2, 6)
    width = max(1, len(text) // count)
    rows = [" ".join(text[i * width : (i + 1) * width if i < count - 1 else len(text)]) for i in range(count)]
    return ["excerpt: >-\n"] + [f"  {row}\n" for row in rows if row]


def _listed(rng: random.Random, key: str, items: list[str]) -> list[str]:
    if rng.random() < 0.5:
        return [f"{key}: [" + ", ".join(items) + "]\n"]
    return [f"{key}:\n"] + [f"  - {item}\n" for item in items]


def extra_lines(rng: random.Random, pool: list[str], sentences: list[str], date: str | None) -> tuple[list[str], list[str]]:
    """Lines to add before the tags and after them, drawn from ``rng``."""
    day = date or "2020-01-01"
    before: list[str] = []
    after: list[str] = []
    if rng.random() < 0.4:
        before.append(rng.choice(("# imported from the reading list\n", "# layout: see _config.yml\n", "# TODO: check the affiliation\n")))
    if rng.random() < 0.7:
        before.append(f"updated: {_datetime(rng, day)}\n")
    if rng.random() < 0.6:
        before.append(f"draft: {rng.choice(('false', 'true', 'false'))}\n")
    if rng.random() < 0.7:
        before += _image(rng, pool, day)
    if rng.random() < 0.6:
        before += _authors(rng)
    if rng.random() < 0.7:
        before += _excerpt(rng, sentences)
    if rng.random() < 0.5:
        after += _listed(rng, "aliases", [_words(rng, pool, 1, 3).capitalize() for _ in range(rng.randint(1, 3))])
    if rng.random() < 0.35:
        after += _listed(rng, "cssclasses", rng.sample(_CSS, rng.randint(1, 2)))
    if rng.random() < 0.5:
        after.append(f"rating: {rng.choice(('1', '2', '3', '4', '5', '3.5', '4.5'))}\n")
    if rng.random() < 0.3:
        after.append("# end of the generated fields\n")
    return before, after
