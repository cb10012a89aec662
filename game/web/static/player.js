// The Doorstep player: every page a learner sees in the browser, driven by a transport.
//
// The player never judges anything: it shows what the core sent and sends back what the learner
// did. Where the core runs is the transport's business (docs/protocol.md, "The player's
// transport"): over HTTP to the Doorstep server (http-transport.js), or inside the page in
// Pyodide for a SCORM package. One player, two transports:
//
//   transport.start(request) -> Promise<Reply>   request: {mode: "practice", scenario}
//                                                          {mode: "assessed", code, learner}
//                                                          {mode: "assessed"} (the session's next)
//   transport.send(command)  -> Promise<Reply>   command: {type: "advance" | "choose" | "rewind" | "step_away", ...}
//   transport.catalogue()    -> Promise<[...]>   optional: scenarios open for practice
//
// A failure rejects with an Error carrying .hint, .status and .retryable (a dropped
// connection: the same command may be sent again and the server will not count it twice).

const $ = (id) => document.getElementById(id);

/** An element with attributes and children (strings become text: nothing is parsed as HTML). */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function fill(list, items) {
  list.replaceChildren(...items);
  return items.length;
}

export const ENDING_LABELS = {
  child_seen_safe: "The child was seen and is safe",
  child_protected: "The child was protected",
  drift: "Drift: nothing clearly wrong, nothing changed",
  risk_unseen: "The risk went unseen",
  child_harmed: "The child was harmed",
  over_escalated: "Over-escalated",
  relationship_broken: "The working relationship broke down",
  worker_harmed: "The worker was harmed",
};

const LOCATIONS = {
  doorstep: "On the doorstep", living_room: "In the living room", kitchen: "In the kitchen",
  car: "In the car", office: "At the office", school: "At the school", phone: "On the phone",
  street: "In the street",
};

const RETRY_MS = [1000, 2000, 4000, 8000, 15000];

/** A point a review or debrief names, as [id, title] or {id, title}. */
const pointOf = (p) => (Array.isArray(p) ? { id: p[0], title: p[1] } : p);

export class Player {
  constructor({ transport, storage = window.localStorage, autostart = null }) {
    this.transport = transport;
    this.storage = storage;
    this.autostart = autostart;   // a start request to make at once (SCORM: the package's scenario)
    this.busy = false;
    this.view = null;             // the event where the play rests
    this.pending = [];            // events still to show after a feedback card
    this.history = [];            // what was said and chosen, for the History panel
    this.notes = [];
    this.briefing = null;
    this.session = null;
    this.mode = "practice";
    this.request = null;          // the start request of the play on screen
    this.debrief = null;
    this.retry = null;            // {command, attempt, timer} while a command waits for the network
    this.lastReview = null;
  }

  // ---- boot -------------------------------------------------------------------------------

  async boot() {
    this.bindSettings();
    this.bindControls();
    document.addEventListener("keydown", (e) => this.onKey(e));
    if (this.autostart) {
      await this.begin(this.autostart);
      return;
    }
    this.show("home", "home-title", false);
    await this.loadCatalogue();
  }

  bindSettings() {
    const root = document.documentElement;
    const contrast = $("contrast");
    const systemMore = window.matchMedia ? window.matchMedia("(prefers-contrast: more)") : null;
    const stored = this.get("doorstep-theme");
    const apply = (theme) => {
      if (theme) root.dataset.theme = theme; else delete root.dataset.theme;
      const on = theme ? theme === "high-contrast" : !!(systemMore && systemMore.matches);
      contrast.setAttribute("aria-pressed", String(on));
      document.querySelector('meta[name="color-scheme"]').content = on ? "dark" : "light";
    };
    apply(stored);
    contrast.addEventListener("click", () => {
      const on = contrast.getAttribute("aria-pressed") !== "true";
      const theme = on ? "high-contrast" : "default";
      this.put("doorstep-theme", theme);
      apply(theme);
    });
    const keys = $("shortcuts");
    const setKeys = (on) => {
      document.body.classList.toggle("keys", on);
      keys.setAttribute("aria-pressed", String(on));
    };
    setKeys(this.get("doorstep-keys") !== "off");
    keys.addEventListener("click", () => {
      const on = keys.getAttribute("aria-pressed") !== "true";
      this.put("doorstep-keys", on ? "on" : "off");
      setKeys(on);
    });
  }

