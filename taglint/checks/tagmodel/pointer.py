"""Where tag models are stored, and which one the linter may use (no numpy needed to find out).

A model lives in ``<cache-dir>/suggest/<key>.npz``, where the key is the
SHA-256 of everything it was built from (``taglint.tools.suggest.collection``);
``latest.json`` beside it names the newest model and the SHA-256 of the
taxonomy file it was built for. ``taglint suggest`` uses a model only when its
key matches; the linter, which must not read the whole collection to find
out, uses the latest one while the taxonomy is byte-identical (its tags are
then still the taxonomy's canonical tags).
"""

from __future__ import annotations

import hashlib
import json
import os

from taglint.project.locations import TAG_MODEL_POINTER as POINTER
from taglint.project.locations import tag_model_directory as directory


def sha256_of(path: str) -> str | None:
    try:
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return None


def latest(cache_dir: str, taxonomy_path: str) -> str | None:
    """The newest stored model's path, if it was built for this exact taxonomy file."""
    try:
        with open(os.path.join(directory(cache_dir), POINTER), encoding="utf-8") as handle:
            pointer = json.load(handle)
    except (OSError, ValueError):
        return None
    if not isinstance(pointer, dict) or not isinstance(pointer.get("model"), str) or pointer.get("taxonomy") != sha256_of(taxonomy_path):
        return None
    name = os.path.basename(pointer["model"])  # a pointer may only name a file beside it
    path = os.path.join(directory(cache_dir), name)
    return path if os.path.isfile(path) else None
