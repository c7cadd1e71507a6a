"""The command line: click commands that parse options, call the library (``taglint.api``) and print.

``fast`` is the console entry point: the pre-commit path that proves a few
named notes clean without importing click or the linter, handing anything
else to ``main`` (the full click group). ``app`` holds the group and the shared
options (gathered into ``api.Options`` and ``ReportOptions``), ``exits`` the exit codes;
``lint_cmds`` check/fix/rule(s), ``retag_cmds`` rename/remove/split,
``tool_cmds`` tags/tree/graph, ``taxonomy_cmds`` init and taxonomy check,
``suggest_cmd``, ``live_cmds`` the language server and ``--watch``;
``progress`` the progress bar of long runs.

The top layer: may import every package below (through ``taglint.api`` where it can).
"""
