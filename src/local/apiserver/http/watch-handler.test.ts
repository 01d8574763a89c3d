import { afterEach, describe, expect, it } from 'vitest';
import { type RunningApiServer, startApiServer } from '../api-server.js';

let server: RunningApiServer | undefined;
afterEach(() => server?.close());

async function createConfigMaps(url: string, names: string[]): Promise<string> {
  let rv = '';
  for (const name of names) {
    const res = await fetch(`${url}/api/v1/namespaces/default/configmaps`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ metadata: { name } }),
    });
    expect(res.status).toBe(201);
    rv = ((await res.json()) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
  }
  return rv;
}

/** The first `count` lines of a streamed body. */
async function readLines(res: Response, count: number): Promise<string[]> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  while (text.split('\n').length <= count) {
    const { value, done } = await reader.read();
    if (done) break;
    text += value;
  }
  return text.split('\n').slice(0, count);
}

describe('watch resourceVersions', () => {
  it('answers a too old resourceVersion with 200 and a single ERROR event carrying 410 Expired', async () => {
    server = await startApiServer({ historySize: 2, log: () => {} });
    const first = await createConfigMaps(server.url, ['a']);
    await createConfigMaps(server.url, ['b', 'c', 'd']);
    const res = await fetch(
      `${server.url}/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${first}`,
    );
    expect(res.status).toBe(200);
    // The whole body arriving proves the server ended the stream after the event.
    const lines = (await res.text()).trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual({
      type: 'ERROR',
      object: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: `too old resource version: ${first} (${server.store.resourceVersion})`,
        reason: 'Expired',
        code: 410,
      },
    });
  });

  it('replays the changes after a resourceVersion still in the history', async () => {
    server = await startApiServer({ historySize: 10, log: () => {} });
    const first = await createConfigMaps(server.url, ['a']);
    await createConfigMaps(server.url, ['b', 'c']);
    const abort = new AbortController();
    const res = await fetch(
      `${server.url}/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${first}`,
      { signal: abort.signal },
    );
    expect(res.status).toBe(200);
    const events = (await readLines(res, 2)).map(
      (l) => JSON.parse(l) as { type: string; object: { metadata: { name: string } } },
    );
    abort.abort();
    expect(events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['ADDED b', 'ADDED c']);
  });

  it('takes timeoutSeconds=0 as the default timeout, not as an immediate end', async () => {
    server = await startApiServer({ log: () => {} });
    const abort = new AbortController();
    const res = await fetch(
      `${server.url}/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=0`,
      {
        signal: abort.signal,
      },
    );
    expect(res.status).toBe(200);
    await createConfigMaps(server.url, ['later']);
    const [line] = await readLines(res, 1);
    abort.abort();
    expect(JSON.parse(line!)).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'later' } } });
  });

  it('rejects a resourceVersion that is not a number with 422 before streaming', async () => {
    server = await startApiServer({ log: () => {} });
    const res = await fetch(`${server.url}/api/v1/configmaps?watch=true&resourceVersion=abc`);
    expect(res.status).toBe(422);
    const status = (await res.json()) as { reason: string; message: string };
    expect(status.reason).toBe('Invalid');
    expect(status.message).toBe(
      'configmaps "" is invalid: resourceVersion: Invalid value: "abc": strconv.ParseUint: parsing "abc": invalid syntax',
    );
  });
});
