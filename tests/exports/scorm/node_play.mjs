// Play a route through an unpacked SCORM package's in-page core, under Node (no browser):
//   node node_play.mjs PACKAGE_DIR SCENARIO MODE N,N,...
// Prints one JSON line per answer of the core, as the page would receive them.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import path from "node:path";

const [dir, scenario, mode, route] = process.argv.slice(2);
const pyodideDir = path.join(dir, "player", "pyodide");
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const started = performance.now();
const py = await loadPyodide({ indexURL: pyodideDir + path.sep });
py.unpackArchive(new Uint8Array(readFileSync(path.join(dir, "player", "core.zip"))), "zip", { extractDir: "/doorstep" });
const boot = readFileSync(path.join(dir, "player", "boot.js"), "utf8").match(/const BOOT = `([\s\S]*?)`;/)[1];
const sco = py.runPython(boot)(scenario, mode, "Able, Ann");
const out = (text) => process.stdout.write(text + "\n");
out(sco.open(""));
let answer = JSON.parse(sco.begin());
out(JSON.stringify(answer));
console.error(`first decision after ${Math.round(performance.now() - started)} ms`);
const numbers = route ? route.split(",").map(Number) : [];
while (answer.screen.kind !== "ending") {
  if (answer.screen.kind === "beat") answer = JSON.parse(sco.advance());
  else if (numbers.length) answer = JSON.parse(sco.choose(numbers.shift(), "2026-12-02T10:00:00Z"));
  else break;
  out(JSON.stringify(answer));
}
out(JSON.stringify({ version: py.runPython("import sys; sys.version") }));
