"""``taglint init`` and the check without a taxonomy: which written spellings are one tag.

The pipeline, one module per step:

* ``spelling``: how two spellings relate as strings (case, plural, curated short
  forms in ``shortforms``, framework suffixes, misspellings, truncations,
  acronyms, shared stems); ``pairs``: which pairs are worth comparing;
* ``context``: how the notes use them (shared notes, neighbour similarity,
  succession in time by note date);
* ``decide``: the verdict for a pair (alias, uncertain candidate, or nothing);
* ``groups``: groups of spellings and each group's canonical spelling;
* ``render``: the starting ``taxonomy.yaml`` with the evidence in comments.

Precision comes first: an alias becomes a safe fix, so spelling alone makes an
alias only for the strongest kinds; every other link needs the notes to agree.
"""

from __future__ import annotations

from taglint.tools.infer.groups import Group, Inference, Member, infer
from taglint.tools.infer.render import render

__all__ = ["Group", "Inference", "Member", "infer", "render"]