  get(key) { try { return this.storage.getItem(key); } catch { return null; } }
  put(key, value) { try { this.storage.setItem(key, value); } catch { /* private mode: not kept */ } }

  bindControls() {
    $("join-form").addEventListener("submit", (e) => { e.preventDefault(); this.join(); });
    $("begin").addEventListener("click", () => this.beginPlay());
    $("briefing-back").addEventListener("click", () => this.home());
    $("continue").addEventListener("click", () => this.command({ type: "advance" }));
    $("feedback-continue").addEventListener("click", () => this.afterFeedback());
    $("feedback-rewind").addEventListener("click", () => this.rewind());
    $("see-debrief").addEventListener("click", () => this.showDebrief());
    $("toggle-notes").addEventListener("click", () => this.toggle("notes"));
    $("toggle-history").addEventListener("click", () => this.toggle("history"));
    $("step-away").addEventListener("click", () => this.askStepAway());
    $("away-no").addEventListener("click", () => $("away-dialog").close());
    $("away-yes").addEventListener("click", () => { $("away-dialog").close(); this.stepAway(); });
    $("away-dialog").addEventListener("close", () => {
      if (this.currentView === "play") $("step-away").focus();
    });
    $("away-debrief").addEventListener("click", () => this.showDebrief());
    $("away-home").addEventListener("click", () => this.home());
    $("complete-home").addEventListener("click", () => this.home());
    $("to-home").addEventListener("click", () => this.home());
    $("print").addEventListener("click", () => window.print());
    $("play-again").addEventListener("click", () => this.begin(this.request));
    $("next-scenario").addEventListener("click", () => this.begin({ mode: "assessed" }));
  }

  // ---- pages --------------------------------------------------------------------------------

  /** Show one page, name it in the title, and put focus on its heading (or `focusId`). */
  show(name, focusId, moveFocus = true) {
    this.currentView = name;
    for (const section of document.querySelectorAll("[data-view]")) {
      section.hidden = section.dataset.view !== name;
    }
    const heading = document.querySelector(`[data-view="${name}"] h1`);
    const title = heading && heading.textContent.trim();
    document.title = title ? `${title} - Doorstep` : "Doorstep";
    if (moveFocus && focusId) this.focus(focusId);
  }

