import { describe, expect, it } from 'vitest';
import type { PodTemplateSpec } from '../../kube/api/core-v1.js';
import { canonicalJson, sameTemplate, templateHash } from './template-hash.js';

const template = (image: string, labels: Record<string, string> = { app: 'a' }): PodTemplateSpec => ({
  metadata: { labels },
  spec: { containers: [{ name: 'c', image }] },
});

describe('templateHash', () => {
  it('is stable, shaped like Kubernetes hashes, and changes with the template or collision count', () => {
    const hash = templateHash(template('nginx:1'));
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
    expect(templateHash(template('nginx:1'))).toBe(hash);
    expect(templateHash(template('nginx:2'))).not.toBe(hash);
    expect(templateHash(template('nginx:1'), 1)).not.toBe(hash);
  });

  it('ignores key order and the hash labels themselves', () => {
    const reordered: PodTemplateSpec = {
      spec: { containers: [{ image: 'nginx:1', name: 'c' }] },
      metadata: { labels: { app: 'a' } },
    };
    expect(templateHash(reordered)).toBe(templateHash(template('nginx:1')));
    const labelled = template('nginx:1', { app: 'a', 'pod-template-hash': 'xyz' });
    expect(sameTemplate(labelled, template('nginx:1'))).toBe(true);
    expect(sameTemplate(template('nginx:2'), template('nginx:1'))).toBe(false);
  });

  it('prints canonical JSON with sorted keys', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: null }], e: undefined })).toBe(
      '{"a":[{"c":null,"d":2}],"b":1}',
    );
  });
});
