"""The language server (``taglint server``): taglint in the editor, on pygls and lsprotocol.

``app`` holds the server and its handlers; each capability has its module:
``diagnostics`` (findings as LSP diagnostics, and when to send them),
``actions`` (fixes as code actions), ``completion``, ``hover``, ``rename``;
``positions`` converts taglint offsets to LSP positions and back,
``textedits`` turns span edits and before/after texts into LSP edits,
``state`` keeps the projects the open notes belong to.

At the CLI's level of the layers: may import ``taglint.api`` and the records
of ``taglint.model``, nothing else of taglint; nothing imports it but the
``server`` command, lazily. Needs the ``lsp`` extra (pygls, lsprotocol).
"""
