"""What the cache knows a file by: a digest for input files, a stat stamp for notes and directories.

*Input files* (the config, the taxonomy, rule files, the rules directory,
note schemas) decide every answer and arrive in pull requests, so they are
known by their content: a BLAKE2b-256 digest of the bytes (of the sorted
entry names, for a directory). A digest is computed afresh each time an entry
is checked: for a 20 KB taxonomy the read and the hash cost ~40 µs, under
0.2% of a pre-commit run, so a stat check in front of it (git's index) would
save nothing worth its racy cases. Nothing short of a second preimage of
BLAKE2b passes it, unlike the size + CRC-32 the pre-commit plan once used,
which a rename plus 8 comment bytes could keep.

*Notes and walked directories* are too many to read on a warm run, so they
are known by a stat stamp, ``mtime_ns:size:inode:ctime_ns`` (the fields git's
index compares). The racy rule: a stamp is stored only once its mtime is
``RACY_NS`` old. A filesystem keeps mtime in ticks (2 s on FAT, 1 s on HFS+
and ext3), so a file written again in the tick it was stamped in, at the same
size, would keep its whole stamp; once the stamped mtime is two seconds in the
past, any later write moves it. (git compares against its index file's mtime;
the clock at storing time does the same here.) A file whose mtime is set back
by hand is still caught by its ctime, which only the kernel sets.

Imported by the pre-commit fast path: only os and time, plus the BLAKE2 module.
"""

from __future__ import annotations

import os
import stat
import time

try:
    # The C module behind hashlib.blake2b: importing hashlib loads OpenSSL too,
    # which costs ~7 ms, a quarter of a pre-commit run; this costs ~0.3 ms.
    from _blake2 import blake2b
except ImportError:  # an interpreter built without its own BLAKE2
    from hashlib import blake2b

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (see taglint.cli.fast)
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

RACY_NS = 2_000_000_000  # a stamp younger than this may not change on the next write


def digest(data: bytes) -> str:
    """The BLAKE2b-256 digest of ``data``, in hex."""
    return blake2b(data, digest_size=32).hexdigest()


def fingerprint(path: str) -> list[str | None]:
    """``[path, digest]`` of an input file or directory; ``[path, None]`` when there is none.

    A list, as the entries store it. A directory's digest is that of its sorted
    entry names (a new rule file changes it); something that is neither (a FIFO,
    a device) is never opened, so it cannot block the run.
    """
    try:
        info = os.stat(path)
        if stat.S_ISREG(info.st_mode):
            with open(path, "rb") as handle:
                content = handle.read()
        elif stat.S_ISDIR(info.st_mode):
            content = "\0".join(["directory", *sorted(os.listdir(path))]).encode("utf-8", "surrogateescape")
        else:
            content = f"special {info.st_mode:o}".encode()
    except FileNotFoundError:
        return [path, None]
    except OSError as exc:
        content = f"unreadable {exc.errno}".encode()
    return [path, digest(content)]


def fingerprints(paths: Iterable[str]) -> list[list[str | None]]:
    """The fingerprint of each path, each path once, in order."""
    return [fingerprint(path) for path in dict.fromkeys(paths)]


def unchanged(recorded: Sequence[Sequence[str | None]]) -> bool:
    """Whether every recorded ``[path, digest]`` still digests the same."""
    return all(fingerprint(path) == [path, known] for path, known in recorded)  # type: ignore[arg-type]


def stamp(info: os.stat_result) -> str:
    """The stat stamp of a note or directory, ``mtime_ns:size:inode:ctime_ns``.

    ``ResultCache.scan`` builds the same string inline (it runs per file);
    a test holds the two equal.
    """
    return f"{info.st_mtime_ns}:{info.st_size}:{info.st_ino}:{info.st_ctime_ns}"


def settled(stamp: str) -> bool:
    """Whether ``stamp`` may be stored: its mtime is ``RACY_NS`` old, so no later write can keep it (the racy rule)."""
    return time.time_ns() - int(stamp.partition(":")[0]) >= RACY_NS
