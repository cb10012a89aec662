// The player's transport inside a SCORM package: the core runs in this page, in Pyodide
// (vendored in player/pyodide/, run in a worker: core-worker.js), as the same Python the
// desktop game and the server run.
// Each answer's LMS values (decided by the core, see game/exports/scorm/sco.py) go to the LMS
// through the SCORM adapter before the player shows the screen.
//
// A new learner does not wait for Python: the briefing and the screen up to the first decision
// were made by the same core when the package was exported (the launch page carries them), and
// Pyodide loads while they read. A resumed play waits for the core, which replays the choices.
import { TransportError } from "./http-transport.js";  // the player's one error type

/** Start the core's worker; resolve to {start(suspended), send(commandJSON)}, each giving the
    Python's JSON text, once Pyodide and the package's core have loaded in it. */
export function loadCore({ scenario, mode, learner, base = new URL("./", import.meta.url) }) {
  const worker = new Worker(new URL("core-worker.js", base), { type: "module" });
  const waiting = new Map();
  let next = 0;
  worker.onmessage = ({ data }) => {
    const { resolve, reject } = waiting.get(data.id);
    waiting.delete(data.id);
    if (data.error !== undefined) reject(new Error(data.error)); else resolve(data.result);
  };
  worker.onerror = (e) => {
    for (const { reject } of waiting.values()) reject(new Error(e.message || "the core's worker failed"));
    waiting.clear();
  };
  const ask = (message) => new Promise((resolve, reject) => {
    const id = next++;
    waiting.set(id, { resolve, reject });
    worker.postMessage({ id, ...message });
  });
  const sco = {
    start: (suspended) => ask({ method: "start", arg: suspended }),
    send: (command) => ask({ method: "send", arg: command }),
  };
  return ask({ init: { scenario, mode, learner } }).then(() => sco);
}

export class PyodideTransport {
  constructor({ launch, lms, onFinished = () => {} }) {
    this.launch = launch;          // {scenario, mode, title, opening: the export-time start}
    this.lms = lms;                // a Scorm12 adapter (initialized)
    this.onFinished = onFinished;
    this.learner = lms.get("cmi.core.student_name");
    this.suspended = lms.get("cmi.suspend_data");
    this.started = false;          // the in-page core has answered start()
    this.resumed = null;           // its answer to start()
    this.answers = 0;              // answers reported to the LMS (for tests and diagnostics)
    this.core = null;              // a promise of the Python Sco, once loading has begun
  }

  loadCore() {
    if (!this.core) {
      this.core = loadCore({ scenario: this.launch.scenario, mode: this.launch.mode, learner: this.learner })
        .then((sco) => { this.readyAt = performance.now(); return sco; });
      this.core.catch(() => {});   // reported when a command needs it
    }
    return this.core;
  }

  async sco() {
    let sco;
    try {
      sco = await this.loadCore();
    } catch (err) {
      console.error(err);
      throw new TransportError("The scenario's engine could not be loaded in this browser.",
        { hint: "Close this window and open the activity again. If it happens again, tell your trainer." });
    }
    if (!this.started) {  // put the core where the player is: the start, or the saved place
      this.started = true;
      this.resumed = JSON.parse(await sco.start(this.suspended));
    }
    return sco;
  }

  report(answer) {
    this.lms.setAll(answer.lms);
    this.lms.addInteractions(answer.interactions || []);
    this.lms.commit();
    this.answers += 1;
    if (answer.screen.phase === "finished" || answer.screen.phase === "withdrawn") this.onFinished(answer.screen);
    return answer;
  }

  session(answer) {
    const name = answer.learner || "";
    return name ? { name } : null;
  }

  async start() {
    let answer = this.launch.opening;
    if (this.suspended) {  // carry on: the core replays the saved choices
      await this.sco();
      answer = this.resumed;
    } else {
      this.loadCore();
    }
    answer = { ...answer, learner: answer.learner || displayName(this.learner) };
    this.report(answer);
    return { briefing: answer.briefing, screen: answer.screen, session: this.session(answer) };
  }

  async send(command) {
    const sco = await this.sco();
    let answer;
    try {
      answer = JSON.parse(await sco.send(JSON.stringify({ ...command, at: new Date().toISOString() })));
    } catch (err) {
      console.error(err);
      throw new TransportError("Something went wrong in this scenario. Your place is kept.",
        { hint: "Close this window and open the activity again." });
    }
    if (answer.error) throw new TransportError(answer.error, { hint: answer.hint });
    return { screen: this.report(answer).screen };
  }
}

// cmi.core.student_name is "Last, First" (the Python side says the same in sco.display_name).
function displayName(name) {
  const [last, ...rest] = (name || "").split(",");
  const first = rest.join(",").trim();
  return (first ? `${first} ${last.trim()}` : (name || "")).replace(/\s+/g, " ").trim().slice(0, 100);
}
