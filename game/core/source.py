"""Reading a scenario's bytes safely, and naming them by a hash.

Kept apart from the loader so that a caller who only needs to know whether a file changed
(the persistent check cache) does not import the YAML and schema machinery.
"""
from __future__ import annotations

import hashlib
import os
import stat

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .errors import Problem

MAX_BYTES = 48 * 1024 * 1024


def content_hash(data: bytes) -> str:
    """The hash that identifies a scenario's text (its `source_hash`)."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _problem(path: str, message: str, hint: str = "") -> "Problem":
    from .errors import ERROR, Problem  # only when there is one: start-up stays light
    return Problem(ERROR, path, 1, 1, message, hint)


def read_source(path: str) -> tuple[bytes | None, "Problem | None"]:
    """The bytes of a scenario file, or a Problem saying why it cannot be read.

    Only regular files are read: a FIFO, a terminal or /dev/stdin is refused at once, never
    waited on (opened non-blocking, then checked, so nothing can be swapped in between)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        return None, _problem(path, "no such file", "check the path and file name")
    except IsADirectoryError:
        return None, _problem(path, "this is a folder, not a scenario file")
    except OSError as exc:
        if os.path.isdir(path):
            return None, _problem(path, "this is a folder, not a scenario file")
        return None, _problem(path, f"cannot read this file: {exc.strerror}")
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            return None, _problem(path, "this is a folder, not a scenario file")
        if not stat.S_ISREG(st.st_mode):
            return None, _problem(path, "this is not an ordinary file (it is a pipe, a device "
                                  "or a terminal), so it is not read",
                                  "save the scenario as a .yaml file and name that file")
        if st.st_size > MAX_BYTES:
            return None, _problem(path, f"this file is too large ({st.st_size // (1024 * 1024)} "
                                  f"MB); the limit is {MAX_BYTES // (1024 * 1024)} MB",
                                  "split the story into fragments and use 'include:'")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return fh.read(MAX_BYTES + 1), None
    except OSError as exc:
        return None, _problem(path, f"cannot read this file: {exc.strerror}")
    finally:
        os.close(fd)


def is_fragment_file(path: str) -> bool:
    """True when the file's first meaningful line starts with 'fragment:'."""
    data, problem = read_source(path)
    if problem:
        return False
    head = data[:4096].decode("utf-8", "replace")
    for line in head.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            return stripped.startswith("fragment:")
    return False
