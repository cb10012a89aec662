// Precompile player/core.zip to bytecode for the Python inside Pyodide, at export time:
//   node compile.mjs PYODIDE_DIR IN.zip OUT.zip
// Python in the page would otherwise compile every module (networkx has ~300) on every launch.
// The .pyc files are "unchecked-hash" ones (PEP 552): used without comparing the sources' times,
// which unpacking does not keep. Doorstep's own sources stay beside them, for readable
// tracebacks; the libraries' are dropped (their bytecode alone, a megabyte less to download).
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [pyodideDir, input, output] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const py = await loadPyodide({ indexURL: path.resolve(pyodideDir) + path.sep });
py.FS.writeFile("/tmp/in.zip", new Uint8Array(readFileSync(input)));
py.runPython(`
import compileall, py_compile, zipfile, os
with zipfile.ZipFile("/tmp/in.zip") as z:
    z.extractall("/tmp/core")
    names = z.namelist()
mode = py_compile.PycInvalidationMode.UNCHECKED_HASH
ok = True
for top in sorted(os.listdir("/tmp/core")):
    path = os.path.join("/tmp/core", top)
    if not os.path.isdir(path) or top == "scenarios":
        continue
    ours = top == "game"
    ok &= bool(compileall.compile_dir(path, quiet=2, invalidation_mode=mode, legacy=not ours))
    if not ours:  # the library's bytecode stands in its sources' place (x.pyc beside where x.py was)
        for root, dirs, files in os.walk(path):
            for f in files:
                if f.endswith(".py"):
                    os.remove(os.path.join(root, f))
if not ok:
    raise SystemExit("some modules did not compile")
with zipfile.ZipFile("/tmp/out.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
    for root, dirs, files in sorted(os.walk("/tmp/core")):
        dirs.sort()
        for f in sorted(files):
            full = os.path.join(root, f)
            info = zipfile.ZipInfo(os.path.relpath(full, "/tmp/core"), date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with open(full, "rb") as fh:
                out.writestr(info, fh.read())
`);
writeFileSync(output, py.FS.readFile("/tmp/out.zip"));
