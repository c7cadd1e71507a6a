"""What two spellings of one tag share: the key taxonomies, duplicate checks and renames compare.

Split out of ``taxonomy`` so the folding rules stand in one place: NFC always,
lower case unless the taxonomy is case-sensitive, and in the hugo dialect the
key Hugo files a term under (``parse.dialects.hugo_term_key``).
"""

from __future__ import annotations

import unicodedata


def name_key(name: str, case_sensitive: bool) -> str:
    """What two spellings of one tag share: the same NFC text, and, unless case-sensitive, the same lowercase.

    NFC first, always: ``Cafe\u0301`` (NFD, as macOS file names and some editors
    write it) and ``Café`` are one word written two ways. ``str.lower`` rather
    than ``casefold``: casefold maps ``ß`` to ``ss``, and ``Maße`` (measures)
    and ``Masse`` (mass) are different words, so a case-insensitive taxonomy
    must not merge them.
    """
    text = name if name.isascii() else unicodedata.normalize("NFC", name)
    return text if case_sensitive else text.lower()


def folded_key(name: str, case_sensitive: bool, fold: str) -> str:
    """``name_key``, or with ``fold == "hugo"`` the key Hugo files a taxonomy term under."""
    if fold == "hugo":
        from taglint.parse.dialects import hugo_term_key

        return hugo_term_key(unicodedata.normalize("NFC", name))
    return name_key(name, case_sensitive)
