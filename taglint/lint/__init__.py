"""Checking notes: the setup of a run, the per-note check, and the worker processes of large runs.

``setup`` loads (or takes from the cache) config, taxonomy and rule sets and
decides each rule's severity; ``check`` runs every enabled rule on one note
and applies suppressions and per-file ignores; ``clean_proof`` accepts clean
notes quickly (the pre-commit plan comes from it, stored by ``precommit``;
``quick_names`` reads the tag names it needs, in every dialect);
``conventions`` counts what a collection's notes agree on (how an Obsidian
vault writes front-matter tags);
``runner`` streams a walk through the pool in ``workers``, with the result
cache; ``tagmodel`` loads a stored ``taglint suggest`` model for the rules
that quote it.

May import report, checks, cache, project, parse, files, model.
"""
