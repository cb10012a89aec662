// Play a route through an unpacked SCORM package's core under Node, with no browser: the same
// Pyodide files, core.zip and boot code the page's worker uses.
//   node node_play.mjs PACKAGE_DIR SCENARIO MODE N,N,...
// Prints the core's answers as one JSON list: start, then one per choice.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [dir, scenario, mode, route] = process.argv.slice(2);
const player = path.join(dir, "player");
const { loadPyodide } = await import(pathToFileURL(path.join(player, "pyodide", "pyodide.mjs")).href);
const py = await loadPyodide({ indexURL: path.join(player, "pyodide") + path.sep });
py.unpackArchive(new Uint8Array(readFileSync(path.join(player, "core.zip"))), "zip", { extractDir: "/doorstep" });
const boot = readFileSync(path.join(player, "core-worker.js"), "utf8").match(/const BOOT = `([\s\S]*?)`;/)[1];
const sco = py.runPython(boot)(scenario, mode, "Able, Ann");
const answers = [JSON.parse(sco.start(""))];
for (const n of route ? route.split(",").map(Number) : []) {
  answers.push(JSON.parse(sco.send(JSON.stringify({ type: "choose", number: n, at: "2026-12-02T10:00:00Z" }))));
}
answers.push({ python: py.runPython("import sys; sys.version") });
process.stdout.write(JSON.stringify(answers));
