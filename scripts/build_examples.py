#!/usr/bin/env python3
"""Build ``examples/paper-notes/`` from the seed dumps of a real note collection.

Usage::

    python scripts/build_examples.py [--seeds DIR] [--out DIR] [--no-check] [--report]

The seeds (read-only, not part of this repo) are dumps of a collection of
Japanese ML paper notes (AkihikoWatanabe/paper_notes).  Seeds are located, in
order, via ``--seeds``, ``<repo>/../shared/seeds`` and the env var
``TAGLINT_SEEDS``.  The script is deterministic and uses the standard library
only; the optional self-check additionally loads every generated front matter
with PyYAML (skipped with a notice if PyYAML is not installed).

What is taken from the seeds (facts only): title, issue date, link, tags.
No summary / comment prose from the seeds is ever written to the repo; every
note body is one generated neutral English line.

Seed formats and the decisions taken (see also the per-parser comments):

* Rendered Jekyll tag pages (``000_*``, ``002_*``): a run of
  ``<a class="button" ...>#TAG</a>`` buttons, the issue date, then the issue
  link + title.  Such a page lists the notes carrying the page's own tag
  (``## MachineLearning``, ``## Efficiency/SpeedUp``), and the data shows the
  page tag is never rendered among a note's buttons on its own page (0 of 85
  and 0 of 27 notes), while the same issue shown on the *other* page does
  show it (e.g. #1045 carries ``Efficiency/SpeedUp`` on the MachineLearning
  page and ``MachineLearning`` on the Efficiency/SpeedUp page).  So the page
  tag IS one of the note's tags: it is prepended (the position inside the
  list is not recoverable; first is a deterministic choice).

* Text dump (``001_*``): the dump of the same MachineLearning page from a
  later export.  Its first line is the page tag, which likewise never occurs
  among the note tags (0 of 265), so it is prepended too.  Each note is
  ``TITLE`` / ``Paper/Blog Link My Issue`` / ``#Tag #Tag ... Issue Date:
  YYYY-MM-DD ...``.  Tag names may contain spaces (``#Selected Papers/Blogs``),
  so tags are split on `` #`` and the list ends at `` Issue Date:``.
  The "Paper/Blog Link" and "My Issue" anchors lost their hrefs in the dump:
  the file contains no issue number and no issue link at all.  The issue
  number is recovered by cross-reference: a dump note whose issue date and
  normalised title (``[Paper Note]`` prefix and trailing author / venue
  segments dropped, NFKC, lower-cased, only word characters, first 40) equal
  those of a note on a Jekyll page gets that page note's issue number and
  link: 84 of 265 match, no key is ambiguous.  2 more are matched by hand
  (``_MANUAL_ISSUES``: titles edited between exports, same date, tags agree).
  The other 179 notes have no recoverable issue number: they get a derived
  stable id ``x`` + the first 8 hex digits of sha1("dump|DATE|TITLE"), and no
  ``url`` key (the link is not in the seed; none is invented).

* Untagged articles (``003_*``, ``004_*``) become notes WITHOUT a ``tags``
  key (real cases for the missing-field rule):
  - ``004_*`` is an "arXiv trend: <Month D, YYYY>" digest: one note for the
    digest itself (title as is, date parsed from the title, no url), plus one
    note per paper it cites (``TITLE`` line followed by ``AUTHORS , DATE ,
    URL``): title, the arXiv date and the arXiv link; papers cited twice are
    kept once (first occurrence).
  - ``003_*`` is one page of a Japanese web-article search result: after the
    header line the paragraphs come in (headline, teaser/body) pairs, up to
    the advertising footer.  Each headline becomes a note title (surrounding
    「」 stripped); the titles are only Japanese, which is a fact kept as is.
    No date or link is recoverable.
  These ids are derived too: ``x`` + sha1 of ("digest|TITLE" / "arxiv|URL
  without version" / "search|TITLE")[:8].

* Deduplication: by issue number (derived id for the others), in seed order
  (files sorted by name, then position in the file).  Tags are NOT merged:
  the first occurrence wins.  Occurrences of the same issue disagree often
  (run with ``--report`` for the list): 63 of the 85 pairs between the 2023
  MachineLearning page (000) and the dump (001) have different tag lists (70
  have different titles), and the single dump/Efficiency-page pair (#900)
  differs as well, because the dump (001) is a later export in which the
  collection had renamed tags (Finetuning -> Supervised-FineTuning (SFT),
  Neural -> NeuralNetwork, Efficiency/SpeedUp -> EfficiencyImprovement, CoT ->
  Chain-of-Thought, ...) and added venue / curation tags; the 10 issues on
  both Jekyll pages differ only by the page tag (which the first occurrence
  then already carries after the prepend).  Titles of the same issue differ
  too (``arXiv23`` vs ``ICLR'24``); the first occurrence's title is kept.
  Since 000 sorts first, notes on the 2023 MachineLearning page keep the
  older tag vocabulary, which is exactly what the taxonomy's aliases and
  deprecations are for.
"""