  focus(id) {
    const target = typeof id === "string" ? $(id) : id;
    if (!target) return;
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "nearest" });
  }

  say(text) {
    // The polite status region: changes that are not dialogue ("Choice recorded", "Connected").
    const status = $("status");
    status.textContent = "";
    window.setTimeout(() => { status.textContent = text; }, 50);
  }

  problem(err, onRetry) {
    const box = $("problem");
    if (!err) { box.hidden = true; box.replaceChildren(); return; }
    const parts = [el("span", { text: err.message || String(err) })];
    if (err.hint) parts.push(" ", el("span", { class: "hint-inline", text: err.hint }));
    if (onRetry) parts.push(el("button", { type: "button", onclick: onRetry, text: "Try again now" }));
    box.replaceChildren(...parts);
    box.hidden = false;
  }

  home() {
    this.cancelRetry();
    this.problem(null);
    this.show("home", "home-title");
    this.loadCatalogue();
  }

  async loadCatalogue() {
    const list = $("catalogue");
    if (!this.transport.catalogue) {
      list.closest("section").hidden = true;
      return;
    }
    list.setAttribute("aria-busy", "true");
    try {
      const scenarios = await this.transport.catalogue();
      fill(list, scenarios.map((s) => el("li", {},
        el("h3", { text: s.title }),
        el("p", { class: "meta", text: `About ${s.minutes} minutes` }),
        el("p", { text: s.summary }),
        s.content_note ? el("p", { class: "meta" }, el("strong", { text: "Content note: " }), s.content_note) : null,
        el("button", {
          type: "button", "aria-label": `Practise ${s.title}`,
          onclick: () => this.begin({ mode: "practice", scenario: s.id }),
        }, "Practise this"))));
      if (!scenarios.length) fill(list, [el("li", { text: "No scenarios are open for practice yet." })]);
    } catch (err) {
      fill(list, [el("li", {}, `The scenarios could not be loaded: ${err.message}`)]);
    } finally {
      list.setAttribute("aria-busy", "false");
    }
  }

  // ---- joining and starting ------------------------------------------------------------------

  async join() {
    const code = $("join-code"), name = $("join-name"), box = $("join-errors");
    const problems = [];
    for (const [input, message] of [[code, "Type the session code your trainer gave you."],
                                    [name, "Type your name or staff ID, as your trainer will know it."]]) {
      const empty = !input.value.trim();
      input.setAttribute("aria-invalid", String(empty));
      if (empty) problems.push([input, message]);
    }
    if (problems.length) {
      this.formProblem(problems.map((p) => p[1]).join(" "));
      problems[0][0].focus();
      return;
    }
    box.hidden = true;
    await this.begin({ mode: "assessed", code: code.value.trim(), learner: name.value.trim() },
                     (err) => { this.formProblem(err.message + (err.hint ? ` ${err.hint}` : "")); code.focus(); });
  }

  formProblem(text) {
    const box = $("join-errors");
    box.textContent = `Problem: ${text}`;
    box.hidden = false;
    box.setAttribute("role", "alert");
  }

  /** Start (or resume) a play and show its briefing. */
  async begin(request, onError) {
    if (this.busy) return;
    this.busy = true;
    this.problem(null);
    let reply;
    try {
      reply = await this.transport.start(request);
    } catch (err) {
      this.busy = false;
      if (onError) onError(err); else this.problem(err, () => this.begin(request, onError));
      return;
    } finally {
      this.busy = false;
    }
    this.request = request.mode === "assessed" ? { mode: "assessed" } : request;
    this.mode = request.mode;
    if (reply.session) this.session = reply.session;
    if (reply.complete) {
      $("complete-text").textContent = `You have completed every scenario in ${this.session ? this.session.name : "this session"}. ` +
        "Your results are with your trainer. Thank you.";
      this.show("complete", "complete-title");
      return;
    }
    this.briefing = reply.briefing || {};
    this.history = [];
    this.notes = reply.notes || [];
    this.pending = reply.events || [];
    this.resumed = !!reply.resumed;
    this.renderBriefing();
    this.show("briefing", "briefing-title");
  }

  renderBriefing() {
    const b = this.briefing, assessed = this.mode === "assessed";
    $("briefing-mode").textContent = assessed
      ? `Assessed${this.session ? `: ${this.session.name}` : ""}` : "Practice";
    $("briefing-title").textContent = b.title || "";
    $("briefing-summary").textContent = b.summary || "";
    $("content-note").hidden = !b.content_note;
    $("content-note-text").textContent = b.content_note || "";
    $("briefing-referral").textContent = b.referral || "No referral text.";
    $("known-section").hidden = !fill($("briefing-known"), (b.known || []).map((t) => el("li", { text: t })));
    $("risk-section").hidden = !fill($("briefing-risk"), (b.risk_assessment || []).map((t) => el("li", { text: t })));
    $("people-section").hidden = !fill($("briefing-people"), (b.characters || []).map((c) => el("li", {},
      el("strong", { text: c.name }), " ",
      el("span", { class: "role", text: [c.role && c.role.replace(/_/g, " "), c.age !== null && c.age !== undefined ? `aged ${c.age}` : ""].filter(Boolean).join(", ") }))));
    $("briefing-assessed").hidden = !assessed;
    $("begin").textContent = this.resumed ? "Carry on where you stopped" : "Begin";
    $("briefing-back").hidden = !!this.autostart;
  }

  beginPlay() {
    $("play-title").textContent = this.briefing.title || "";
    for (const name of ["notes", "history"]) this.closePanel(name, false);
    this.show("play", null, false);
    if (this.resumed) this.history.push({ kind: "aside", text: "(Resumed where you stopped.)" });
    const events = this.pending;
    this.pending = [];
    this.play(events);
  }

  // ---- the play --------------------------------------------------------------------------------

  /** Send one command to the core and show what comes back; retried while the network is down. */
  async command(command) {
    if (this.busy) return;
    this.busy = true;
    $("stage").setAttribute("aria-busy", "true");
    let reply;
    try {
      reply = await this.transport.send(command);
    } catch (err) {
      this.busy = false;
      $("stage").removeAttribute("aria-busy");
      if (err.retryable) this.scheduleRetry(command, err);
      else this.problem(err);
      return;
    }
    this.busy = false;
    $("stage").removeAttribute("aria-busy");
    if (this.retry) { this.cancelRetry(); this.problem(null); this.say("Connected again. Your choice is saved."); }
    if (reply.notes) this.notes = reply.notes;
    this.play(reply.events || []);
  }

  scheduleRetry(command, err) {
    const attempt = this.retry ? this.retry.attempt + 1 : 0;
    this.cancelRetry();
    const wait = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)];
    const kept = command.type === "choose" ? " Your choice is kept and will be sent when the connection is back." : "";
    this.problem({ message: `${err.message}${kept}`, hint: `Trying again in ${Math.round(wait / 1000)} s.` },
                 () => { this.cancelRetry(); this.command(command); });
    this.retry = { command, attempt, timer: window.setTimeout(() => this.command(command), wait) };
  }

  cancelRetry() {
    if (this.retry) window.clearTimeout(this.retry.timer);
    this.retry = null;
  }

  /** Show a reply's events in order; a practice feedback card holds back the rest. */
  play(events) {
    for (let i = 0; i < events.length; i++) {
      const event = events[i];
      switch (event.type) {
        case "choice_taken":
          this.history.push({ kind: "choice", text: this.chosenText(event) });
          if (event.review && this.mode === "practice") {
            this.pending = events.slice(i + 1);
            this.showFeedback(event);
            return;
          }
          this.say("Choice recorded.");
          break;
        case "rewound":
          this.history.push({ kind: "aside", text: `(You went back to decision ${event.to + 1}.)` });
          break;
        case "stopped":
          this.problem({ message: `This scenario cannot go on: ${event.problem && event.problem.message || "a problem in its text"}.`,
                         hint: "Please tell your trainer." });
          return;
        default:
          if (i === events.length - 1) this.rest(event);
          else if (event.type === "beat") this.history.push(this.lineOf(event.view));
      }
    }
  }

  chosenText(event) {
    if (event.review && event.review.choice_text) return event.review.choice_text;
    const number = event.step && event.step.number;
    const texts = this.view && this.view.view && this.view.view.choice_texts;
    return (texts && number && texts[number - 1]) || `Choice ${number}`;
  }

  lineOf(view) {
    return { kind: "line", who: view.speaker ? view.speaker.name : "", mood: view.mood || "", text: view.text };
  }

  /** The play rests here: a beat to read, a decision to take, or the end. */
  rest(event) {
    this.view = event;
    const v = event.view || {};
    for (const id of ["decision", "feedback", "ending"]) $(id).hidden = true;
    $("continue").hidden = true;
    if (v.day !== undefined) this.renderStatus(v);
    const scene = $("scene");
    if (event.type === "beat") {
      this.history.push(this.lineOf(v));
      $("speaker").replaceChildren(...(v.speaker
        ? [v.speaker.name, v.mood ? el("span", { class: "mood", text: ` (${v.mood})` }) : ""] : []));
      $("line").textContent = v.text;
      $("line").classList.toggle("narration", !v.speaker);
      this.animate(scene);
      $("continue").hidden = false;
      if (document.activeElement !== $("continue")) this.focus("continue");
    } else if (event.type === "decision") {
      // The prompt takes focus, so a screen reader reads it once; the scene line is cleared
      // so the live region does not read the last beat again.
      $("speaker").replaceChildren();
      $("line").textContent = "";
      $("prompt").textContent = v.prompt;
      $("choice-count").textContent = String(v.choice_texts.length);
      fill($("choices"), v.choice_texts.map((text, i) => el("li", {},
        el("button", { type: "button", "data-number": i + 1, onclick: () => this.choose(i + 1) },
           el("span", { class: "n", "aria-hidden": "true", text: `${i + 1}.` }), el("span", { text })))));
      $("decision").hidden = false;
      this.animate($("decision"));
      this.focus("prompt");
    } else if (event.type === "finished" || event.type === "withdrawn") {
      this.debrief = event.debrief;
      this.cancelRetry();
      if (event.type === "withdrawn") { this.showAway(); return; }
      const ending = this.debrief && this.debrief.ending;
      $("speaker").replaceChildren();
      $("line").textContent = "";
      $("ending-title").textContent = ending ? ending.title : "The end";
      $("ending-text").textContent = ending ? ending.text : "";
      if (ending) this.history.push({ kind: "aside", text: `Ending: ${ending.title}` });
      $("ending").hidden = false;
      this.focus("ending-title");
    }
    this.renderPanels();
  }

  animate(node) {
    node.classList.remove("new");
    void node.offsetWidth;   // restart the (reduced-motion aware) arrival animation
    node.classList.add("new");
  }

  renderStatus(v) {
    const parts = [`Day ${v.day}`];
    const place = LOCATIONS[v.location] || (v.location || "").replace(/_/g, " ");
    if (place) parts.push(place);
    $("play-status").replaceChildren(parts.join(" · "), " · ",
      el("span", { class: "seen", text: v.child_seen ? "Child seen" : "Child not yet seen" }));
  }

  choose(number) {
    if (!this.view || this.view.type !== "decision") return;
    this.command({ type: "choose", number });
  }

  showFeedback(event) {
    const r = event.review;
    this.lastReview = r;
    $("decision").hidden = true;
    $("continue").hidden = true;
    $("feedback-choice").textContent = r.choice_text || this.chosenText(event);
    $("feedback-text").textContent = r.feedback || "No feedback for this choice.";
    fill($("feedback-points"), (r.points || []).map(pointOf).map((p) => el("li", {}, el("strong", { text: p.id }), ` ${p.title}`)));
    $("feedback-better").replaceChildren(...(r.better
      ? [el("span", { class: "label", text: "A stronger choice here: " }), r.better]
      : ["This was the strongest choice open to you here."]));
    $("feedback-rewind").hidden = false;
    $("feedback").hidden = false;
    this.animate($("feedback"));
    this.focus("feedback-title");
    this.renderPanels();
  }

  afterFeedback() {
    const events = this.pending;
    this.pending = [];
    this.play(events);
  }

  rewind() {
    const r = this.lastReview;
    if (!r) return;
    this.pending = [];
    this.command({ type: "rewind", to: r.number - 1 });
  }

  // ---- notes, history, stepping away -------------------------------------------------------

  toggle(name) {
    const panel = $(`${name}-panel`);
    if (panel.hidden) {
      panel.hidden = false;
      $(`toggle-${name}`).setAttribute("aria-expanded", "true");
      this.renderPanels();
      this.focus(`${name}-title`);
    } else {
      this.closePanel(name, true);
    }
  }

  closePanel(name, refocus) {
    $(`${name}-panel`).hidden = true;
    $(`toggle-${name}`).setAttribute("aria-expanded", "false");
    if (refocus) $(`toggle-${name}`).focus();
  }

  renderPanels() {
    const notes = this.notes || [];
    fill($("notes"), notes.map((n) => el("li", {}, el("span", { class: "day", text: `Day ${n.day}: ` }), n.text)));
    $("notes-empty").hidden = notes.length > 0;
    fill($("history"), this.history.map((h) => {
      if (h.kind === "choice") return el("li", { class: "you" }, el("span", { class: "who", text: "You chose: " }), h.text);
      if (h.kind === "aside") return el("li", { class: "muted", text: h.text });
      return el("li", {}, h.who ? el("span", { class: "who", text: `${h.who}${h.mood ? ` (${h.mood})` : ""}: ` }) : "", h.text);
    }));
  }

  askStepAway() {
    $("away-dialog-text").textContent = this.mode === "assessed"
      ? "This ends your assessed attempt. It is recorded as a withdrawal, not a fail, and your trainer will see it as not finished."
      : "Nothing is recorded in practice. You can start this scenario again whenever you like.";
    $("away-dialog").showModal();
    $("away-no").focus();   // the safe answer is the default
  }

  async stepAway() {
    await this.command({ type: "step_away" });
  }

  showAway() {
    $("away-text").textContent = this.mode === "assessed"
      ? "Your attempt is recorded as a withdrawal, not a fail. You can talk to your trainer about another attempt."
      : "Take whatever time you need. Nothing from this practice was recorded.";
    $("away-debrief").hidden = !(this.debrief && this.debrief.decisions && this.debrief.decisions.length);
    this.show("away", "away-title");
  }

  // ---- the debrief ---------------------------------------------------------------------------

  showDebrief() {
    const d = this.debrief;
    if (!d) return;
    const assessed = d.mode === "assessed";
    $("debrief-mode").textContent = assessed ? "Assessed attempt" : "Practice";
    $("debrief-title").textContent = `Debrief: ${d.title}`;
    const verdict = $("verdict");
    verdict.hidden = !assessed || !d.finished;
    verdict.className = `verdict ${d.passed ? "passed" : "not-passed"}`;
    verdict.textContent = d.passed ? "Passed" : "Not yet passed";
    const reasons = (!d.passed && d.reasons) || [];
    $("verdict-reasons").hidden = !fill($("verdict-reasons"), reasons.map((t) => el("li", { text: t })));

    const ending = d.ending;
    $("debrief-ending").hidden = !ending;
    if (ending) {
      $("debrief-ending-name").textContent = ending.title;
      $("debrief-ending-kind").textContent = `(${ENDING_LABELS[ending.kind] || ending.kind})`;
      $("debrief-ending-text").textContent = ending.text;
      $("epilogue-title").textContent = this.childName() ? `${this.childName()}'s story` : "For the child";
      $("epilogue").textContent = ending.epilogue;
    }
    $("overall").textContent = `Overall ${d.overall} out of 100` + (d.pass_mark !== undefined ? `; the pass mark is ${d.pass_mark}.` : ".") +
      (d.finished ? "" : " The story was not finished.");
    this.renderChart(d);
    this.renderRoute(d);
    fill($("decisions"), (d.decisions || []).map((r) => el("li", {},
      el("h3", { text: r.prompt }),
      el("p", {}, el("strong", { text: "You chose: " }), r.choice_text),
      r.feedback ? el("p", { text: r.feedback }) : null,
      r.critical ? el("p", { class: "cost" }, el("strong", { text: "A critical fault: " }), r.critical) : null,
      (r.points || []).length ? el("p", { class: "muted" }, "Practice points: ",
        (r.points || []).map(pointOf).map((p) => `${p.id} ${p.title}`).join("; ")) : null,
      r.better ? el("p", { class: "cost" }, `Points given up against the best choice: ${r.cost}. A stronger choice: `,
        el("span", { text: r.better })) : el("p", { class: "muted", text: "The strongest choice open to you." }))));
    $("debrief-notes-section").hidden = !fill($("debrief-notes"), (d.chronology || []).map((n) =>
      el("li", {}, el("span", { class: "day", text: `Day ${n.day}: ` }), n.text)));
    $("next-scenario").hidden = !(assessed && this.session && !this.autostart);
    $("play-again").hidden = assessed || !this.request || !!this.autostart;
    $("to-home").hidden = !!this.autostart;
    this.show("debrief", "debrief-title");
  }

  childName() {
    const child = ((this.briefing && this.briefing.characters) || []).find((c) => c.role === "child");
    return child ? child.name : "";
  }

  renderChart(d) {
    const rows = Object.entries(d.competencies || {}).map(([, c]) => {
      const scored = c.score !== null && c.score !== undefined;
      const bar = el("div", { class: "bar", "aria-hidden": "true" });
      if (scored) {
        const fillBar = el("span");
        fillBar.style.width = `${c.score}%`;
        bar.append(fillBar);
      }
      return el("tr", {},
        el("th", { scope: "row", text: c.label }),
        el("td", { class: "score", text: scored ? `${c.score}` : "not assessed here" }),
        el("td", { class: "bar-cell" }, scored ? bar : ""));
    });
    fill(document.querySelector("#competencies tbody"), rows);
  }

  renderRoute(d) {
    const map = d.route_map;
    const box = $("route-map");
    box.replaceChildren();
    const labels = new Map(((map && map.nodes) || []).map((n) => [n.id, n]));
    const steps = (d.route || []).filter((id) => labels.has(id));
    if (map && map.nodes && map.nodes.length) box.append(routeSvg(map, d.route || [], d.title));
    fill($("route"), steps.length
      ? steps.map((id, i) => el("li", { class: i === steps.length - 1 && labels.get(id).kind === "ending" ? "end" : null, text: labels.get(id).label }))
      : [el("li", { text: `${(d.decisions || []).length} decisions` + (d.ending ? `, ending: ${d.ending.title}` : ", not finished") })]);
  }

  // ---- keys ------------------------------------------------------------------------------------

  onKey(e) {
    if (e.key === "Escape") {
      for (const name of ["notes", "history"]) {
        if (!$(`${name}-panel`).hidden && this.currentView === "play") { this.closePanel(name, true); e.preventDefault(); return; }
      }
      return;
    }
    if (!document.body.classList.contains("keys") || this.currentView !== "play") return;
    if (e.ctrlKey || e.metaKey || e.altKey || $("away-dialog").open) return;
    const tag = (e.target && e.target.tagName) || "";
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") return;
    const key = e.key.toLowerCase();
    if (key === "n" || key === "h") { e.preventDefault(); this.toggle(key === "n" ? "notes" : "history"); return; }
    if (/^[1-9]$/.test(e.key) && this.view && this.view.type === "decision" && !$("decision").hidden) {
      const n = Number(e.key);
      if (n <= this.view.view.choice_texts.length) { e.preventDefault(); this.choose(n); }
    }
  }
}

