"""A throwaway PostgreSQL server for tests and benchmarks (initdb + pg_ctl, 127.0.0.1, free port)."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

# Debian keeps the server binaries off PATH, under /usr/lib/postgresql/<version>/bin.
PG_DIRS = ["/usr/local/bin", *sorted(map(str, Path("/usr/lib/postgresql").glob("*/bin")), reverse=True)]


def binaries() -> tuple[str, str] | None:
    """(initdb, pg_ctl), or None when the server is not installed."""
    found = []
    for name in ("initdb", "pg_ctl"):
        path = next((str(Path(d) / name) for d in PG_DIRS if (Path(d) / name).exists()), shutil.which(name))
        if path is None:
            return None
        found.append(path)
    return found[0], found[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def temporary_postgres(fsync: bool = False) -> Iterator[str]:
    """Start a server in a temp dir; yield 'postgresql://doorstep@127.0.0.1:PORT'; stop and delete it.
    Tests run with fsync off (speed); benchmarks that claim durability pass fsync=True."""
    initdb, pg_ctl = binaries() or (None, None)
    if initdb is None:
        raise RuntimeError("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    root = Path(tempfile.mkdtemp(prefix="doorstep-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root
        shutil.chown(root, "nobody")
        os.chmod(root, 0o700)
        as_user = ["runuser", "-u", "nobody", "--"]
    data, port = root / "data", _free_port()

    def run(*cmd: str) -> None:
        subprocess.run([*as_user, *cmd], check=True, capture_output=True, timeout=120)

    run(initdb, "-D", str(data), "-A", "trust", "-U", "doorstep", "--no-sync")
    run(pg_ctl, "-D", str(data), "-l", str(root / "log"), "-w", "-t", "60", "start",
        "-o", f"-h 127.0.0.1 -p {port} -k {root} -c fsync={'on' if fsync else 'off'} "
              "-c max_connections=200")
    try:
        yield f"postgresql://doorstep@127.0.0.1:{port}"
    finally:
        subprocess.run([*as_user, pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"],
                       capture_output=True, timeout=60)
        shutil.rmtree(root, ignore_errors=True)
