import type { Container } from '../../../kube/api/core-v1.js';
import { type Invocation, weirInvocation } from '../../../platform/self-command.js';

/** What runs for a container: a process (listening on `port`, when known). */
export interface ContainerProgram {
  invocation: Invocation;
  /** The port the process serves on, for readiness when the container has no probe. */
  port?: number;
  /**
   * The process talks to the API server: the kubelet writes a kubeconfig for the pod's ServiceAccount
   * and points `KUBECONFIG` at it (in-cluster configuration is not possible on one machine).
   */
  apiAccess?: boolean;
}

/** Everything a mapping may use to decide what runs. */
export interface ImageContext {
  image: string;
  container: Container;
  /** The pod's own address, which the process must bind to. */
  podIP: string;
}

/** Maps a container to a program; undefined makes it a simulated container (no process). */
export type ImageResolver = (context: ImageContext) => ContainerProgram | undefined;

/** `registry/path/name:tag` split into the last path segment and the tag (`latest` when none). */
export function parseImage(image: string): { name: string; tag: string } {
  const withoutDigest = image.split('@')[0] ?? image;
  const slash = withoutDigest.lastIndexOf('/');
  const last = withoutDigest.slice(slash + 1);
  const colon = last.indexOf(':');
  return colon < 0
    ? { name: last, tag: 'latest' }
    : { name: last.slice(0, colon), tag: last.slice(colon + 1) };
}

/**
 * The application's own flags: `command` minus its executable (when the executable is the app, e.g.
 * `./podinfo`), then `args`. A command running something else (a shell) gives no flags.
 */
export function appFlags(container: Container, binary: string): string[] {
  const command = container.command ?? [];
  let fromCommand: string[] = [];
  if (command.length > 0) {
    const executable = command[0]!.slice(command[0]!.lastIndexOf('/') + 1);
    if (executable !== binary) return [...(container.args ?? [])];
    fromCommand = command.slice(1);
  }
  return [...fromCommand, ...(container.args ?? [])];
}

/** Removes a flag (`--name=v`, `--name v`, `-name=v`, `-name v`) and answers its last value. */
export function takeFlag(
  flags: readonly string[],
  name: string,
): { value: string | undefined; rest: string[] } {
  const rest: string[] = [];
  let value: string | undefined;
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i]!;
    const match = /^--?([^=]+)(?:=(.*))?$/.exec(flag);
    if (!match || match[1] !== name) {
      rest.push(flag);
      continue;
    }
    if (match[2] !== undefined) value = match[2];
    else if (i + 1 < flags.length && !flags[i + 1]!.startsWith('-')) value = flags[++i];
    else value = '';
  }
  return { value, rest };
}

function portFrom(text: string | undefined, fallback: number): number {
  const port = Number(text);
  return text !== undefined && Number.isInteger(port) && port > 0 && port < 65536 ? port : fallback;
}

/** podinfo's default `--port`. */
const podinfoDefaultPort = 9898;
/** Flagger's load tester's default `-port`. */
const loadtesterDefaultPort = 9090;

/**
 * A podinfo image (any registry, `…/podinfo:<tag>`) → `weir local podinfo --host <podIP> --port <port> --version <tag> <podinfo flags>`:
 * the port from the container's `--port` (podinfo's default 9898 otherwise), its other flags kept.
 */
export function podinfoProgram(context: ImageContext): ContainerProgram {
  const { tag } = parseImage(context.image);
  const { value: port, rest } = takeFlag(appFlags(context.container, 'podinfo'), 'port');
  const flags = takeFlag(rest, 'host').rest;
  const listen = portFrom(port, podinfoDefaultPort);
  return {
    invocation: weirInvocation([
      'local',
      'podinfo',
      '--host',
      context.podIP,
      '--port',
      String(listen),
      '--version',
      tag,
      ...flags,
    ]),
    port: listen,
  };
}

/** A `…/flagger-loadtester:<tag>` image → `weir loadtester -host <podIP> <its flags>` (`-port` as given, default 9090). */
export function loadtesterProgram(context: ImageContext): ContainerProgram {
  const flags = takeFlag(appFlags(context.container, 'loadtester'), 'host').rest;
  const port = portFrom(takeFlag(flags, 'port').value, loadtesterDefaultPort);
  return { invocation: weirInvocation(['loadtester', '-host', context.podIP, ...flags]), port };
}

/** The operator's default `-port`. */
const operatorDefaultPort = 8080;

/**
 * The operator's flags: the container's args, after its command minus whatever starts the operator
 * (`weir operator`, `node bin/weir.js operator`, Flagger's `./flagger`). Without a command the image's
 * entrypoint (`weir operator`) runs with the args, as in a cluster.
 */
function operatorFlags(container: Container): string[] {
  const command = container.command ?? [];
  const args = container.args ?? [];
  const start = command.findIndex((part) => part === 'operator' || /(^|\/)flagger$/.test(part));
  return start < 0 ? [...args] : [...command.slice(start + 1), ...args];
}

/**
 * A `…/weir:<tag>` image (the operator's, e.g. `ghcr.io/weir-dev/weir`) → `weir operator -host <podIP>
 * <its flags>`: the ops endpoints on the pod's address at `-port` (default 8080), the API server reached
 * through the kubeconfig the kubelet writes for the pod's ServiceAccount (`KUBECONFIG`).
 */
export function operatorProgram(context: ImageContext): ContainerProgram {
  const flags = takeFlag(operatorFlags(context.container), 'host').rest;
  const port = portFrom(takeFlag(flags, 'port').value, operatorDefaultPort);
  return {
    invocation: weirInvocation(['operator', `-host=${context.podIP}`, ...flags]),
    port,
    apiAccess: true,
  };
}

/**
 * The images Weir runs for real: podinfo, Flagger's load tester and Weir's operator; every other image is
 * simulated.
 */
export const defaultImageResolver: ImageResolver = (context) => {
  const { name } = parseImage(context.image);
  if (name === 'podinfo') return podinfoProgram(context);
  if (name === 'flagger-loadtester') return loadtesterProgram(context);
  if (name === 'weir') return operatorProgram(context);
  return undefined;
};
