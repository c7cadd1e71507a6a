"""The taxonomy workflows built on the linter: init, suggest, tags/tree/graph, rename, and per-text helpers.

``infer/`` (``taglint init``: variant spellings from evidence), ``suggest/``
(``taglint suggest``: tags learned from the collection; numpy/scipy extra),
``usage`` (which notes use which tags), ``stats`` (``taglint tags``),
``graph`` (``tree`` and ``graph``), ``rename_tag`` (rename/remove/split:
taxonomy edit plus the rewrite of the notes), ``taxonomy_edit`` /
``taxonomy_doc`` (round-trip edits of taxonomy.yaml with ruamel.yaml),
``buffer`` (check, fix and rename one unsaved text: the language server's library).

May import rewrite, lint, report, checks, cache, project, parse, files, model.
"""
