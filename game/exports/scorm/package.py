"""Build a SCORM 1.2 content package: one zip an agency uploads to Moodle, Totara or Learning Pool.

Layout of the zip (every file the SCOs use is inside it; nothing is fetched at run time):

    imsmanifest.xml              the manifest: one organization, one item and SCO per scenario
    player/<scenario-id>.html    each SCO's launch page: the player's page (game/web/static),
                                 told its scenario and mode, with its opening screen
    player/player.js, .css       the browser player, the same files the Doorstep server serves
    player/pyodide-transport.js  the player's transport to the core in the page
    player/scorm12.js            the SCORM 1.2 API adapter; scorm-main.js ties the three together
    player/pyodide/              Python compiled to WebAssembly (npm `pyodide`, vendored here)
    player/core.zip              the pure core (game/core), protocol.py, the SCO's Python side
                                 (sco.py), the pure-Python libraries they need, and the scenarios
    NOTICE.txt                   what is vendored, and under which licences

Another manifest over the same player (cmi5's cmi5.xml, or an LTI 1.3 launch into the Doorstep
server) needs only another adapter beside scorm12.js: see docs/lms.md.

Each launch page carries its briefing and the screen up to the first decision, made at export by
this same core (sco.opening), so a learner reads and plays them while the engine loads.
"""
from __future__ import annotations

import hashlib
import html
import io
import json
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import quoteattr

from game.core import engine, loader, rules
from game.core.errors import AuthoringError
from game.core.model import Scenario

HERE = Path(__file__).parent
ROOT = HERE.parents[2]
STATIC = HERE / "static"
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
# Pure-Python libraries the core imports, as the runtime folder holds them (wheels, or PyYAML's
# source, whose pure-Python half is all a browser can run). jsonschema is not among them: it is
# only used to explain a scenario with mistakes, and every scenario is checked here, at export.
LIBRARIES = {"networkx": "networkx-*.whl", "fastjsonschema": "fastjsonschema-*.whl", "yaml": "pyyaml-*.tar.gz"}
CORE_PACKAGES = ("game/__init__.py", "game/core", "game/web/__init__.py", "game/web/protocol.py",
                 "game/exports/__init__.py", "game/exports/scorm/__init__.py", "game/exports/scorm/sco.py")
WEB = ROOT / "game" / "web" / "static"
MAX_STATES = 200_000  # play states explored to check a scenario's rules (main.py validate's default)
PLAYER_FILES = {"player.js": WEB, "player.css": WEB, "http-transport.js": WEB,  # the last for TransportError
                "pyodide-transport.js": STATIC, "core-worker.js": STATIC, "scorm12.js": STATIC,
                "scorm-main.js": STATIC}


JSONSCHEMA_STANDIN = '''"""Stands in for jsonschema inside a SCORM package (game/core/schema.py imports it).

The core uses jsonschema only to explain the mistakes in a scenario that fails its schema, and
every scenario in a package was checked, by the same core, when the package was made.
"""


class Draft7Validator:
    def __init__(self, schema):
        self.schema = schema

    def iter_errors(self, data):
        raise RuntimeError("this scenario does not match the schema, yet it was checked at export: "
                           "export the package again")
'''


