"""Ralph (ralph-malph 5.1.0), a real Learning Record Store, on 127.0.0.1 for the slow xAPI tests.

Ralph pins versions of pydantic, fastapi, PyYAML and more that are not ours, so it lives in a
venv of its own: $DOORSTEP_RALPH_VENV, else .cache/ralph in the repository, made from
tests/exports/ralph/requirements.txt by scripts/test_tools.sh (which .ci/run calls).
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

HERE = Path(__file__).parent / "ralph"
ROOT = Path(__file__).resolve().parents[2]
USER, PASSWORD = "doorstep-key", "doorstep-secret"


def venv() -> Path:
    return Path(os.environ.get("DOORSTEP_RALPH_VENV") or ROOT / ".cache" / "ralph")


def python() -> Path | None:
    """Ralph's venv interpreter, or None when Ralph is not installed."""
    exe = venv() / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    return exe if exe.exists() else None


@dataclass(frozen=True, kw_only=True)
class Ralph:
    url: str          # the xAPI endpoint, e.g. http://127.0.0.1:PORT/xAPI/
    directory: Path   # where the filesystem backend keeps fs_lrs.jsonl

    def stored(self) -> list[dict]:
        """Every statement Ralph has written to its file, in the order written."""
        path = self.directory / "fs_lrs.jsonl"
        if not path.exists():
            return []
        return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_ralph(timeout: float = 60.0, as_shipped: bool = False) -> Iterator[Ralph]:
    """Start Ralph in a temp dir with one basic-auth user (USER, PASSWORD); stop it after.

    `as_shipped` leaves out the fix for the filesystem backend's one-write limit (server.py).
    """
    exe = python()
    if exe is None:
        raise RuntimeError(f"Ralph is not installed in {venv()}: run sh scripts/test_tools.sh")
    root = Path(tempfile.mkdtemp(prefix="doorstep-ralph-"))
    digest = subprocess.run(
        [str(exe), "-c", "import bcrypt,sys; print(bcrypt.hashpw(sys.argv[1].encode(), bcrypt.gensalt(4)).decode())",
         PASSWORD], check=True, capture_output=True, text=True, timeout=60).stdout.strip()
    (root / "auth.json").write_text(json.dumps([{
        "username": USER, "hash": digest, "scopes": ["all"],
        "agent": {"mbox": "mailto:doorstep-tests@example.org"}}]), "utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("RALPH_")}
    env.update(RALPH_APP_DIR=str(root), RALPH_AUTH_FILE=str(root / "auth.json"),
               RALPH_RUNSERVER_BACKEND="fs", RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH=str(root),
               RALPH_SENTRY_DSN="")
    port = _free_port()
    log = open(root / "server.log", "wb")
    proc = subprocess.Popen([str(exe), str(HERE / "server.py"), str(port), *(["--as-shipped"] if as_shipped else [])], env=env, cwd=root,
                            stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/xAPI/"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/__lbheartbeat__", timeout=2).close()
                break
            except (urllib.error.URLError, OSError):
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("Ralph did not start: " + (root / "server.log").read_text("utf-8", "replace")[-2000:])
                time.sleep(0.2)
        yield Ralph(url=url, directory=root)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=20)
        log.close()
        shutil.rmtree(root, ignore_errors=True)
