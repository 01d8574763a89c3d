import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { stringify } from 'yaml';
import type { Pod } from '../../../kube/api/core-v1.js';
import type { KubeClient } from '../../../kube/kube-client.js';
import type { KubeObject } from '../../../kube/kube-object.js';

/** The Secret type the token controller fills for a ServiceAccount. */
export const serviceAccountTokenType = 'kubernetes.io/service-account-token';
/** The annotation naming the ServiceAccount a token Secret belongs to. */
export const serviceAccountNameAnnotation = 'kubernetes.io/service-account.name';

interface Secret extends KubeObject {
  type?: string;
  data?: Record<string, string>;
}

/** The ServiceAccount a pod runs as (`default` when the spec names none, as in Kubernetes). */
export function podServiceAccount(pod: Pod): string {
  const name = pod.spec.serviceAccountName ?? pod.spec.serviceAccount;
  return typeof name === 'string' && name !== '' ? name : 'default';
}

/**
 * The token of a ServiceAccount: the `token` of the first (by name) Secret of type
 * `kubernetes.io/service-account-token` annotated with the account's name; undefined when there is none.
 */
export async function serviceAccountToken(
  client: KubeClient,
  namespace: string,
  serviceAccount: string,
): Promise<string | undefined> {
  const { items } = await client.list<Secret>({ apiVersion: 'v1', kind: 'Secret' }, { namespace });
  const token = items
    .filter(
      (secret) =>
        secret.type === serviceAccountTokenType &&
        secret.metadata.annotations?.[serviceAccountNameAnnotation] === serviceAccount &&
        secret.data?.token,
    )
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))[0]?.data?.token;
  return token === undefined ? undefined : Buffer.from(token, 'base64').toString('utf8');
}

/** What a pod's kubeconfig says: where the API server is, who the pod is and its namespace. */
export interface PodKubeconfig {
  /** The API server's URL. */
  server: string;
  /** The pod's namespace, the kubeconfig context's default. */
  namespace: string;
  /** The pod's ServiceAccount, named in the user entry. */
  serviceAccount: string;
  /** The ServiceAccount's token, sent as a bearer token; none when the account has no token Secret. */
  token?: string;
}

/**
 * The kubeconfig the playground gives a pod instead of in-cluster configuration (which needs a cluster
 * network and a mounted token): the API server's address, the ServiceAccount's token when it has one,
 * and the pod's namespace as the default.
 */
export function podKubeconfigText(config: PodKubeconfig): string {
  const user = `system:serviceaccount:${config.namespace}:${config.serviceAccount}`;
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    // The local API server's certificate (with RBAC on) is self-signed and made at its first start.
    clusters: [{ name: 'weir-local', cluster: { server: config.server, 'insecure-skip-tls-verify': true } }],
    users: [{ name: user, user: config.token ? { token: config.token } : {} }],
    contexts: [{ name: 'pod', context: { cluster: 'weir-local', user, namespace: config.namespace } }],
    'current-context': 'pod',
  });
}

/** Writes a pod's kubeconfig (owner-only permissions: it may hold a token). */
export function writePodKubeconfig(path: string, config: PodKubeconfig): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, podKubeconfigText(config), { mode: 0o600 });
}
