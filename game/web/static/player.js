// The Doorstep player: every page a learner sees in the browser, driven by a transport.
//
// The player never judges anything: it shows the screens the core makes (game/web/protocol.py)
// and sends back choice numbers. Where the core runs is the transport's business
// (docs/protocol.md, "The player's transport"): over HTTP to the Doorstep server
// (http-transport.js), or inside the page in Pyodide for a SCORM package. One player, two
// transports, each one object:
//
//   transport.start(request) -> Promise<{briefing, screen, session?, complete?, scenarios?}>
//       request: {mode: "practice", scenario: id}
//                {mode: "assessed", code, name}    join a session, then its current attempt
//                {mode: "assessed"}                the joined session's current attempt
//   transport.send(command)  -> Promise<{screen, notice?}>
//       command: {type: "choose", number} | {type: "rewind", to} | {type: "step_away"}
//   transport.catalogue()    -> Promise<[{id, title, summary, minutes, content_note?}]>  optional
//
// A failure rejects with an Error carrying .hint, .status and .retryable (true when the
// network dropped: the same command may be sent again, and the server counts it once).

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

const RETRY_MS = [1000, 2000, 4000, 8000, 15000];

export class Player {
  constructor({ transport, storage = null, autostart = null }) {
    this.transport = transport;
    this.storage = storage;
    this.autostart = autostart;   // a start request to make at once (SCORM: the package's scenario)
    this.busy = false;
    this.screen = null;           // the core's latest screen
    this.opening = null;          // the screen a play starts (or resumes) on, shown after the briefing
    this.queue = [];              // what is still to show of this screen: feedback, lines, its rest
    this.history = [];            // what was said and chosen, for the History panel
    this.notes = [];
    this.briefing = null;
    this.session = null;
    this.mode = "practice";
    this.request = null;          // the start request of the play on screen
    this.debrief = null;
    this.retry = null;            // {command, attempt, timer} while a command waits for the network
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
    this.offerRejoin();
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

  // Settings last (localStorage); that this tab joined a session lasts only as long as the tab.
  // (Reaching storage at all can throw in a sandboxed frame, such as an LMS's.)
  get(key, session = false) {
    try { return this.store(session).getItem(key); } catch { return null; }
  }
  put(key, value, session = false) {
    try { this.store(session).setItem(key, value); } catch { /* not kept: private mode or a sandbox */ }
  }
  store(session) {
    return session ? window.sessionStorage : (this.storage || window.localStorage);
  }

  bindControls() {
    $("join-form").addEventListener("submit", (e) => { e.preventDefault(); this.join(); });
    $("begin").addEventListener("click", () => this.beginPlay());
    $("briefing-back").addEventListener("click", () => this.home());
    $("continue").addEventListener("click", () => this.next());
    $("feedback-continue").addEventListener("click", () => this.afterFeedback());
    $("feedback-rewind").addEventListener("click", () => this.rewind(this.lastFeedback.number - 1));
    $("go-back").addEventListener("click", () => this.rewind());
    $("rejoin-go").addEventListener("click", () => this.begin({ mode: "assessed" }, (err) => this.forgetJoin(err)));
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
    // The polite status region: news that is not dialogue ("Connected again").
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
    this.offerRejoin();
    this.loadCatalogue();
  }

  /** This tab joined a session earlier (the page was reloaded): offer to carry on. */
  offerRejoin() {
    let joined = null;
    try { joined = JSON.parse(this.get("doorstep-joined", true) || "null"); } catch { joined = null; }
    $("rejoin").hidden = !joined;
    if (joined) $("rejoin-text").textContent = `You joined ${joined.session}${joined.learner ? ` as ${joined.learner}` : ""}.`;
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
        el("button", { type: "button", onclick: () => this.begin({ mode: "practice", scenario: s.id }) },
          "Practise", el("span", { class: "visually-hidden", text: ` ${s.title}` })))));
      if (!scenarios.length) fill(list, [el("li", { text: "No scenarios are open for practice yet." })]);
    } catch (err) {
      fill(list, [el("li", {}, `The scenarios could not be loaded: ${err.message}`)]);
    } finally {
      list.setAttribute("aria-busy", "false");
    }
  }

  // ---- joining and starting ------------------------------------------------------------------

  async join() {
    const code = $("join-code"), name = $("join-name");
    const empty = [];
    for (const input of [code, name]) {
      const missing = !input.value.trim();
      input.setAttribute("aria-invalid", String(missing));
      $(`${input.id}-error`).hidden = !missing;
      if (missing) empty.push(input);
    }
    $("join-errors").hidden = true;
    if (empty.length) {
      // Each field says what it needs (its error is part of its description); focus the first.
      empty[0].focus();
      return;
    }
    await this.begin({ mode: "assessed", code: code.value.trim(), name: name.value.trim() },
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
      if (onError) onError(err); else this.problem(err, () => this.begin(request, onError));
      return;
    } finally {
      this.busy = false;
    }
    this.request = request.mode === "assessed" ? { mode: "assessed" } : request;
    this.mode = request.mode;
    if (reply.session) {
      this.session = reply.session;
      this.put("doorstep-joined", JSON.stringify({ session: reply.session.name, learner: reply.learner || "" }), true);
    }
    if (reply.complete) {
      $("complete-text").textContent = `You have completed every scenario in ${this.session ? this.session.name : "this session"}. ` +
        "Your results are with your trainer. Thank you.";
      const statuses = { finished: "finished", withdrawn: "stepped away", in_progress: "in progress", not_started: "not started" };
      fill($("complete-list"), (reply.scenarios || []).map((s) => el("li", { text: `${s.title}: ${statuses[s.status] || s.status}` })));
      $("complete-home").hidden = !!this.autostart;
      this.show("complete", "complete-title");
      return;
    }
    this.briefing = reply.briefing || {};
    this.opening = reply.screen;
    this.history = [];
    this.notes = reply.screen.notes || [];
    this.renderBriefing();
    $("briefing-notice").hidden = !reply.notice;
    $("briefing-notice").textContent = reply.notice || "";
    this.show("briefing", "briefing-title");
    if (reply.notice) this.say(reply.notice);
  }

  forgetJoin(err) {
    this.put("doorstep-joined", "", true);
    $("rejoin").hidden = true;
    this.formProblem(`${err.message} Join with your session code and name.`);
    $("join-code").focus();
  }

  renderBriefing() {
    const b = this.briefing, assessed = this.mode === "assessed";
    const resumed = this.opening && this.opening.seq > 0;
    $("briefing-mode").textContent = assessed
      ? `Assessed${this.session ? `: ${this.session.name}` : ""}` : "Practice";
    $("briefing-title").textContent = b.title || "";
    $("briefing-summary").textContent = b.summary || "";
    $("content-note").hidden = !b.content_note;
    $("content-note-text").textContent = b.content_note || "";
    $("briefing-referral").textContent = b.referral || "No referral text.";
    $("known-section").hidden = !fill($("briefing-known"), (b.known || []).map((t) => el("li", { text: t })));
    $("risk-section").hidden = !fill($("briefing-risk"), (b.risk_assessment || []).map((t) => el("li", { text: t })));
    $("people-section").hidden = !fill($("briefing-people"), (b.people || []).map((c) => el("li", {},
      el("strong", { text: c.name }), " ",
      el("span", { class: "role", text: [c.role, c.age !== null && c.age !== undefined ? `aged ${c.age}` : ""].filter(Boolean).join(", ") }))));
    $("briefing-assessed").hidden = !assessed;
    $("begin").textContent = resumed ? "Carry on where you stopped" : "Begin";
    $("briefing-back").hidden = !!this.autostart;
  }

  beginPlay() {
    $("play-title").textContent = this.briefing.title || "";
    for (const name of ["notes", "history"]) this.closePanel(name, false);
    this.show("play", null, false);
    const opening = this.opening;
    if (opening.seq > 0) {
      this.history.push({ kind: "aside", text: "(Resumed where you stopped. Your earlier choices:)" });
      for (const h of opening.history || []) this.history.push({ kind: "choice", text: h.choice });
    }
    this.showScreen(opening, { rewound: false });
  }

  // ---- the play --------------------------------------------------------------------------------

  /** Send one command to the core and show the screen it answers; retried while the network is down. */
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
    if (this.retry) {
      this.cancelRetry();
      this.problem(null);
      this.say(command.type === "choose" ? "Connected again. Your choice is saved." : "Connected again.");
    }
    if (reply.notice) this.problem({ message: reply.notice });
    if (command.type === "choose") this.history.push({ kind: "choice", text: this.choiceText(command.number) });
    if (command.type === "rewind") this.history.push({ kind: "aside", text: `(You went back to decision ${command.to + 1}.)` });
    this.showScreen(reply.screen, { rewound: command.type === "rewind" });
  }

  scheduleRetry(command, err) {
    const attempt = this.retry ? this.retry.attempt + 1 : 0;
    this.cancelRetry();
    const wait = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)];
    const kept = command.type !== "choose" ? ""
      : err.kept ? " Your choice is kept in this browser and will be sent when the connection is back, even if you close this page."
        : " Your choice is kept and will be sent when the connection is back.";
    this.problem({ message: `${err.message}${kept}`, hint: `Trying again in ${Math.round(wait / 1000)} seconds.` },
                 () => { this.cancelRetry(); this.command(command); });
    this.retry = { command, attempt, timer: window.setTimeout(() => this.command(command), wait) };
  }

  cancelRetry() {
    if (this.retry) window.clearTimeout(this.retry.timer);
    this.retry = null;
  }

  choiceText(number) {
    const d = this.screen && this.screen.decision;
    const c = d && d.choices.find((x) => x.number === number);
    return c ? c.text : `Choice ${number}`;
  }

  /** A new screen from the core: its feedback card (practice), then its lines one by one,
      then where it rests (a decision or the end). After a rewind, or on stepping away,
      straight to where it rests. */
  showScreen(screen, { rewound = false } = {}) {
    this.screen = screen;
    $("stage").dataset.seq = String(screen.seq);   // which screen is on show (tests wait on it)
    this.notes = screen.notes || [];
    this.queue = [];
    if (!rewound && screen.phase !== "withdrawn") {   // stepping away shows no more lines
      if (screen.feedback) this.queue.push({ kind: "feedback", feedback: screen.feedback });
      for (const b of screen.beats || []) this.queue.push({ kind: "beat", beat: b });
    }
    this.queue.push({ kind: "rest" });
    $("go-back").hidden = !(screen.mode === "practice" && screen.can_rewind);
    this.next();
  }

  /** Show the next thing waiting on this screen. */
  next() {
    const item = this.queue.shift();
    if (!item) return;
    for (const id of ["decision", "feedback", "ending"]) $(id).hidden = true;
    $("continue").hidden = true;
    if (item.kind === "feedback") this.showFeedback(item.feedback);
    else if (item.kind === "beat") this.showBeat(item.beat);
    else this.rest();
    this.renderPanels();
  }

  showBeat(b) {
    this.renderStatus(b);
    this.history.push({ kind: "line", who: b.speaker ? b.speaker.name : "", mood: b.mood || "", text: b.text });
    $("speaker").replaceChildren(...(b.speaker
      ? [b.speaker.name, b.mood ? el("span", { class: "mood", text: ` (${b.mood})` }) : ""] : []));
    $("line").textContent = b.text;
    $("line").classList.toggle("narration", !b.speaker);
    this.animate($("scene"));
    $("continue").hidden = false;
    // Focus stays on Continue from line to line, so Enter reads on; the live region speaks each.
    if (document.activeElement !== $("continue")) this.focus("continue");
  }

  clearScene() {
    $("speaker").replaceChildren();
    $("line").textContent = "";
  }

  /** Where the screen rests: a decision to take, or the end. */
  rest() {
    const s = this.screen;
    if (s.phase === "decision" && s.decision) {
      const d = s.decision;
      this.renderStatus(d);
      // The prompt takes focus, so a screen reader reads it once; the scene line is cleared
      // so the live region does not read the last line again.
      this.clearScene();
      $("prompt").textContent = (d.speaker ? `${d.speaker.name}${d.mood ? ` (${d.mood})` : ""}: ` : "") + d.prompt;
      $("choice-count").textContent = String(d.choices.length);
      fill($("choices"), d.choices.map((c) => el("li", {},
        el("button", { type: "button", "data-number": c.number, onclick: () => this.choose(c.number) },
           el("span", { class: "n", "aria-hidden": "true", text: `${c.number}.` }), el("span", { text: c.text })))));
      $("decision").hidden = false;
      this.animate($("decision"));
      this.focus("prompt");
      return;
    }
    this.debrief = s.debrief;
    this.cancelRetry();
    if (s.phase === "withdrawn") { this.showAway(); return; }
    const ending = this.debrief && this.debrief.ending;
    this.clearScene();
    $("ending-title").textContent = ending ? ending.title : "The end";
    $("ending-text").textContent = ending ? ending.text : "";
    if (ending) this.history.push({ kind: "aside", text: `Ending: ${ending.title}` });
    $("go-back").hidden = true;
    $("ending").hidden = false;
    this.focus("ending-title");
  }

  animate(node) {
    node.classList.remove("new");
    void node.offsetWidth;   // restart the arrival animation (none with reduced motion)
    node.classList.add("new");
  }

  renderStatus(v) {
    const parts = [`Day ${v.day}`];
    if (v.location) parts.push(v.location.charAt(0).toUpperCase() + v.location.slice(1));
    $("play-status").replaceChildren(parts.join(" · "), " · ",
      el("span", { class: "seen", text: v.child_seen ? "Child seen" : "Child not yet seen" }));
  }

  choose(number) {
    if (!this.screen || this.screen.phase !== "decision" || $("decision").hidden) return;
    this.command({ type: "choose", number });
  }

  showFeedback(f) {
    this.lastFeedback = f;
    this.clearScene();
    $("feedback-choice").textContent = f.choice;
    $("feedback-strength").textContent = f.strength_label || "";
    $("feedback-strength").dataset.strength = f.strength || "";
    $("feedback-critical").hidden = !f.critical;
    $("feedback-critical").replaceChildren(...(f.critical ? [el("strong", { text: "A critical fault: " }), f.critical] : []));
    $("feedback-text").textContent = f.feedback || "No feedback for this choice.";
    fill($("feedback-points"), (f.points || []).map((p) => el("li", {}, el("strong", { text: p.id }), ` ${p.title}`)));
    $("feedback-better").replaceChildren(...(f.better
      ? [el("span", { class: "label", text: "A stronger choice here: " }), f.better]
      : ["This was the strongest choice open to you here."]));
    $("feedback-rewind").hidden = !this.screen.can_rewind;
    $("feedback").hidden = false;
    this.animate($("feedback"));
    this.focus("feedback-title");
  }

  afterFeedback() {
    this.next();
  }

  rewind(to) {
    if (!this.screen || !this.screen.can_rewind) return;
    this.command({ type: "rewind", to: to === undefined ? this.screen.seq - 1 : to });
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
    // An assessed attempt stepped away from can be resumed later: its feedback waits for the end.
    $("away-debrief").hidden = this.mode === "assessed" ||
      !(this.debrief && this.debrief.decisions && this.debrief.decisions.length);
    $("away-home").hidden = !!this.autostart;
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
        r.points.map((p) => `${p.id} ${p.title}`).join("; ")) : null,
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
    const child = ((this.briefing && this.briefing.people) || []).find((c) => c.role === "child");
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
    const marks = { decision: "decision", ending: "ending", beat: "scene" };
    const items = (steps) => steps.map((step) => el("li", { class: `step ${step.kind}` },
      el("span", { class: "visually-hidden", text: `${marks[step.kind] || step.kind}: ` }), step.label));
    const steps = d.route_steps || [];
    fill($("route"), steps.length ? items(steps)
      : [el("li", { text: `${(d.decisions || []).length} decisions` + (d.ending ? `, ending: ${d.ending.title}` : ", not finished") })]);
    $("best-route-section").hidden = !fill($("best-route"), items(d.best_route_steps || []));
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
    if (/^[1-9]$/.test(e.key) && this.screen && this.screen.decision && !$("decision").hidden) {
      const n = Number(e.key);
      if (n <= this.screen.decision.choices.length) { e.preventDefault(); this.choose(n); }
    }
  }
}
