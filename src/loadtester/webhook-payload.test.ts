import { describe, expect, it } from 'vitest';
import { LoadTesterError } from './loadtester-error.js';
import { canaryKey, metadataFlag, parseWebhookPayload } from './webhook-payload.js';

function failure(body: string): LoadTesterError {
  try {
    parseWebhookPayload(body);
  } catch (error) {
    if (error instanceof LoadTesterError) return error;
    throw error;
  }
  throw new Error('expected a LoadTesterError');
}

describe('parseWebhookPayload', () => {
  it("reads Flagger's payload", () => {
    const payload = parseWebhookPayload(
      '{"name":"podinfo","namespace":"test","phase":"Progressing","checksum":"abc","metadata":{"cmd":"hey"}}',
    );
    expect(payload).toEqual({
      name: 'podinfo',
      namespace: 'test',
      phase: 'Progressing',
      checksum: 'abc',
      metadata: { cmd: 'hey' },
    });
    expect(canaryKey(payload)).toBe('podinfo.test');
  });

  it('bad JSON is a bad-json error with the parser message, as a 400 JSON body', () => {
    const error = failure('{"name":');
    expect(error.code).toBe('bad-json');
    expect(error.status).toBe(400);
    const body = error.body();
    expect(body.contentType).toBe('application/json');
    expect(JSON.parse(body.text)).toMatchObject({
      code: 'bad-json',
      error: expect.stringMatching(/^decoding the request body failed: /),
    });
  });

  it('metadata must map strings to strings, as in the Canary CRD', () => {
    expect(failure('{"metadata":{"returnCmdOutput":true}}').message).toBe(
      'metadata.returnCmdOutput must be a string, got true',
    );
    expect(failure('[1]').code).toBe('bad-payload');
  });

  it("reads metadata flags with Go's ParseBool truth", () => {
    expect(metadataFlag({ a: 'true', b: 'T', c: '1', d: 'yes' }, 'a')).toBe(true);
    expect(['b', 'c', 'd', 'e'].map((k) => metadataFlag({ b: 'T', c: '1', d: 'yes' }, k))).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});
