import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import {
  canaryFields,
  canaryFieldsDocPath,
  renderCanaryFieldsDoc,
} from '../../../scripts/docs/canary-fields-doc.js';
import { flagsDocPath, renderFlagsDoc } from '../../../scripts/docs/flags-doc.js';
import { installCopies, namespacelessRbac } from '../../../scripts/install/install-copies.js';
import { flagDefinitions } from '../../../src/config/flags.js';
import type { KubeObject } from '../../../src/kube/kube-object.js';
import { repoPath } from './install-world.js';

const committed = (path: string) => readFileSync(repoPath(path), 'utf8');

describe('files kept in step with their sources', () => {
  it.each(installCopies().map((copy) => [copy.path, copy] as const))(
    '%s matches its source (run `npx tsx scripts/sync-install-manifests.ts` when this fails)',
    (path, copy) => {
      expect(committed(path) === copy.text, `${path} is out of date with ${copy.source}`).toBe(true);
    },
  );

  it.each([
    [flagsDocPath, renderFlagsDoc],
    [canaryFieldsDocPath, renderCanaryFieldsDoc],
  ] as const)('%s is what scripts/generate-docs.ts writes', (path, render) => {
    expect(
      committed(path) === render(),
      `${path} is out of date: run \`npx tsx scripts/generate-docs.ts\``,
    ).toBe(true);
  });

  it('chart and kustomize versions are the package version', () => {
    const { version } = JSON.parse(committed('package.json')) as { version: string };
    for (const chart of ['weir', 'loadtester', 'grafana'])
      expect(parse(committed(`charts/${chart}/Chart.yaml`))).toMatchObject({ version, appVersion: version });
    expect(committed('deploy/kustomize/base/deployment.yaml')).toContain(
      `image: ghcr.io/weir-dev/weir:${version}`,
    );
  });
});

describe('docs/flags.md', () => {
  it('documents every flag with its default', () => {
    const doc = renderFlagsDoc();
    for (const flag of flagDefinitions) {
      const line = doc.split('\n').find((l) => l.startsWith(`| \`-${flag.name}\` |`));
      expect(line, flag.name).toContain(flag.default === '' ? '""' : `\`${flag.default}\``);
    }
  });
});

describe('docs/canary-fields.md', () => {
  it('lists spec and status fields with the defaults the schemas state', () => {
    const fields = new Map(canaryFields().map((f) => [f.path, f]));
    expect(fields.get('spec.progressDeadlineSeconds')?.defaultValue).toBe('600');
    expect(fields.get('spec.service.port')?.required).toBe(true);
    expect(fields.get('spec.analysis.webhooks[].timeout')?.defaultValue).toMatch(/10s/);
    expect(fields.get('spec.analysis.sessionAffinity.maxAge')?.defaultValue).toBe('`86400`');
    expect(fields.get('spec.skipAnalysis')?.defaultValue).toBe('`false`');
    expect(fields.has('status.phase')).toBe(true);
    expect(fields.has('spec.analysis.metrics[].templateRef.name')).toBe(true);
  });
});

describe('namespacelessRbac', () => {
  const source = [
    '# header',
    'apiVersion: v1',
    'kind: ServiceAccount',
    'metadata: {name: weir, namespace: ops}',
    '---',
    'kind: RoleBinding',
    'metadata:',
    '  name: b',
    '  namespace: ops',
    'subjects:',
    '  # the operator',
    '  - {kind: ServiceAccount, name: weir, namespace: ops}',
    '  - {kind: User, name: jane, namespace: ops}',
    '',
  ].join('\n');

  it('drops ServiceAccounts and namespaces (of objects and ServiceAccount subjects), keeping comments', () => {
    const text = namespacelessRbac(source);
    expect(text.startsWith('# header\n')).toBe(true);
    expect(text).toContain('# the operator');
    expect(parseAllDocuments(text).map((d) => d.toJSON() as KubeObject)).toEqual([
      {
        kind: 'RoleBinding',
        metadata: { name: 'b' },
        subjects: [
          { kind: 'ServiceAccount', name: 'weir' },
          { kind: 'User', name: 'jane', namespace: 'ops' },
        ],
      },
    ]);
  });
});
