// A SCO's page: the Doorstep player (the same one the server serves) over the in-page core,
// reporting to the LMS through SCORM 1.2.
import { Player } from "./player.js";
import { PyodideTransport } from "./pyodide-transport.js";
import { Scorm12 } from "./scorm12.js";

const launch = JSON.parse(document.getElementById("doorstep-launch").textContent);
const lms = new Scorm12(window);
const connected = lms.initialize();
let done = false;
const finish = () => { if (!done) { done = true; lms.finish(); } };

const transport = new PyodideTransport({
  launch, lms,
  // An assessed attempt that ends (finished, or the learner stepped away) is final: LMSFinish at
  // once. Practice may still go back, so it ends when the page does.
  onFinished: () => { if (launch.mode === "assessed") finish(); },
});
// Closing the LMS window mid-scenario: the time spent, and "suspend" so the LMS offers resume.
window.addEventListener("pagehide", finish);

if (!connected) {
  const note = document.getElementById("problem");
  note.textContent = "No learning platform was found, so this play is not recorded (a preview).";
  note.hidden = false;
}
window.doorstep = { transport, lms, launch };  // for the tests: the transport's timings
// Carrying on waits for the engine to replay the saved choices: say so meanwhile.
let waiting = null;
if (transport.suspended) {
  waiting = document.createElement("p");
  waiting.className = "lead";
  waiting.setAttribute("role", "status");
  waiting.textContent = "Loading the scenario and where you left off...";
  document.getElementById("main").prepend(waiting);
}
new Player({ transport, autostart: { mode: launch.mode, scenario: launch.scenario } }).boot()
  .finally(() => { if (waiting) waiting.remove(); });