import argparse
import hashlib
import html
import os
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO_ROOT / "examples" / "paper-notes"


@dataclass
class SeedNote:
    issue: int | None  # GitHub issue number, None when not recoverable
    title: str
    date: str | None  # YYYY-MM-DD (issue date), None when unknown
    url: str | None  # the note's link, None when unknown
    tags: list[str] | None  # exactly as in the seed; None = untagged article
    note_id: str = ""  # str(issue) or a derived "x1234abcd" id
    source: str = ""  # seed file name of the first occurrence
    page_tag: str | None = None  # page topic tag that was prepended, if any
    others: list["SeedNote"] = field(default_factory=list, repr=False)


# --------------------------------------------------------------------------
# locating seeds
# --------------------------------------------------------------------------


def default_seed_dir() -> Path | None:
    """``<repo>/../shared/seeds`` if it exists, else env ``TAGLINT_SEEDS``."""
    cand = REPO_ROOT.parent / "shared" / "seeds"
    if cand.is_dir():
        return cand
    env = os.environ.get("TAGLINT_SEEDS")
    if env and Path(env).is_dir():
        return Path(env)
    return None


# --------------------------------------------------------------------------
# parsers
# --------------------------------------------------------------------------

_BUTTON_RUN = re.compile(
    r'((?:<a class="button" href="[^"]*">[^<]*</a>)+)<br>'
    r'<span class="issue_date">Issue Date: (\d{4}-\d{2}-\d{2})</span>\s*'
    r'<a href="(https://github\.com/[^"]+/issues/(\d+))">(.*?)</a>',
    re.S,
)
_BUTTON = re.compile(r'<a class="button" href="[^"]*">#([^<]*)</a>')


def _derived_id(key: str) -> str:
    return "x" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]


def _parse_jekyll_page(text: str, source: str) -> list[SeedNote]:
    m = re.search(r"^## (.+?)\s*$", text, re.M)
    page_tag = html.unescape(m.group(1)) if m else None
    notes = []
    for m in _BUTTON_RUN.finditer(text):
        tags = [html.unescape(t) for t in _BUTTON.findall(m.group(1))]
        if page_tag and page_tag not in tags:
            tags.insert(0, page_tag)
        issue = int(m.group(4))
        notes.append(
            SeedNote(
                issue=issue,
                title=html.unescape(m.group(5)).strip(),
                date=m.group(2),
                url=m.group(3),
                tags=tags,
                note_id=str(issue),
                source=source,
                page_tag=page_tag,
            )
        )
    return notes


_DUMP_TAGLINE = re.compile(r"^(#.*?)\s*Issue Date: (\d{4}-\d{2}-\d{2})")


def _split_dump_tags(tagpart: str) -> list[str]:
    # "#A #B c #D" -> ["A", "B c", "D"]: tags may contain spaces, so split on " #".
    assert tagpart.startswith("#"), tagpart
    return [t for t in tagpart[1:].split(" #") if t != ""]