class RuntimeMissing(Exception):
    """The vendored runtime (Pyodide, wheels) is not on this machine."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


def runtime_base() -> Path:
    """Where the runtime is installed: $DOORSTEP_SCORM_RUNTIME, else .cache/scorm-runtime."""
    return Path(os.environ.get("DOORSTEP_SCORM_RUNTIME") or ROOT / ".cache" / "scorm-runtime")


@dataclass(frozen=True, kw_only=True)
class Runtime:
    pyodide: Path   # the npm package's folder (node_modules/pyodide)
    wheels: Path    # pip-downloaded libraries for the page

    @staticmethod
    def find() -> "Runtime":
        base = runtime_base()
        runtime = Runtime(pyodide=base / "node_modules" / "pyodide", wheels=base / "wheels")
        missing = [f for f in PYODIDE_FILES if not (runtime.pyodide / f).exists()]
        missing += [pattern for pattern in LIBRARIES.values() if not list(runtime.wheels.glob(pattern))]
        if missing:
            raise RuntimeMissing(f"the SCORM runtime is not installed in {base} (missing {', '.join(missing)})",
                                 "run: sh scripts/scorm_runtime.sh (or python -m game.exports.scorm.install); "
                                 "it needs npm, and installs Pyodide and the Python libraries the package "
                                 "carries from the package registries")
        return runtime


@dataclass(frozen=True, kw_only=True)
class Built:
    path: Path
    size: int             # bytes of the zip
    scenarios: tuple[str, ...]
    files: int


def build(scenario_paths: list[str], out: str | Path, mode: str = engine.ASSESSED,
          runtime: Runtime | None = None, title: str | None = None, precompile: bool = True) -> Built:
    """Check every scenario with the core, then write the package to `out`.

    `precompile`: ship bytecode for the page's Python too (needs Node.js, as the runtime did);
    it saves the learner's browser compiling ~400 modules on every launch."""
    if mode not in engine.MODES:
        raise ValueError(f"mode must be one of {', '.join(engine.MODES)}, not {mode!r}")
    runtime = runtime or Runtime.find()
    scenarios, problems = [], []
    for path in scenario_paths:
        scenario, found = loader.check_path(path)
        problems += found
        if scenario is not None:  # and its rules on every route, as `main.py validate` checks them
            problems += rules.check_rules(scenario, MAX_STATES)
            scenarios.append((scenario, _sources(path)))
    if any(p.is_error for p in problems):
        raise AuthoringError(problems)
    ids = [s.id for s, _ in scenarios]
    if len(set(ids)) != len(ids):
        raise ValueError("the same scenario is named twice: " + ", ".join(sorted({i for i in ids if ids.count(i) > 1})))

    files: dict[str, bytes] = {}
    for name, folder in PLAYER_FILES.items():
        files[f"player/{name}"] = (folder / name).read_bytes()
    for name in PYODIDE_FILES:
        files[f"player/pyodide/{name}"] = (runtime.pyodide / name).read_bytes()
    files["player/core.zip"] = _core_zip(runtime, scenarios)
    if precompile:
        files["player/core.zip"] = _precompiled(runtime, files["player/core.zip"])
    for scenario, _ in scenarios:
        files[launch_path(scenario)] = _launch_page(scenario, mode).encode("utf-8")
    files["NOTICE.txt"] = _notice(runtime).encode("utf-8")
    package_title = title or (scenarios[0][0].title if len(scenarios) == 1 else "Doorstep scenarios")
    files["imsmanifest.xml"] = manifest(package_title, [s for s, _ in scenarios], mode, sorted(files)).encode("utf-8")

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name in ["imsmanifest.xml"] + sorted(n for n in files if n != "imsmanifest.xml"):
            _put(z, name, files[name])
    os.replace(tmp, out)
    return Built(path=out, size=out.stat().st_size, scenarios=tuple(ids), files=len(files))


def _sources(path: str) -> dict[str, bytes]:
    """The scenario file and every fragment it includes, by path relative to their common folder."""
    data, _ = loader.read_source(path)
    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    # The loader's own record of what it read (it has no public call for this yet).
    _, _, included = loader._check(data, path, os.path.dirname(path) or ".", digest)
    paths = [os.path.abspath(path)] + [os.path.abspath(p) for p, _, _ in included]
    base = os.path.commonpath([os.path.dirname(p) for p in paths])
    return {os.path.relpath(p, base).replace(os.sep, "/"): Path(p).read_bytes() for p in paths}


def scenario_file(scenario: Scenario, sources: dict[str, bytes]) -> str:
    return f"scenarios/{scenario.id}/{next(iter(sources))}"


