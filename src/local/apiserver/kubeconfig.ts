import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { stringify } from 'yaml';

/** What a kubeconfig for a local server says besides the server. */
export interface KubeconfigOptions {
  /** The context's namespace (`default`). */
  namespace?: string;
  /** A bearer token (the administrator's, or a service account's); none without RBAC. */
  token?: string;
}

/** The kubeconfig for a local server: plain HTTP, context `weir-local`, a bearer token when given. */
export function kubeconfigFor(server: string, options: KubeconfigOptions = {}): string {
  const namespace = options.namespace ?? 'default';
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'weir-local', cluster: { server, 'insecure-skip-tls-verify': true } }],
    users: [{ name: 'weir-local', user: options.token ? { token: options.token } : {} }],
    contexts: [{ name: 'weir-local', context: { cluster: 'weir-local', user: 'weir-local', namespace } }],
    'current-context': 'weir-local',
    preferences: {},
  });
}

/** Writes a kubeconfig atomically, so a reader never sees half a file. */
export function writeKubeconfig(path: string, server: string, options: KubeconfigOptions = {}): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, kubeconfigFor(server, options), { mode: 0o600 });
  renameSync(tmp, path);
}
