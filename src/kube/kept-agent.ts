import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';

/** How long a kept connection may stay idle. */
const idleMs = 4_000;

/** The TLS settings of an agent: a kept connection serves a request only when these are the same. */
const tlsFields = ['ca', 'cert', 'key', 'pfx', 'passphrase', 'rejectUnauthorized', 'servername'] as const;

function text(value: unknown): string {
  if (value === undefined) return '';
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (Array.isArray(value)) return value.map(text).join(',');
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/** The options an agent was built with (Node keeps them on `agent.options`). */
function optionsOf(agent: HttpAgent): Record<string, unknown> | undefined {
  const options = (agent as HttpAgent & { options?: unknown }).options;
  return typeof options === 'object' && options !== null ? (options as Record<string, unknown>) : undefined;
}

/**
 * One keep-alive agent for a kubeconfig's connection, in place of the agent client-node builds for every
 * request (a new one each time, without keep-alive: every API request opened a new TCP connection, and
 * against a real cluster paid a new TLS handshake). The kept agent is rebuilt when the TLS material of
 * the fresh one differs (a rotated client certificate); agents of other kinds (proxies) are used as given.
 */
export class KeptAgent {
  private kept: { agent: HttpAgent; fingerprint: string } | undefined;

  /** The agent to send with, given the one client-node built for this request. */
  agentFor<T>(fresh: T): T {
    const given: unknown = fresh;
    // Only Node's own agents: a proxy agent (a subclass) keeps its own behaviour.
    if (!(given instanceof HttpAgent)) return fresh;
    if (given.constructor !== HttpAgent && given.constructor !== HttpsAgent) return fresh;
    const options = optionsOf(given);
    if (!options) return fresh;
    const secure = given instanceof HttpsAgent;
    const fingerprint = `${secure}|${tlsFields.map((field) => text(options[field])).join('|')}`;
    if (this.kept?.fingerprint !== fingerprint) {
      // The previous agent is left to finish its requests; its idle connections close by themselves.
      // Idle connections close after 4 s, before servers close theirs (Node's default is 5 s), so a
      // request never goes out on a connection the server is closing.
      const keepAlive = {
        ...options,
        keepAlive: true,
        timeout: (options.timeout as number | undefined) ?? idleMs,
      };
      this.kept = { agent: secure ? new HttpsAgent(keepAlive) : new HttpAgent(keepAlive), fingerprint };
    }
    // The same kind of agent as the one given (an http or https Agent), so still a `T`.
    return this.kept.agent as T;
  }

  /** Closes the kept connections. */
  destroy(): void {
    this.kept?.agent.destroy();
    this.kept = undefined;
  }
}