def _parse_text_dump(text: str, source: str) -> list[SeedNote]:
    lines = text.split("\n")
    page_tag = lines[0].strip() or None
    notes = []
    for i, line in enumerate(lines):
        if line.strip() != "Paper/Blog Link My Issue":
            continue
        m = _DUMP_TAGLINE.match(lines[i + 1])
        if not m:
            raise ValueError(f"{source}:{i + 2}: unexpected tag line")
        title = lines[i - 1].strip()
        tags = _split_dump_tags(m.group(1).strip())
        if page_tag and page_tag not in tags:
            tags.insert(0, page_tag)
        notes.append(
            SeedNote(
                issue=None,
                title=title,
                date=m.group(2),
                url=None,
                tags=tags,
                note_id=_derived_id(f"dump|{m.group(2)}|{title}"),
                source=source,
                page_tag=page_tag,
            )
        )
    return notes


_MONTHS = {
    m: i
    for i, m in enumerate(
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"], 1
    )
}
_DIGEST_ENTRY = re.compile(r"^(.+?) , (\d{4}-\d{2}-\d{2}) , (https?://\S+)\s*$")


def _parse_digest(text: str, source: str) -> list[SeedNote]:
    lines = [line.strip() for line in text.split("\n")]
    notes = []
    for line in lines:
        m = re.match(r"^arXiv trend: ([A-Za-z]+) (\d{1,2}), (\d{4})$", line)
        if m:
            date = None
            mon = _MONTHS.get(m.group(1).lower())
            if mon:
                date = f"{int(m.group(3)):04d}-{mon:02d}-{int(m.group(2)):02d}"
            notes.append(
                SeedNote(issue=None, title=line, date=date, url=None, tags=None, note_id=_derived_id(f"digest|{line}"), source=source)
            )
            break
    for i, line in enumerate(lines):
        m = _DIGEST_ENTRY.match(line)
        if not m:
            continue
        j = i - 1
        while j >= 0 and not lines[j]:
            j -= 1
        title = lines[j]
        url = m.group(3)
        key = re.sub(r"v\d+$", "", url)
        notes.append(
            SeedNote(issue=None, title=title, date=m.group(2), url=url, tags=None, note_id=_derived_id(f"arxiv|{key}"), source=source)
        )
    return notes


def _parse_search_results(text: str, source: str) -> list[SeedNote]:
    paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    body = paras[1:]  # drop the "Learn more about Search Results" header
    for k, p in enumerate(body):  # footer: advertising block
        if p.startswith("Find the right ") or p == "Advertising with us":
            body = body[:k]
            break
    notes = []
    for headline in body[0::2]:  # (headline, teaser/body) pairs
        title = headline
        if title.startswith("「") and title.endswith("」"):
            title = title[1:-1]
        notes.append(
            SeedNote(issue=None, title=title, date=None, url=None, tags=None, note_id=_derived_id(f"search|{title}"), source=source)
        )
    return notes


def _parse_file(path: Path) -> list[SeedNote]:
    text = path.read_text(encoding="utf-8")
    if 'class="button"' in text and "issue_date" in text:
        return _parse_jekyll_page(text, path.name)
    if "Paper/Blog Link My Issue" in text:
        return _parse_text_dump(text, path.name)
    if re.search(r"^arXiv trend: ", text, re.M):
        return _parse_digest(text, path.name)
    if text.startswith("Learn more about Search Results"):
        return _parse_search_results(text, path.name)
    raise ValueError(f"{path}: unrecognised seed format")


_VENUE_IN_TITLE = re.compile(r"^([A-Za-z][A-Za-z]*)'?(\d{2})(?:\s+(Workshop))?$")


