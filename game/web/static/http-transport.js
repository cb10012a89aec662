// The player's transport to the Doorstep server's JSON API (docs/protocol.md).
//
// The server is the judge: this sends only commands (choice numbers), never a score. Each
// assessed choice carries its sequence number in the attempt, so sending it again after a
// dropped connection is harmless: the server answers the same, and counts it once.

export class TransportError extends Error {
  constructor(message, { hint = "", status = 0, retryable = false } = {}) {
    super(message);
    this.hint = hint;
    this.status = status;
    this.retryable = retryable;
  }
}

export class HttpTransport {
  constructor(base, { fetchImpl = (...a) => window.fetch(...a), timeoutMs = 15000 } = {}) {
    this.base = base;
    this.fetch = fetchImpl;
    this.timeoutMs = timeoutMs;
    this.token = null;      // practice: the signed token holding the play
    this.attempt = null;    // assessed: the attempt's id (the learner's cookie says who)
    this.seq = 0;           // the seq of the next choice: the last screen's
  }

  async call(path, body) {
    // A request that hangs (a dropped Wi-Fi sends no reset) is given up after timeoutMs, like
    // a refused one: the player then sends the same command again.
    const controller = typeof AbortController === "function" ? new AbortController() : null;
    const timer = controller ? window.setTimeout(() => controller.abort(), this.timeoutMs) : null;
    let response, data = null;
    try {
      response = await this.fetch(new URL(path, this.base), {
        method: body === undefined ? "GET" : "POST",
        headers: body === undefined ? {} : { "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: "same-origin",
        cache: "no-store",
        signal: controller ? controller.signal : undefined,
      });
      try { data = await response.json(); } catch (err) {
        if (err && err.name === "AbortError") throw err;   /* else not JSON: a proxy's error page */
      }
    } catch {
      throw new TransportError("The connection to the Doorstep server was lost.",
        { hint: "Check the network.", retryable: true });
    } finally {
      if (timer !== null) window.clearTimeout(timer);
    }
    if (!response.ok) {
      const retryable = response.status >= 502 && response.status <= 504;
      const fallback = response.status >= 500
        ? [`The Doorstep server had a problem (${response.status}).`, "Try again in a moment: what you did before this is saved."]
        : [`The server refused this (${response.status}).`, ""];
      const err = new TransportError((data && data.error) || fallback[0],
        { hint: (data && data.hint) || fallback[1], status: response.status, retryable });
      throw err;
    }
    return data || {};
  }

  async catalogue() {
    return (await this.call("scenarios")).scenarios || [];
  }

  async start(request) {
    if (request.mode === "practice") {
      const id = encodeURIComponent(request.scenario);
      const briefing = await this.call(`practice/${id}/briefing`);
      const reply = await this.call("practice/start", { scenario: request.scenario });
      this.attempt = null;
      return { briefing, screen: this.keep(reply) };
    }
    const enrolment = request.code !== undefined
      ? await this.call("join", { code: request.code, name: request.name })
      : await this.call("me");
    const opening = { session: enrolment.session, learner: enrolment.learner, scenarios: enrolment.scenarios };
    if (!enrolment.current) return { ...opening, complete: true };
    this.token = null;
    this.attempt = enrolment.current.attempt.id;
    return { ...opening, briefing: enrolment.current.briefing, screen: this.keep(enrolment.current) };
  }

  async send(command) {
    if (this.attempt === null) return this.sendPractice(command);
    const path = `attempts/${encodeURIComponent(this.attempt)}`;
    if (command.type === "step_away") return { screen: this.keep(await this.call(`${path}/step-away`, {})) };
    if (command.type !== "choose") throw new TransportError("Going back is only possible in practice.");
    try {
      return { screen: this.keep(await this.call(`${path}/choose`, { seq: this.seq, number: command.number })) };
    } catch (err) {
      if (err.status !== 409) throw err;
      // The attempt moved on elsewhere (another tab): show where it really is.
      return { screen: this.keep(await this.call(path)), notice: err.message };
    }
  }

  async sendPractice(command) {
    const token = this.token;
    const reply = command.type === "choose"
      ? await this.call("practice/choose", { token, seq: this.seq, number: command.number })
      : command.type === "rewind"
        ? await this.call("practice/rewind", { token, to: command.to })
        : await this.call("practice/step-away", { token });
    return { screen: this.keep(reply) };
  }

  keep(reply) {
    if (reply.token) this.token = reply.token;
    this.seq = reply.screen.seq;
    return reply.screen;
  }
}
