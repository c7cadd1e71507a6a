"""Finding identities for the formats that track findings across runs (SARIF, GitLab Code Quality)."""

from __future__ import annotations

import hashlib
from collections import Counter

from taglint.model import Diagnostic


class Fingerprints:
    """One stable id per finding of a run: same file, rule and message give the same id next run.

    Line numbers are left out on purpose: a finding that moves keeps its
    identity; an ordinal tells apart equal findings in one file.
    """

    def __init__(self) -> None:
        self.seen: Counter[str] = Counter()

    def of(self, where: str, d: Diagnostic) -> str:
        key = f"{where}\0{d.code}\0{d.message}"
        self.seen[key] += 1
        # surrogateescape: a name that is not UTF-8 still has bytes to hash.
        return hashlib.sha256(f"{key}\0{self.seen[key]}".encode("utf-8", "surrogateescape")).hexdigest()[:32]
