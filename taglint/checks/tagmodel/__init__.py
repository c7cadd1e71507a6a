"""The tag model: tags for a note, learned from the collection's own tagged notes.

``taglint suggest`` builds it (``taglint.tools.suggest``) and stores it in the
result cache directory; the rules ``missing-field`` (for ``tags``) and
``under-tagged`` read it to name the likely tags in their message. The reading
side lives here, in the rules' layer, because rules may not import ``tools``
(the same reason the did-you-mean index sits in ``checks.didyoumean``).

Everything here needs numpy (the ``taglint[suggest]`` extra) and is imported
only when a stored model exists: a plain ``taglint check`` never loads it.

Modules: ``text`` (what a note says, as plain strings), ``vectors`` (hashed
character and word n-grams), ``boost`` (the stored tree ensemble), ``stored``
(the model file), ``score`` (the features of a (note, tag) pair and the
ranking), ``choose`` (the taxonomy's rules: canonical tags, parents, exclusive
groups).
"""
