// The in-page core's own thread: Pyodide (vendored in ./pyodide/) and the package's Python, in a
// Web Worker, so loading them never freezes the page the learner is reading and playing.
// Messages in: {id, init: {scenario, mode, learner}} once, then {id, method, arg};
// out: {id, result} (a JSON text from game/exports/scorm/sco.py) or {id, error}.
import { loadPyodide } from "./pyodide/pyodide.mjs";

const BOOT = `
import json, sys
sys.path.insert(0, "/doorstep")
from game.exports.scorm.sco import Sco
_paths = json.load(open("/doorstep/scenarios/index.json"))
def make_sco(scenario, mode, learner):
    return Sco.from_path("/doorstep/" + _paths[scenario], mode, learner)
make_sco
`;

let sco = null;

async function boot({ scenario, mode, learner }) {
  const base = new URL("./", import.meta.url);
  const [py, core] = await Promise.all([
    loadPyodide({ indexURL: new URL("pyodide/", base).href, fullStdLib: false }),
    fetch(new URL("core.zip", base)).then((r) => {
      if (!r.ok) throw new Error(`core.zip: HTTP ${r.status}`);
      return r.arrayBuffer();
    }),
  ]);
  py.unpackArchive(core, "zip", { extractDir: "/doorstep" });
  sco = py.runPython(BOOT)(scenario, mode, learner);
}

self.onmessage = async ({ data }) => {
  try {
    if (data.init) {
      await boot(data.init);
      self.postMessage({ id: data.id, result: "ready" });
    } else {
      self.postMessage({ id: data.id, result: sco[data.method](data.arg) });
    }
  } catch (err) {
    self.postMessage({ id: data.id, error: String(err && err.message || err) });
  }
};