/** The scenario's graph with the learner's route drawn over it (and the best route, dashed). */
function routeSvg(map, route, title) {
  const NS = "http://www.w3.org/2000/svg";
  const svgEl = (tag, attrs) => {
    const node = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    return node;
  };
  const xs = map.nodes.map((n) => n.x), ys = map.nodes.map((n) => n.y);
  const minX = Math.min(...xs), maxX = Math.max(...xs), minY = Math.min(...ys), maxY = Math.max(...ys);
  const W = 640, H = Math.max(200, 70 * (new Set(xs).size));
  const px = (n) => 40 + ((n.y - minY) / ((maxY - minY) || 1)) * (W - 80);   // the story reads top to bottom
  const py = (n) => 30 + ((n.x - minX) / ((maxX - minX) || 1)) * (H - 60);
  const at = new Map(map.nodes.map((n) => [n.id, n]));
  const taken = new Set(route.slice(1).map((b, i) => `${route[i]}>${b}`));
  const best = new Set((map.best_route || []).slice(1).map((b, i) => `${map.best_route[i]}>${b}`));
  const svg = svgEl("svg", { viewBox: `0 0 ${W} ${H}`, role: "img",
    "aria-label": `The story of ${title} as a map. The bold line is your route; the green dashed line is the best route. The list below names each step.` });
  for (const [a, b] of map.edges || []) {
    if (!at.has(a) || !at.has(b)) continue;
    const key = `${a}>${b}`;
    svg.append(svgEl("line", { class: `edge${taken.has(key) ? " taken" : best.has(key) ? " best" : ""}`,
      x1: px(at.get(a)), y1: py(at.get(a)), x2: px(at.get(b)), y2: py(at.get(b)) }));
  }
  const seen = new Set(route);
  for (const n of map.nodes) {
    const cls = `node${seen.has(n.id) ? " taken" : ""}`;
    svg.append(n.kind === "ending"
      ? svgEl("rect", { class: cls, x: px(n) - 7, y: py(n) - 7, width: 14, height: 14 })
      : svgEl("circle", { class: cls, cx: px(n), cy: py(n), r: n.kind === "decision" ? 7 : 4 }));
  }
  return svg;
}
