import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../support/eventually.js';
import { startTestApi, type TestApi } from '../../support/local-api.js';
import { flaggerReference } from '../../support/reference.js';
import type { StreamingCommand } from '../../support/streaming-command.js';

let api: TestApi;
const watches: StreamingCommand[] = [];

/** The rows kubectl printed (watch rows are not re-aligned with the header), as whitespace-split cells. */
function rows(output: string): string[][] {
  return output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.trim().split(/\s+/));
}

function watch(args: string[]): StreamingCommand {
  const command = api.kubectl.spawn(args);
  watches.push(command);
  return command;
}

beforeAll(async () => {
  api = await startTestApi({ inMemory: true });
  await api.kubectl.ok(['create', 'ns', 'test']);
  await api.kubectl.ok(['apply', '-k', flaggerReference('kustomize-podinfo')]);
});
afterEach(async () => {
  await Promise.all(watches.splice(0).map((w) => w.stop()));
  await eventually(() => expect(api.server.watches.size).toBe(0));
});
afterAll(async () => {
  await api?.stop();
});

describe('kubectl get -w', () => {
  it('prints the list, then a row for each change', async () => {
    const w = watch(['get', 'deployments', '-n', 'test', '-w']);
    const initial = await w.waitFor((out) => rows(out).length >= 2);
    expect(rows(initial)).toEqual([
      ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
      ['podinfo', '0/1', '0', '0', expect.stringMatching(/^\d+s$/)],
    ]);

    await api.kubectl.ok(['scale', '-n', 'test', 'deployment/podinfo', '--replicas=4']);
    const scaled = await w.waitFor((out) => rows(out).length >= 3);
    expect(rows(scaled)[2]?.slice(0, 4)).toEqual(['podinfo', '0/4', '0', '0']);

    await api.kubectl.ok(['create', 'deployment', '-n', 'test', 'web', '--image=nginx:1.27']);
    const created = await w.waitFor((out) => rows(out).some((r) => r[0] === 'web'));
    expect(
      rows(created)
        .find((r) => r[0] === 'web')
        ?.slice(0, 4),
    ).toEqual(['web', '0/1', '0', '0']);
    expect(w.stderr()).toBe('');
  });

  it('labels each row with its event type across namespaces with --output-watch-events', async () => {
    await api.kubectl.ok(['create', 'configmap', '-n', 'test', 'settings', '--from-literal=color=blue']);
    const w = watch(['get', 'configmaps', '-A', '--watch-only', '--output-watch-events']);
    // --watch-only prints nothing until the first change: wait until its watch is open, so that the
    // change below happens after the list the watch resumes from.
    await eventually(() => expect(api.server.watches.size).toBe(1));
    await api.kubectl.ok(['create', 'configmap', '-n', 'default', 'fresh', '--from-literal=a=1']);
    await w.waitFor((out) => out.includes('fresh'));
    await api.kubectl.ok(['patch', 'configmap', '-n', 'test', 'settings', '-p', '{"data":{"size":"L"}}']);
    await w.waitFor((out) => out.includes('settings'));
    await api.kubectl.ok(['delete', 'configmap', '-n', 'default', 'fresh']);
    const out = await w.waitFor((text) => rows(text).filter((r) => r[0] === 'DELETED').length === 1);

    const printed = rows(out);
    expect(printed[0]).toEqual(['EVENT', 'NAMESPACE', 'NAME', 'DATA', 'AGE']);
    expect(printed.slice(1).map((r) => r.slice(0, 4))).toEqual([
      ['ADDED', 'default', 'fresh', '1'],
      ['MODIFIED', 'test', 'settings', '2'],
      ['DELETED', 'default', 'fresh', '1'],
    ]);
  });
});
