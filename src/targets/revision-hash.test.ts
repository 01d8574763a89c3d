import { describe, expect, it } from 'vitest';
import { canonicalJson, flaggerId, jsonEqual, revisionHash } from './revision-hash.js';

const template = () => ({
  metadata: { labels: { app: 'podinfo' }, annotations: { 'prometheus.io/scrape': 'true' } },
  spec: {
    containers: [
      {
        name: 'podinfod',
        image: 'ghcr.io/stefanprodan/podinfo:6.0.0',
        ports: [{ name: 'http', containerPort: 9898 }],
      },
    ],
  },
});

/** The same value with every object's keys in reverse order. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversed(v)]),
  );
}

describe('revisionHash', () => {
  it("looks like Flagger's: 10 characters of apimachinery's safe alphabet", () => {
    expect(revisionHash(template())).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{10}$/);
  });

  it('is stable: the same template hashes the same, whatever the key order', () => {
    const first = revisionHash(template());
    expect(revisionHash(template())).toBe(first);
    expect(JSON.stringify(reversed(template()))).not.toBe(JSON.stringify(template()));
    expect(revisionHash(reversed(template()))).toBe(first);
    // Pinned: a change of the canonical form would make every canary see a new revision after an upgrade.
    expect(first).toMatchInlineSnapshot(`"bcv2t6jbw2"`);
  });

  it('changes with one image', () => {
    const next = template();
    next.spec.containers[0]!.image = 'ghcr.io/stefanprodan/podinfo:6.0.1';
    expect(revisionHash(next)).not.toBe(revisionHash(template()));
  });

  it('keeps array order significant', () => {
    const a = { args: ['--a', '--b'] };
    const b = { args: ['--b', '--a'] };
    expect(revisionHash(a)).not.toBe(revisionHash(b));
  });
});

describe('canonicalJson and jsonEqual', () => {
  it('sort keys at every depth and ignore undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[{"y":2,"z":1}]},"b":1}',
    );
    expect(jsonEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 2 })).toBe(false);
  });
});

describe('flaggerId', () => {
  it('is a version-5 UUID derived from the revision only', () => {
    const id = flaggerId('bcv2t6jbw2');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(flaggerId('bcv2t6jbw2')).toBe(id);
    expect(flaggerId('bcv2t6jbw4')).not.toBe(id);
  });
});