def paper_name(title: str) -> str:
    """Title without the "[Paper Note]" prefix and the trailing author / venue / year
    segments ("X, Weijia Shi+, N_A, arXiv23" -> "X")."""
    t = re.sub(r"^\[Paper Note\]\s*", "", title).strip()
    parts = t.split(", ")
    k = 1
    while (
        k < len(parts)
        and not re.search(r"\+$|^N_A$|^\d{4}(\.\d{2})?$|^\[", parts[k].strip())
        and not _VENUE_IN_TITLE.match(parts[k].strip())
    ):
        k += 1
    return ", ".join(parts[:k]).strip()


def _title_key(title: str) -> str:
    # NFKC: the Jekyll pages partly use decomposed kana (e.g. #410), the dump composed ones
    t = unicodedata.normalize("NFKC", paper_name(title)).lower()
    return re.sub(r"[\W_]", "", t)[:40]


# Dump notes whose title was edited between the exports, so the title key cannot
# match; each is the only Jekyll-page note with that issue date and its tags agree
# modulo the tag renames (Neural -> NeuralNetwork).  Keyed by (date, title prefix).
_MANUAL_ISSUES = {
    # page: "Pytorchによるtransformer実装チュートリアル" = harvardnlp's Annotated Transformer
    ("2018-06-29", "The Annotated Transformer, harvardnlp"): 274,
    # page: "Curriculum Learning" (Article, Tutorial); dump adds the talk's venue/speaker
    ("2018-02-12", "Curriculum Learning(関東CV勉強会)"): 256,
}


def parse_seeds(seed_dir) -> list[SeedNote]:
    """Parse all seed files, recover issue numbers, deduplicate (first wins)."""
    seed_dir = Path(seed_dir)
    files = sorted(p for p in seed_dir.iterdir() if p.is_file() and p.suffix == ".txt")
    if not files:
        raise FileNotFoundError(f"no seed files in {seed_dir}")
    per_file = [_parse_file(p) for p in files]
    # Cross-reference dump notes to issue numbers via (date, title key).
    index: dict[tuple[str | None, str], set[int]] = {}
    for notes in per_file:
        for n in notes:
            if n.issue is not None:
                index.setdefault((n.date, _title_key(n.title)), set()).add(n.issue)
    for notes in per_file:
        for n in notes:
            if n.issue is None and n.tags is not None:
                hits = index.get((n.date, _title_key(n.title)), set())
                for (d, prefix), issue in _MANUAL_ISSUES.items():
                    if n.date == d and n.title.startswith(prefix):
                        hits = {issue}
                if len(hits) == 1:
                    n.issue = next(iter(hits))
                    n.note_id = str(n.issue)
    urls = {n.issue: n.url for notes in per_file for n in notes if n.url and n.issue}
    out: dict[str, SeedNote] = {}
    for notes in per_file:
        for n in notes:
            if n.issue is not None and n.url is None:
                n.url = urls.get(n.issue)
            first = out.get(n.note_id)
            if first is None:
                out[n.note_id] = n
            else:
                first.others.append(n)
    return list(out.values())


def all_seed_tags(seed_dir) -> set[str]:
    """Every distinct tag of every seed occurrence (not only first occurrences)."""
    tags: set[str] = set()
    for n in parse_seeds(seed_dir):
        for occ in [n, *n.others]:
            tags.update(occ.tags or ())
    return tags


# --------------------------------------------------------------------------
# YAML emission (stdlib only; verified with PyYAML in the self-check)
# --------------------------------------------------------------------------

_YAML11_SPECIAL = re.compile(
    r"^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO"
    r"|on|On|ON|off|Off|OFF|[-+]?(?:\.inf|\.Inf|\.INF)|\.nan|\.NaN|\.NAN"
    r"|[-+]?[0-9][0-9_,.:eE+\-]*|0x[0-9a-fA-F_]+|0o?[0-7_]+|\d{4}-\d\d?-\d\d?.*|<<|=)$"
)