def _core_zip(runtime: Runtime, scenarios: list[tuple[Scenario, dict[str, bytes]]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for entry in CORE_PACKAGES:
            source = ROOT / entry
            for f in sorted([source] if source.is_file() else source.rglob("*")):
                if f.is_file() and f.suffix in (".py", ".json", ".yaml") and "__pycache__" not in f.parts:
                    _put(z, f.relative_to(ROOT).as_posix(), f.read_bytes())
        for package, pattern in LIBRARIES.items():
            archive = sorted(runtime.wheels.glob(pattern))[-1]
            for name, data in _library_files(archive, package):
                _put(z, name, data)
        for scenario, sources in scenarios:
            for rel, data in sources.items():
                _put(z, f"scenarios/{scenario.id}/{rel}", data)
        _put(z, "jsonschema/__init__.py", JSONSCHEMA_STANDIN.encode())
        _put(z, "scenarios/index.json", json.dumps({s.id: scenario_file(s, src) for s, src in scenarios}).encode())
    return buf.getvalue()


def _put(z: zipfile.ZipFile, name: str, data: bytes) -> None:
    """One file, with a fixed date and mode: the same input makes the same zip."""
    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    z.writestr(info, data)


def _precompiled(runtime: Runtime, core: bytes) -> bytes:
    """core.zip with bytecode beside the sources, compiled by Pyodide's own Python (under Node)."""
    node = shutil.which("node")
    if node is None:
        raise RuntimeMissing("Node.js is needed to precompile the package's Python",
                             "install Node.js, or export with --no-precompile (learners then wait longer)")
    with tempfile.TemporaryDirectory(prefix="doorstep-scorm-") as tmp:
        source, target = Path(tmp) / "core.zip", Path(tmp) / "core-pyc.zip"
        source.write_bytes(core)
        done = subprocess.run([node, str(HERE / "compile.mjs"), str(runtime.pyodide), str(source), str(target)],
                              capture_output=True, text=True, timeout=600)
        if done.returncode != 0 or not target.exists():
            raise RuntimeError("precompiling the package's Python failed: " + (done.stderr or done.stdout)[-1500:])
        return target.read_bytes()


def _library_files(archive: Path, package: str):
    """(path in core.zip, bytes) of a library's Python files: from a wheel, or from a source
    archive's lib/<package> (PyYAML keeps its pure-Python code there)."""
    if archive.suffix == ".whl":
        with zipfile.ZipFile(archive) as w:
            for name in sorted(w.namelist()):
                if name.startswith(f"{package}/") and not name.endswith("/") and "/tests/" not in name:
                    yield name, w.read(name)
        return
    with tarfile.open(archive) as t:
        for member in sorted(t.getmembers(), key=lambda m: m.name):
            parts = member.name.split("/")
            if member.isfile() and len(parts) > 3 and parts[1:3] == ["lib", package] and member.name.endswith(".py"):
                yield "/".join(parts[2:]), t.extractfile(member).read()


def launch_path(scenario: Scenario) -> str:
    return f"player/{scenario.id}.html"


def _launch_page(scenario: Scenario, mode: str) -> str:
    """The player's page (the one the server serves), started on this scenario in this mode."""
    from .sco import opening
    page = (WEB / "index.html").read_text("utf-8")
    launch = json.dumps({"scenario": scenario.id, "mode": mode, "title": scenario.title,
                         "opening": opening(scenario, mode)}, ensure_ascii=False)
    launch = launch.replace("<", "\\u003c")  # nothing in it can close the script element
    swaps = {'<script type="module" src="main.js"></script>':
             f'<script type="application/json" id="doorstep-launch">{launch}</script>\n'
             '<script type="module" src="scorm-main.js"></script>',
             "<title>Doorstep</title>": f"<title>{html.escape(scenario.title)} - Doorstep</title>"}
    for old, new in swaps.items():
        if old not in page:
            raise RuntimeError(f"the player's page has changed: {old!r} is not in {WEB / 'index.html'}")
        page = page.replace(old, new)
    return page


def manifest(title: str, scenarios: list[Scenario], mode: str, files: list[str]) -> str:
    """imsmanifest.xml for SCORM 1.2 (IMS Content Packaging 1.1.2 with ADL's extensions).

    No adlcp:masteryscore: with one, the LMS would set passed/failed from the score alone,
    over the core's verdict (which also fails a critical fault whatever the score).
    """
    launches = {launch_path(s) for s in scenarios}
    shared = [f for f in files if f.startswith("player/") and f not in launches]
    items = "".join(
        f'\n      <item identifier="item-{_id(s.id)}" identifierref="sco-{_id(s.id)}" isvisible="true">'
        f"\n        <title>{html.escape(s.title)}</title>"
        f"\n      </item>" for s in scenarios)
    resources = "".join(
        f'\n    <resource identifier="sco-{_id(s.id)}" type="webcontent" adlcp:scormtype="sco" '
        f'href={quoteattr(launch_path(s))}>'
        f'\n      <file href={quoteattr(launch_path(s))}/>'
        f'\n      <dependency identifierref="player"/>'
        f"\n    </resource>" for s in scenarios)
    player_files = "".join(f"\n      <file href={quoteattr(f)}/>" for f in shared)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="doorstep-{_id('-'.join(s.id for s in scenarios))[:80]}-{mode}" version="1"
    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd
                        http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd
                        http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="doorstep">
    <organization identifier="doorstep">
      <title>{html.escape(title)} ({mode})</title>{items}
    </organization>
  </organizations>
  <resources>{resources}
    <resource identifier="player" type="webcontent" adlcp:scormtype="asset">{player_files}
    </resource>
  </resources>
</manifest>
"""


def _id(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", text)


def _notice(runtime: Runtime) -> str:
    """What is vendored, its licences, and each library's licence text (BSD and MIT ask for it)."""
    version = json.loads((runtime.pyodide / "package.json").read_text("utf-8")).get("version", "?")
    parts = [f"Doorstep SCORM 1.2 package.\n\nVendored, unchanged:\n"
             f"- Pyodide {version} (player/pyodide/), Mozilla Public License 2.0: its source is the npm\n"
             f"  package pyodide {version} and the Pyodide project's repository. It includes the CPython\n"
             f"  standard library (Python Software Foundation License).\n"
             f"- In player/core.zip, from PyPI: networkx (BSD-3-Clause), PyYAML's pure-Python\n"
             f"  loader (MIT), fastjsonschema (BSD-3-Clause). Their licences follow.\n"]
    for package_name, pattern in LIBRARIES.items():
        archive = sorted(runtime.wheels.glob(pattern))[-1]
        for name, text in _licences(archive):
            parts.append(f"\n==== {archive.name}: {name} ====\n\n{text.strip()}\n")
    return "".join(parts)


def _licences(archive: Path):
    """(name, text) of the licence files in a wheel's dist-info, or at a source archive's top."""
    if archive.suffix == ".whl":
        with zipfile.ZipFile(archive) as w:
            for name in sorted(w.namelist()):
                if ".dist-info/" in name and "LICEN" in name.rsplit("/", 1)[-1].upper():
                    yield name.rsplit("/", 1)[-1], w.read(name).decode("utf-8", "replace")
        return
    with tarfile.open(archive) as t:
        for member in t.getmembers():
            parts = member.name.split("/")
            if member.isfile() and len(parts) == 2 and parts[1].upper().startswith("LICEN"):
                yield parts[1], t.extractfile(member).read().decode("utf-8", "replace")
