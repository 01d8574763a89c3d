import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import type { Container, IntOrString, Probe } from '../../../kube/api/core-v1.js';

/** What one probe attempt does. */
export type ProbeAction =
  | { kind: 'http'; url: string; headers: Record<string, string> }
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'pass' }
  | { kind: 'fail'; message: string };

/** The outcome of one attempt. */
export interface ProbeResult {
  ok: boolean;
  /** Why it failed, worded like the kubelet's `Readiness probe failed: …`. */
  message?: string;
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '0.0.0.0', '[::1]', '::1']);

function resolvePort(port: IntOrString, container: Container): number | undefined {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

/** An HTTP URL of an exec probe, its `localhost` pointed at the pod's address. */
function httpTo(target: string, podIP: string): ProbeAction | undefined {
  const withScheme = /^https?:\/\//.test(target) ? target : `http://${target}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return undefined;
  }
  if (loopbackHosts.has(url.hostname)) url.hostname = podIP;
  return { kind: 'http', url: url.toString(), headers: {} };
}

/**
 * The exec probes upstream manifests use that only check HTTP or TCP — `podcli check http
 * localhost:9898/readyz`, `podcli check tcp …`, `wget … --spider http://localhost:8080/healthz`, `curl …
 * http://…` — become that request against the pod's address (a container has no shell here). Any other
 * command passes.
 */
export function execAction(command: readonly string[], podIP: string): ProbeAction {
  const executable = (command[0] ?? '').slice((command[0] ?? '').lastIndexOf('/') + 1);
  if (executable === 'podcli' && command[1] === 'check' && command[3]) {
    if (command[2] === 'http') return httpTo(command[3], podIP) ?? { kind: 'pass' };
    if (command[2] === 'tcp') {
      const match = /^(?:tcp:\/\/)?([^:/]+):(\d+)$/.exec(command[3]);
      if (match)
        return {
          kind: 'tcp',
          host: loopbackHosts.has(match[1]!) ? podIP : match[1]!,
          port: Number(match[2]),
        };
    }
    return { kind: 'pass' };
  }
  if (executable === 'wget' || executable === 'curl') {
    const target = command.slice(1).find((arg) => /^https?:\/\//.test(arg));
    if (target) return httpTo(target, podIP) ?? { kind: 'pass' };
  }
  return { kind: 'pass' };
}

/** What a container's probe does against the pod at `podIP` (named ports resolved among the container's). */
export function probeAction(probe: Probe, container: Container, podIP: string): ProbeAction {
  if (probe.httpGet) {
    const port = resolvePort(probe.httpGet.port, container);
    if (port === undefined) return { kind: 'fail', message: `port "${probe.httpGet.port}" not found` };
    const scheme = (probe.httpGet.scheme ?? 'HTTP').toLowerCase();
    const host = probe.httpGet.host || podIP;
    const path = probe.httpGet.path ?? '/';
    const headers = Object.fromEntries((probe.httpGet.httpHeaders ?? []).map((h) => [h.name, h.value]));
    return {
      kind: 'http',
      url: `${scheme}://${host}:${port}${path.startsWith('/') ? path : `/${path}`}`,
      headers,
    };
  }
  if (probe.tcpSocket) {
    const port = resolvePort(probe.tcpSocket.port, container);
    if (port === undefined) return { kind: 'fail', message: `port "${probe.tcpSocket.port}" not found` };
    return { kind: 'tcp', host: probe.tcpSocket.host || podIP, port };
  }
  if (probe.exec?.command) return execAction(probe.exec.command, podIP);
  return { kind: 'pass' };
}

function httpCheck(url: string, headers: Record<string, string>, timeoutMs: number): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const secure = url.startsWith('https:');
    const send = secure ? httpsRequest : httpRequest;
    const req = send(
      url,
      {
        method: 'GET',
        headers: { 'User-Agent': 'kube-probe/1.31', Accept: '*/*', ...headers },
        timeout: timeoutMs,
        agent: false,
        ...(secure ? { rejectUnauthorized: false } : {}),
      },
      (res) => {
        res.resume();
        const code = res.statusCode ?? 0;
        resolve(
          code >= 200 && code < 400
            ? { ok: true }
            : { ok: false, message: `HTTP probe failed with statuscode: ${code}` },
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error(`Get "${url}": context deadline exceeded`)));
    req.on('error', (error) => resolve({ ok: false, message: `Get "${url}": ${error.message}` }));
    req.end();
  });
}

function tcpCheck(host: string, port: number, timeoutMs: number): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: timeoutMs });
    socket.once('connect', () => {
      socket.destroy();
      resolve({ ok: true });
    });
    socket.once('timeout', () => socket.destroy(new Error('i/o timeout')));
    socket.once('error', (error) =>
      resolve({ ok: false, message: `dial tcp ${host}:${port}: ${error.message}` }),
    );
  });
}

/** Runs one attempt; never throws. */
export function runProbeAction(action: ProbeAction, timeoutMs: number): Promise<ProbeResult> {
  switch (action.kind) {
    case 'http':
      return httpCheck(action.url, action.headers, timeoutMs);
    case 'tcp':
      return tcpCheck(action.host, action.port, timeoutMs);
    case 'pass':
      return Promise.resolve({ ok: true });
    case 'fail':
      return Promise.resolve({ ok: false, message: action.message });
    default:
      return assertNever(action);
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected probe action ${JSON.stringify(value)}`);
}
