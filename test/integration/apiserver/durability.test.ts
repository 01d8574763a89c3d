import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type CliApiServer, spawnCliApiServer } from '../../support/cli-api-server.js';
import { linkerdCanary } from '../../support/flagger-fixtures.js';
import { startTestApi, type TestApi } from '../../support/local-api.js';
import { flaggerReference } from '../../support/reference.js';

interface Item {
  kind: string;
  metadata: { name: string; namespace?: string; uid: string; resourceVersion: string };
  spec?: { clusterIP?: string };
}

const manifest = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'durable' } },
  {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'settings', namespace: 'durable' },
    data: { a: '1' },
  },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'podinfo', namespace: 'durable' },
    spec: { selector: { app: 'podinfo' }, ports: [{ port: 9898 }] },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'podinfo', namespace: 'durable' },
    spec: {
      selector: { matchLabels: { app: 'podinfo' } },
      template: {
        metadata: { labels: { app: 'podinfo' } },
        spec: { containers: [{ name: 'podinfod', image: 'ghcr.io/stefanprodan/podinfo:6.0.0' }] },
      },
    },
  },
  { ...linkerdCanary(), metadata: { name: 'podinfo', namespace: 'durable' } },
];
const kinds = 'configmaps,services,deployments,canaries.flagger.app';

const identities = (items: Item[]): string[] =>
  items.map((i) => `${i.kind}/${i.metadata.name} ${i.metadata.uid} ${i.metadata.resourceVersion}`).sort();

describe('durability', () => {
  let api: TestApi | undefined;
  afterAll(() => api?.stop());

  it('keeps objects, uids and resourceVersions across a restart between kubectl steps', async () => {
    api = await startTestApi();
    const { kubectl } = api;
    await kubectl.ok(['apply', '-f', flaggerReference('crd.yaml')]);
    await kubectl.ok(['wait', '--for', 'condition=established', 'crd/canaries.flagger.app']);
    await kubectl.ok(
      ['apply', '-f', '-'],
      JSON.stringify({ apiVersion: 'v1', kind: 'List', items: manifest }),
    );
    const before = await kubectl.json<{ items: Item[] }>(['get', kinds, '-n', 'durable']);
    const ns = await kubectl.json<Item>(['get', 'namespace', 'durable']);
    expect(before.items).toHaveLength(4);

    await api.restart();

    const after = await kubectl.json<{ items: Item[] }>(['get', kinds, '-n', 'durable']);
    expect(identities(after.items)).toEqual(identities(before.items));
    expect(after.items).toEqual(before.items);
    expect(await kubectl.json<Item>(['get', 'namespace', 'durable'])).toEqual(ns);

    // The resourceVersion continues; allocations made before the restart stay taken.
    const highest = Math.max(...before.items.map((i) => Number(i.metadata.resourceVersion)));
    await kubectl.ok(['create', 'configmap', 'later', '-n', 'durable']);
    const later = await kubectl.json<Item>(['get', 'configmap', 'later', '-n', 'durable']);
    expect(Number(later.metadata.resourceVersion)).toBeGreaterThan(highest);
    await kubectl.ok(['create', 'service', 'clusterip', 'second', '--tcp', '80:8080', '-n', 'durable']);
    const second = await kubectl.json<Item>(['get', 'service', 'second', '-n', 'durable']);
    const first = before.items.find((i) => i.kind === 'Service');
    expect(second.spec?.clusterIP).not.toBe(first?.spec?.clusterIP);
    // A changed object keeps its uid.
    await kubectl.ok(['label', 'deployment', 'podinfo', '-n', 'durable', 'tier=web']);
    const relabelled = await kubectl.json<Item>(['get', 'deployment', 'podinfo', '-n', 'durable']);
    expect(relabelled.metadata.uid).toBe(before.items.find((i) => i.kind === 'Deployment')?.metadata.uid);
  });
});

interface Acked {
  rv: number;
  value: string;
}

async function writeConfigMap(url: string, name: string, value: string, create: boolean): Promise<number> {
  const path = `/api/v1/namespaces/default/configmaps${create ? '' : `/${name}`}`;
  const res = await fetch(url + path, {
    method: create ? 'POST' : 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ metadata: { name }, data: { value, padding: 'x'.repeat(512) } }),
  });
  if (res.status >= 300) throw new Error(`write ${name} answered ${res.status}: ${await res.text()}`);
  return Number(((await res.json()) as Item).metadata.resourceVersion);
}

describe('crash durability', () => {
  const dir = mkdtempSync(join(tmpdir(), 'weir-crash-'));
  const servers: CliApiServer[] = [];
  afterAll(async () => {
    for (const server of servers) await server.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged write after SIGKILL mid-load, and serves new writes', async () => {
    const options = { dataDir: join(dir, 'data'), kubeconfig: join(dir, 'kubeconfig') };
    const first = await spawnCliApiServer(options);
    servers.push(first);
    const acked = new Map<string, Acked>();
    const inFlight = new Map<string, string>();
    let killing: Promise<void> | undefined;
    const writer = async (id: number): Promise<void> => {
      for (let n = 0; ; n++) {
        const name = `w${id}-${Math.floor(n / 3)}`;
        const value = String(n);
        inFlight.set(name, value);
        try {
          const rv = await writeConfigMap(first.url, name, value, n % 3 === 0);
          acked.set(name, { rv, value });
          inFlight.delete(name);
        } catch {
          return; // the server died under this request: its outcome is unknown
        }
        if (acked.size >= 60 && !killing) killing = first.kill('SIGKILL');
      }
    };
    await Promise.all([0, 1, 2, 3].map(writer));
    await killing;
    expect(first.child.signalCode).toBe('SIGKILL');

    const second = await spawnCliApiServer({ ...options, port: first.port });
    servers.push(second);
    const res = await fetch(`${second.url}/api/v1/namespaces/default/configmaps`);
    expect(res.status).toBe(200);
    const list = (await res.json()) as { items: (Item & { data: { value: string } })[] };
    const stored = new Map(list.items.map((i) => [i.metadata.name, i]));
    for (const [name, { rv, value }] of acked) {
      const object = stored.get(name);
      expect(object, name).toBeDefined();
      // An unanswered write to the same object may have landed after the acknowledged one.
      const allowed = [value, inFlight.get(name)].filter((v) => v !== undefined);
      expect(allowed, name).toContain(object?.data.value);
      expect(Number(object?.metadata.resourceVersion), name).toBeGreaterThanOrEqual(rv);
    }
    for (const name of stored.keys()) expect(acked.has(name) || inFlight.has(name), name).toBe(true);

    const highest = Math.max(...[...acked.values()].map((a) => a.rv));
    const rv = await writeConfigMap(second.url, 'after-crash', '1', true);
    expect(rv).toBeGreaterThan(highest);
    await second.kill('SIGTERM');
    expect(second.child.exitCode).toBe(0);
    // A clean stop leaves a snapshot holding everything and an empty journal.
    const snapshot = JSON.parse(readFileSync(join(options.dataDir, 'snapshot.json'), 'utf8')) as {
      objects: Record<string, Item[]>;
    };
    const saved = Object.values(snapshot.objects)
      .flat()
      .map((o) => o.metadata.name);
    expect(saved).toEqual(expect.arrayContaining([...acked.keys(), 'after-crash']));
    expect(readFileSync(join(options.dataDir, 'journal.ndjson'), 'utf8')).toBe('');
  });
});
