import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { stringify } from 'yaml';

/** The kubeconfig for a local server: plain HTTP, no credentials, context `weir-local`. */
export function kubeconfigFor(server: string, namespace = 'default'): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'weir-local', cluster: { server, 'insecure-skip-tls-verify': true } }],
    users: [{ name: 'weir-local', user: {} }],
    contexts: [{ name: 'weir-local', context: { cluster: 'weir-local', user: 'weir-local', namespace } }],
    'current-context': 'weir-local',
    preferences: {},
  });
}

/** Writes a kubeconfig atomically, so a reader never sees half a file. */
export function writeKubeconfig(path: string, server: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, kubeconfigFor(server), { mode: 0o600 });
  renameSync(tmp, path);
}
