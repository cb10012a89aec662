// The SCORM 1.2 run-time adapter: finds the LMS's API object and writes what the core decided.
// It decides nothing itself: the status, score, interactions and suspend data all come from the
// Python core (sco.py); this file only adds what only the page knows: the clock.

function findAPI(win) {
  // As the SCORM 1.2 RTE describes: up the frames, then the opener's frames.
  for (let w = win, hops = 0; w && hops < 10; hops++) {
    try {
      if (w.API) return w.API;
      if (w.parent === w) break;
      w = w.parent;
    } catch (e) { break; }  // a frame of another origin: no API there
  }
  try { if (win.opener && !win.opener.closed) return findAPI(win.opener); } catch (e) { /* other origin */ }
  return null;
}

function timespan(ms) {
  // CMITimespan: HHHH:MM:SS.SS
  const cs = Math.round(ms / 10), h = Math.floor(cs / 360000), m = Math.floor(cs / 6000) % 60;
  const s = Math.floor(cs / 100) % 60, c = cs % 100, pad = (n, w) => String(n).padStart(w, "0");
  return `${pad(Math.min(h, 9999), 4)}:${pad(m, 2)}:${pad(s, 2)}.${pad(c, 2)}`;
}

export class Scorm12 {
  constructor(win = window) {
    this.api = findAPI(win);
    this.started = Date.now();
    this.open = false;
    this.errors = [];
  }

  get connected() { return this.api !== null; }

  initialize() {
    if (!this.api) return false;
    this.open = String(this.api.LMSInitialize("")) === "true";
    if (!this.open) this._error("LMSInitialize");
    return this.open;
  }

  get(key) {
    if (!this.open) return "";
    const value = this.api.LMSGetValue(key);
    return value == null ? "" : String(value);
  }

  set(key, value) {
    if (!this.open) return false;
    const ok = String(this.api.LMSSetValue(key, String(value))) === "true";
    if (!ok) this._error(`LMSSetValue ${key}`);
    return ok;
  }

  setAll(values) { for (const [key, value] of Object.entries(values)) this.set(key, value); }

  // One cmi.interactions.n per decision, numbered on from what the LMS already holds.
  addInteractions(list) {
    if (!this.open || !list.length) return;
    let n = parseInt(this.get("cmi.interactions._count"), 10) || 0;
    const now = new Date(), pad = (v) => String(v).padStart(2, "0");
    const time = `${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`;
    for (const it of list) {
      for (const [field, value] of Object.entries(it)) this.set(`cmi.interactions.${n}.${field}`, value);
      this.set(`cmi.interactions.${n}.time`, time);
      n += 1;
    }
  }

  commit() {
    if (this.open && String(this.api.LMSCommit("")) !== "true") this._error("LMSCommit");
  }

  finish() {
    if (!this.open) return;
    this.set("cmi.core.session_time", timespan(Date.now() - this.started));
    this.commit();
    this.api.LMSFinish("");
    this.open = false;
  }

  _error(what) {
    let code = "", text = "";
    try { code = String(this.api.LMSGetLastError()); text = String(this.api.LMSGetErrorString(code)); } catch (e) { /* none */ }
    this.errors.push(`${what}: ${code} ${text}`.trim());
  }
}

export { timespan };