def _needs_quotes(s: str, flow: bool) -> bool:
    if s == "" or s != s.strip() or _YAML11_SPECIAL.match(s):
        return True
    if s[0] in "-?:,[]{}#&*!|>'\"%@`":
        return True
    if ": " in s or " #" in s or s.endswith(":") or "\t" in s:
        return True
    if any(ord(c) < 32 or c in "\x7f\ufeff\u2028\u2029\x85" for c in s):
        return True
    return bool(flow and any(c in s for c in ",[]{}"))


def _dq(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _sq(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def _scalar(s: str, flow: bool = False, force: str | None = None) -> str:
    if force == "single":
        return _sq(s)
    if force == "double" or _needs_quotes(s, flow):
        # prefer single quotes when the text has double quotes or backslashes
        return _sq(s) if ('"' in s or "\\" in s) and force != "double" else _dq(s)
    return s


def _bucket(note_id: str, salt: str, n: int) -> int:
    return int(hashlib.sha1(f"{salt}|{note_id}".encode()).hexdigest(), 16) % n


def _tags_yaml(tags: list[str], note_id: str) -> list[str]:
    b = _bucket(note_id, "tags", 100)
    if b < 52:  # flow list, quoting only where required
        return ["tags: [" + ", ".join(_scalar(t, flow=True) for t in tags) + "]"]
    if b < 80:  # block list
        return ["tags:"] + [f"  - {_scalar(t)}" for t in tags]
    if b < 86:  # flow list, every item double-quoted
        return ["tags: [" + ", ".join(_dq(t) for t in tags) + "]"]
    if b < 91:  # block list, every item single-quoted
        return ["tags:"] + [f"  - {_sq(t)}" for t in tags]
    if not any("," in t for t in tags):  # comma-separated string
        return ["tags: " + _scalar(", ".join(tags))]
    return ["tags: [" + ", ".join(_scalar(t, flow=True) for t in tags) + "]"]


_JAPANESE = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")


def body_line(n: SeedNote) -> str:
    t = re.sub(r"^\[Paper Note\]\s*", "", n.title).strip()
    parts = t.split(", ")
    name = paper_name(n.title)
    if n.tags is None:
        if _JAPANESE.search(t):
            return "Untagged inbox entry for a Japanese-language web article (no date or link recorded)."
        if n.url:
            return f'Untagged inbox entry for the arXiv paper "{t}" ({n.date}).'
        return f'Untagged inbox entry for the digest "{t}".'
    if "Article" in n.tags:
        name = t
    if _JAPANESE.search(name):
        # keep the body line English: do not even quote a Japanese title here
        kind = "blog post / resource" if n.tags and "Article" in n.tags else "paper"
        return f"Notes on a Japanese-language {kind} (see the title)."
    where = None
    for p in parts[1:]:
        m = _VENUE_IN_TITLE.match(p.strip())
        if m:
            yy = int(m.group(2))
            year = 1900 + yy if yy >= 70 else 2000 + yy
            where = f"{m.group(1)} {year}" + (" workshop" if m.group(3) else "")
            break
    kind = "blog post / resource" if "Article" in n.tags else "paper"
    suffix = f" ({where})" if where else ""
    return f'Notes on the {kind} "{name}"{suffix}.'


def render(n: SeedNote) -> str:
    fields: dict[str, str] = {}
    tq = _bucket(n.note_id, "title", 10)
    force = "double" if tq == 0 else "single" if tq == 1 else None
    fields["title"] = "title: " + _scalar(n.title, force=force)
    if n.date:
        dq = _bucket(n.note_id, "date", 10)
        d = _dq(n.date) if dq == 0 else _sq(n.date) if dq == 1 else n.date
        fields["date"] = "date: " + d
    if n.url:
        fields["url"] = "url: " + _scalar(n.url)
    order = ["title", "date", "url", "tags"]
    o = _bucket(n.note_id, "order", 20)
    if o == 0:
        order = ["title", "tags", "date", "url"]
    elif o == 1:
        order = ["date", "title", "url", "tags"]
    elif o == 2:
        order = ["title", "url", "date", "tags"]
    out = ["---"]
    for k in order:
        if k == "tags":
            if n.tags is not None:
                out.extend(_tags_yaml(n.tags, n.note_id))
        elif k in fields:
            out.append(fields[k])
    out.append("---")
    out.append("")
    out.append(body_line(n))
    return "\n".join(out) + "\n"


def slug(title: str, words: int = 3) -> str:
    t = re.sub(r"^\[Paper Note\]\s*", "", title)
    # accents are dropped (é -> e); any other non-ASCII character separates words
    t = "".join("" if unicodedata.combining(c) else c if ord(c) < 128 else " " for c in unicodedata.normalize("NFKD", t))
    ws = re.findall(r"[a-z0-9]+", t.lower())[:words]
    return "-".join(ws) or "note"


def filename(n: SeedNote) -> str:
    return f"{n.note_id}-{slug(n.title)}.md"


def build(seed_dir: Path, out_dir: Path) -> list[tuple[SeedNote, Path]]:
    notes = parse_seeds(seed_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    names = set()
    for n in notes:
        name = filename(n)
        assert name not in names, name
        names.add(name)
        p = out_dir / name
        p.write_text(render(n), encoding="utf-8", newline="\n")
        written.append((n, p))
    for stale in sorted(out_dir.glob("*.md")):
        if stale.name not in names:
            stale.unlink()
    return written


# --------------------------------------------------------------------------
# self-check and report
# --------------------------------------------------------------------------


def read_front_matter(text: str) -> str:
    assert text.startswith("---\n")
    end = text.index("\n---\n", 4)
    return text[4 : end + 1]


def self_check(written: list[tuple[SeedNote, Path]]) -> None:
    try:
        import yaml  # type: ignore
    except ImportError:
        print("self-check skipped: PyYAML is not installed", file=sys.stderr)
        return
    for n, p in written:
        data = yaml.safe_load(read_front_matter(p.read_text(encoding="utf-8")))
        assert isinstance(data, dict), p
        assert data["title"] == n.title, (p, data["title"])
        if n.date:
            assert str(data["date"]) == n.date, p
        else:
            assert "date" not in data, p
        assert data.get("url") == n.url, p
        if n.tags is None:
            assert "tags" not in data, p
        else:
            got = data["tags"]
            if isinstance(got, str):
                got = [t.strip() for t in got.split(",")]
            assert got == n.tags, (p, got, n.tags)
    print(f"self-check ok: {len(written)} front matters load with PyYAML and match their seed notes", file=sys.stderr)


def report(notes: list[SeedNote]) -> None:
    for n in notes:
        for o in n.others:
            if o.tags != n.tags or o.title != n.title:
                print(f"{n.note_id} [{n.source} vs {o.source}]\n  kept: {n.tags}\n  other: {o.tags}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", type=Path, default=None, help="seed directory (default: <repo>/../shared/seeds, then $TAGLINT_SEEDS)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory (default: examples/paper-notes)")
    ap.add_argument("--no-check", action="store_true", help="skip the PyYAML self-check")
    ap.add_argument("--report", action="store_true", help="print occurrences of the same note that disagree")
    args = ap.parse_args(argv)
    seeds = args.seeds or default_seed_dir()
    if seeds is None or not Path(seeds).is_dir():
        print("seed directory not found (use --seeds or TAGLINT_SEEDS)", file=sys.stderr)
        return 2
    written = build(Path(seeds), args.out)
    notes = [n for n, _ in written]
    tagged = sum(n.tags is not None for n in notes)
    with_issue = sum(n.issue is not None for n in notes)
    print(
        f"wrote {len(written)} notes to {args.out} ({tagged} tagged, "
        f"{with_issue} with an issue number, {len(all_seed_tags(seeds))} distinct seed tags)",
        file=sys.stderr,
    )
    if args.report:
        report(notes)
    if not args.no_check:
        self_check(written)
    return 0


if __name__ == "__main__":
    sys.exit(main())
