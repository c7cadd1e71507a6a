"""Rewriting notes: edits, the fix loop, and the one rewrite pipeline every rewriting command goes through.

``edits`` applies span edits (the one place); ``note`` is the fix loop on one
parsed note; ``verify`` is the rule a rewritten note must pass (only tags
changed, plus what a command's ``Allowance`` names); ``pipeline`` runs files
through read → transform → verify → write (``outcome`` holds its records).
The transforms: ``files`` (``taglint fix``), ``suppress`` (``check
--add-ignore``), ``retag`` (``rename``/``remove``; their taxonomy side is
``tools.rename_tag``).

May import ``lint`` and everything below it; never ``tools``, ``api`` or ``cli``.
"""
