// The SCO's player: shows what the core says and passes the learner's commands back to it.
// Keyboard first: every control is a button (Tab, Enter, Space); at a decision the number keys
// pick a choice. Focus moves to each new screen's heading so screen readers announce it.
import { Scorm12 } from "./scorm12.js";
import { startCore } from "./boot.js";

const root = document.getElementById("doorstep");
const config = JSON.parse(root.dataset.config);
const intro = document.getElementById("intro");
const play = document.getElementById("play");
const status = document.getElementById("status");
const begin = document.getElementById("begin");
const lms = new Scorm12(window);
let core = null, finished = false, keyChoices = [];

window.doorstep = { ready: false, lms, events: [] };  // for the tests: what happened, in order

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v; else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);  // text stays text
  return node;
}

function report(answer) {
  lms.setAll(answer.lms);
  lms.addInteractions(answer.interactions || []);
  lms.commit();
  window.doorstep.events.push(answer.screen.kind);
}

function send(method, ...args) {
  let answer;
  try {
    answer = core.call(method, ...args);
  } catch (err) {
    play.replaceChildren(el("p", { class: "error", role: "alert" },
      "Something went wrong in this scenario, and your place has been kept. Close this window and open it again."));
    console.error(err);
    return;
  }
  report(answer);
  render(answer);
}

function heading(text) { return el("h1", { tabindex: "-1" }, text); }

function render(answer) {
  const s = answer.screen;
  intro.hidden = true;
  play.hidden = false;
  keyChoices = [];
  const parts = [];
  if (answer.review) parts.push(feedback(answer.review));
  if (s.kind === "beat") {
    parts.push(heading(s.speaker ? s.speaker.name : "Day " + s.day),
      el("p", { class: "where" }, `Day ${s.day}, ${s.location.replaceAll("_", " ")}`),
      el("p", { class: "line" }, s.text),
      el("button", { type: "button", class: "primary", id: "continue", onclick: () => send("advance") }, "Continue"));
  } else if (s.kind === "decision") {
    const list = el("ol", { class: "choices" });
    s.choices.forEach((text, i) => {
      const b = el("button", { type: "button", class: "choice", "data-number": String(i + 1),
        onclick: () => send("choose", i + 1, new Date().toISOString()) }, `${i + 1}. ${text}`);
      keyChoices.push(b);
      list.append(el("li", {}, b));
    });
    parts.push(heading("What do you do?"), el("p", { class: "where" }, `Day ${s.day}, ${s.location.replaceAll("_", " ")}`),
      el("p", { class: "line" }, s.prompt), list);
    if (s.can_rewind && s.decisions_taken > 0) {
      parts.push(el("button", { type: "button", id: "back", onclick: () => send("rewind", s.decisions_taken - 1) },
        "Go back to the previous decision"));
    }
  } else if (s.kind === "ending") {
    parts.push(...ending(s));
  }
  play.replaceChildren(...parts.filter((p) => p !== null && p !== undefined));
  const h = play.querySelector("h1");
  if (h) h.focus();
  if (s.kind === "ending") finish();
}

function feedback(r) {
  return el("div", { class: "feedback", role: "note" },
    el("h2", {}, "Feedback on your last choice"),
    el("p", {}, `You chose: ${r.choice}`),
    el("p", {}, r.feedback),
    r.critical ? el("p", { class: "failed" }, `Critical: ${r.critical}`) : null,
    r.better ? el("p", {}, `A stronger choice: ${r.better}`) : null,
    r.points.length ? el("p", {}, `Practice points: ${r.points.join("; ")}`) : null);
}

function ending(s) {
  const d = s.debrief;
  const verdict = d.mode === "assessed"
    ? el("p", { class: d.passed ? "passed" : "failed", id: "verdict" },
        d.passed ? `Passed: ${d.overall} (pass mark ${d.pass_mark}).` : `Not passed: ${d.overall} (pass mark ${d.pass_mark}).`)
    : el("p", { id: "verdict" }, `Practice complete: ${d.overall} out of 100.`);
  const comps = el("ul", {}, ...d.competencies.map((c) => el("li", {}, `${c.label}: ${c.score}`)));
  const decisions = el("ol", {}, ...d.decisions.map((r) => el("li", {},
    el("p", {}, el("strong", {}, r.prompt)), el("p", {}, `You chose: ${r.choice}`), el("p", {}, r.feedback),
    r.critical ? el("p", { class: "failed" }, `Critical: ${r.critical}`) : null,
    r.better ? el("p", {}, `A stronger choice: ${r.better}`) : null)));
  const reasons = (d.reasons || []).length ? el("ul", { class: "failed" }, ...d.reasons.map((t) => el("li", {}, t))) : null;
  return [heading(s.ending.title), el("p", { class: "line" }, s.ending.text),
    s.ending.epilogue ? el("p", { class: "line" }, s.ending.epilogue) : null,
    el("h2", {}, "How you did"), verdict, reasons, comps, el("h2", {}, "Your decisions"), decisions,
    el("p", {}, "Your result has been sent to your learning platform. You can close this window.")];
}

function finish() {
  if (finished) return;
  finished = true;
  lms.finish();
}

document.addEventListener("keydown", (e) => {
  if (e.altKey || e.ctrlKey || e.metaKey) return;
  const n = parseInt(e.key, 10);
  if (keyChoices.length && n >= 1 && n <= keyChoices.length) { e.preventDefault(); keyChoices[n - 1].click(); }
});

// Leaving mid-scenario (closing the LMS window): record the time and that the learner will be back.
window.addEventListener("pagehide", () => { if (!finished) finish(); });

async function main() {
  const connected = lms.initialize();
  const learner = connected ? lms.get("cmi.core.student_name") : "";
  const suspended = connected ? lms.get("cmi.suspend_data") : "";
  if (!connected) {
    intro.prepend(el("p", { class: "nolms", role: "note" },
      "No learning platform was found, so this play is not recorded (a preview)."));
  }
  try {
    core = await startCore({ scenario: config.scenario, mode: config.mode, learner });
  } catch (err) {
    status.textContent = "The scenario could not be loaded. Close this window and try again.";
    status.className = "error";
    console.error(err);
    return;
  }
  const first = core.call("open", suspended);
  lms.setAll(first.lms);
  lms.commit();
  const who = document.getElementById("learner");
  if (first.screen.learner) { who.textContent = `Learner: ${first.screen.learner}`; who.hidden = false; }
  status.textContent = first.screen.resumed ? "Ready. You will carry on where you left off." : "Ready.";
  begin.textContent = first.screen.resumed ? "Carry on" : "Begin";
  begin.disabled = false;
  begin.addEventListener("click", () => send("begin"));
  window.doorstep.ready = true;
  window.doorstep.readyAt = performance.now();
}

main();
