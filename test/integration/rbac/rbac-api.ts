import { writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import type { KubeObject } from '../../../src/kube/kube-object.js';
import type { AccessRecord } from '../../../src/local/apiserver/auth/access-control.js';
import { kubeconfigFor } from '../../../src/local/apiserver/kubeconfig.js';
import { eventually } from '../../support/eventually.js';
import { type TestKube, testKube } from '../../support/kube.js';
import { Kubectl } from '../../support/kubectl.js';
import { startTestApi, type TestApi } from '../../support/local-api.js';

/** A local API server with RBAC on, the authorization decisions it made, and its administrator's client. */
export interface RbacApi {
  api: TestApi;
  /** Every authorization decision so far (the test may empty it). */
  decisions: AccessRecord[];
  /** The administrator's clients (the kubeconfig the server wrote). */
  admin: TestKube;
  /** A kubeconfig file and kubectl for a bearer token (the admin's kubeconfig otherwise). */
  withToken(name: string, token: string): { kubeconfig: string; kubectl: Kubectl };
  /** GET over HTTPS (the server's certificate is self-signed) with an optional bearer token. */
  get(path: string, token?: string): Promise<{ status: number; body: string }>;
  /** Sets the server's fault injection (`PUT /weir/faults`), or clears it without a body. */
  faults(config?: Record<string, unknown>): Promise<void>;
  /** The sum of `apiserver_request_total` samples with this HTTP code (read as the administrator). */
  requests(code: number): Promise<number>;
  /** A legacy token: a `kubernetes.io/service-account-token` Secret for the account, filled by the token controller. */
  secretToken(namespace: string, account: string): Promise<string>;
}

/** Starts an in-memory server with `rbac: true`. */
export async function startRbacApi(): Promise<RbacApi> {
  const decisions: AccessRecord[] = [];
  const api = await startTestApi({
    inMemory: true,
    rbac: true,
    onAccess: (record) => decisions.push(record),
  });
  const admin = testKube(api.kubeconfig);
  const send = (method: string, path: string, options: { token?: string; body?: unknown } = {}) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const headers: Record<string, string> = options.token
        ? { Authorization: `Bearer ${options.token}` }
        : {};
      if (options.body !== undefined) headers['Content-Type'] = 'application/json';
      const req = request(
        `${api.server.url}${path}`,
        { method, rejectUnauthorized: false, headers },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => {
            body += chunk.toString();
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.once('error', reject);
      req.end(options.body === undefined ? undefined : JSON.stringify(options.body));
    });
  const get = (path: string, token?: string) => send('GET', path, token ? { token } : {});
  return {
    api,
    decisions,
    admin,
    withToken(name, token) {
      const kubeconfig = join(api.dir, `kubeconfig-${name}`);
      writeFileSync(kubeconfig, kubeconfigFor(api.server.url, { token }), { mode: 0o600 });
      return { kubeconfig, kubectl: new Kubectl({ ...api.env, KUBECONFIG: kubeconfig }) };
    },
    get,
    async faults(config) {
      const token = api.server.adminToken;
      const answer = config
        ? await send('PUT', '/weir/faults', { token, body: config })
        : await send('DELETE', '/weir/faults', { token });
      if (answer.status !== 200) throw new Error(`/weir/faults answered ${answer.status}: ${answer.body}`);
    },
    async requests(code) {
      const { body } = await get('/metrics', api.server.adminToken);
      let total = 0;
      for (const line of body.split('\n')) {
        if (line.startsWith('apiserver_request_total{') && line.includes(`code="${code}"`))
          total += Number(line.slice(line.lastIndexOf(' ') + 1));
      }
      return total;
    },
    async secretToken(namespace, account) {
      const name = `${account}-token`;
      await admin.raw.create({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name, namespace, annotations: { 'kubernetes.io/service-account.name': account } },
        type: 'kubernetes.io/service-account-token',
      });
      return eventually(async () => {
        const secret = await admin.raw.get<KubeObject & { data?: { token?: string } }>({
          apiVersion: 'v1',
          kind: 'Secret',
          namespace,
          name,
        });
        const token = secret?.data?.token;
        if (!token) throw new Error(`secret ${namespace}/${name} has no token yet`);
        return Buffer.from(token, 'base64').toString('utf8');
      });
    },
  };
}
