"""Install what `main.py export scorm` puts into a package, from the package registries, on any OS:

    python -m game.exports.scorm.install      (sh scripts/scorm_runtime.sh runs this)

Pyodide from npm (the exact version in runtime/package-lock.json, with `npm ci`), and the
pure-Python libraries the core needs in the page from PyPI (runtime/pyodide-requirements.txt).
Also scorm-again, which the tests use as the LMS. Into .cache/scorm-runtime, or
$DOORSTEP_SCORM_RUNTIME. Needs npm (it comes with Node.js). Run it again after an update.
"""
from __future__ import annotations

import filecmp
import shutil
import subprocess
import sys
from pathlib import Path

from .package import ROOT, Runtime, RuntimeMissing, runtime_base

SOURCE = Path(__file__).parent / "runtime"
TIMEOUT = 600  # seconds for each of npm and pip


def install(base: Path | None = None) -> Runtime:
    base = base or runtime_base()
    npm = shutil.which("npm")  # npm.cmd on Windows
    if npm is None:
        raise RuntimeMissing("npm is not installed", "install Node.js (it brings npm), then run this again")
    (base / "wheels").mkdir(parents=True, exist_ok=True)
    lock = base / "package-lock.json"
    if not (lock.exists() and filecmp.cmp(SOURCE / "package-lock.json", lock, shallow=False)
            and (base / "node_modules" / "pyodide" / "pyodide.mjs").exists()):
        for name in ("package.json", "package-lock.json"):
            shutil.copyfile(SOURCE / name, base / name)
        subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"],
                       cwd=base, check=True, timeout=TIMEOUT)
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--disable-pip-version-check",
                    "-d", str(base / "wheels"), "-r", str(SOURCE / "pyodide-requirements.txt")],
                   cwd=ROOT, check=True, timeout=TIMEOUT)
    return Runtime.find()


def main() -> int:
    try:
        install()
    except RuntimeMissing as err:
        print(f"error: {err}\n  {err.hint}", file=sys.stderr)
        return 1
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as err:
        print(f"error: could not install the SCORM runtime: {err}", file=sys.stderr)
        return 1
    print(f"SCORM runtime ready in {runtime_base()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
