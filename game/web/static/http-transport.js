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
  constructor(base, fetchImpl = (...a) => window.fetch(...a)) {
    this.base = base;
    this.fetch = fetchImpl;
    this.play = null;      // where commands for the play on screen go
    this.seq = 0;          // choices the server holds for this play
  }

  async call(path, body) {
    let response;
    try {
      response = await this.fetch(new URL(path, this.base), {
        method: body === undefined ? "GET" : "POST",
        headers: body === undefined ? {} : { "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: "same-origin",
        cache: "no-store",
      });
    } catch {
      throw new TransportError("The connection to the Doorstep server was lost.",
        { hint: "Check the network.", retryable: true });
    }
    let data = null;
    try { data = await response.json(); } catch { /* not JSON: a proxy's error page */ }
    if (!response.ok) {
      const retryable = response.status >= 502 && response.status <= 504;
      throw new TransportError((data && data.error) || `The server answered ${response.status}.`,
        { hint: (data && data.hint) || "", status: response.status, retryable });
    }
    return data || {};
  }

  async catalogue() {
    return (await this.call("scenarios")).scenarios || [];
  }

  async start(request) {
    let reply;
    if (request.mode === "practice") {
      reply = await this.call("practice", { scenario: request.scenario });
    } else {
      if (request.code !== undefined) {
        await this.call("join", { code: request.code, learner: request.learner });
      }
      reply = await this.call("attempt", {});
    }
    this.play = reply.play;
    this.seq = reply.choices || 0;
    return reply;
  }

  async send(command) {
    const body = { ...command };
    if (command.type === "choose") body.seq = this.seq + 1;
    const reply = await this.call(`play/${encodeURIComponent(this.play)}`, body);
    if (command.type === "choose") this.seq += 1;
    if (command.type === "rewind") this.seq = command.to;
    return reply;
  }
}
