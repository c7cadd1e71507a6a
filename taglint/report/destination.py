"""Where a report goes: stdout, or the ``-o`` file, written the way notes are (temp file, then rename).

A pull request can commit ``taglint.sarif -> ../outside/victim``, and a CI
step running ``-o taglint.sarif`` would then write through that link if it
opened the path. So the report is written to a temp file beside the
destination and renamed over it once complete: the rename replaces the entry
at the destination (a link included) and never follows it. A run that fails
or is stopped leaves the destination as it was, never an empty or half
report, and removes its temp file (a killed run's is cleaned like a note's).

Opened and written directly instead: a path under ``/dev`` or ``/proc``
(``-o /dev/stdout``, a shell's ``/dev/fd/63``) and an existing FIFO or
character device. They are streams to write into, not files to replace, and
a pull request cannot commit one (git stores files and links only).
"""

from __future__ import annotations

import os
import stat
from typing import TextIO

from taglint.report.escape import visible


class ReportError(Exception):
    """The report could not be written; the message names the file."""


_STREAM_ROOTS = ("/dev/", "/proc/")


def _is_stream(path: str) -> bool:
    if os.path.abspath(path).startswith(_STREAM_ROOTS):
        return True
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)


def _umask() -> int:
    # The only portable way to read it is to set it; the CLI is one thread.
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _new_mode(path: str) -> int:
    """The mode the report gets: the mode of the regular file it replaces, else what ``open`` would give."""
    try:
        info = os.lstat(path)
    except OSError:
        info = None
    if info is not None and stat.S_ISREG(info.st_mode):
        return stat.S_IMODE(info.st_mode)
    return 0o666 & ~_umask()


class ReportFile:
    """The ``-o`` file: ``stream`` to write the report into, then ``commit()`` (or ``discard()``)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.temp: str | None = None
        try:
            if _is_stream(path):
                self.stream: TextIO = open(path, "w", encoding="utf-8", newline="\n")  # noqa: SIM115 - open for the whole run
            else:
                # Imported here, not at the top: the CLI imports ReportError at every start.
                from taglint.files.write import create_temp_beside

                fd, self.temp = create_temp_beside(path)
                self.stream = open(fd, "w", encoding="utf-8", newline="\n")  # noqa: SIM115 - open for the whole run
        except OSError as exc:
            raise self.error(exc) from None

    def error(self, exc: OSError | UnicodeError) -> ReportError:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return ReportError(f"{visible(self.path)}: report not written: {visible(reason)}")

    def commit(self) -> None:
        """Make the written report the destination's content (flushed to disk first)."""
        try:
            self.stream.flush()
            if self.temp is not None:
                os.fsync(self.stream.fileno())
                os.chmod(self.temp, _new_mode(self.path))
            self.stream.close()
            if self.temp is not None:
                os.replace(self.temp, self.path)
                self.temp = None
        except (OSError, UnicodeError) as exc:
            self.discard()
            raise self.error(exc) from None

    def discard(self) -> None:
        """Forget the report: the destination keeps what it held. Safe to call twice, or after ``commit``."""
        try:
            self.stream.close()
        except (OSError, UnicodeError):
            pass  # what could not be flushed is being thrown away anyway
        if self.temp is not None:
            try:
                os.unlink(self.temp)
            except FileNotFoundError:
                pass
            self.temp = None
