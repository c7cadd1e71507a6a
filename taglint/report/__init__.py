"""What taglint prints and writes: the report formats (one registry), totals, and escaping.

``formats`` (the registry and the ``Reporter`` that streams or collects),
``output`` (text and JSON findings, totals, the summary), ``github``,
``gitlab``, ``sarif``, ``junit`` (one module per format), ``escape``
(control characters and workflow commands made visible: every printer uses
it), ``destination`` (``-o`` written atomically, never through a symlink),
``fingerprint`` (stable finding fingerprints), ``words`` (counts in words).

May import checks, cache, project, parse, files, model.
"""
