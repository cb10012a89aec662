// The in-page core: Pyodide (vendored in player/pyodide/) running the same Python as the desktop
// game. The transport the player talks to: call(method, ...args) -> the parsed answer.
import { loadPyodide } from "./pyodide/pyodide.mjs";

const BOOT = `
import json, sys
sys.path.insert(0, "/doorstep")
from game.exports.scorm.sco import Sco
_paths = json.load(open("/doorstep/scenarios/index.json"))
def make_sco(scenario, mode, learner):
    return Sco("/doorstep/" + _paths[scenario], mode, learner)
make_sco
`;

export async function startCore({ scenario, mode, learner }) {
  const base = new URL("./", import.meta.url);
  const [py, core] = await Promise.all([
    loadPyodide({ indexURL: new URL("pyodide/", base).href, fullStdLib: false }),
    fetch(new URL("core.zip", base)).then((r) => {
      if (!r.ok) throw new Error(`core.zip: HTTP ${r.status}`);
      return r.arrayBuffer();
    }),
  ]);
  py.unpackArchive(core, "zip", { extractDir: "/doorstep" });
  const sco = py.runPython(BOOT)(scenario, mode, learner);
  return {
    call(method, ...args) { return JSON.parse(sco[method](...args)); },
  };
}
