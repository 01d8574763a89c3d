import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { flaggerExamples } from '../../support/flagger-fixtures.js';
import { startTestApi, type TestApi } from '../../support/local-api.js';
import { flaggerReference } from '../../support/reference.js';
import { parseTable } from '../../support/table.js';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ inMemory: true });
  await api.kubectl.ok(['create', 'ns', 'test']);
});
afterAll(async () => {
  await api?.stop();
});

/** A Canary manifest built from the linkerd example with `change` applied to its spec. */
function canary(name: string, change: (spec: Record<string, unknown>) => void): string {
  const [, example] = flaggerExamples().find(([file]) => file === 'linkerd-canary.yaml')!;
  const spec = structuredClone(example.spec) as Record<string, unknown>;
  change(spec);
  return stringify({ ...example, metadata: { name, namespace: 'test' }, spec });
}

describe("Flagger's CRDs and example Canaries through kubectl", () => {
  it('applies the upstream CRDs', async () => {
    const out = await api.kubectl.ok(['apply', '-f', flaggerReference('crd.yaml')]);
    expect(out).toBe(
      [
        'customresourcedefinition.apiextensions.k8s.io/canaries.flagger.app created',
        'customresourcedefinition.apiextensions.k8s.io/metrictemplates.flagger.app created',
        'customresourcedefinition.apiextensions.k8s.io/alertproviders.flagger.app created',
        '',
      ].join('\n'),
    );
    const resources = await api.kubectl.ok(['api-resources', '--api-group=flagger.app', '-o', 'name']);
    expect(resources.split('\n').filter(Boolean).sort()).toEqual([
      'alertproviders.flagger.app',
      'canaries.flagger.app',
      'metrictemplates.flagger.app',
    ]);
  });

  it('applies every upstream example Canary over the previous one', async () => {
    const examples = flaggerExamples();
    expect(examples.length).toBeGreaterThanOrEqual(5);
    for (const [index, [file, example]] of examples.entries()) {
      const out = await api.kubectl.ok(['apply', '-f', flaggerReference('examples', file)]);
      expect(out, file).toBe(`canary.flagger.app/podinfo ${index === 0 ? 'created' : 'configured'}\n`);
      const live = await api.kubectl.json<{ spec: unknown }>(['get', 'canary', '-n', 'test', 'podinfo']);
      // Exactly the example: what only the previous example set (provider, stepWeights, …) is gone.
      expect(live.spec, file).toEqual(example.spec);
    }
  });

  it("prints Flagger's printer columns, plain and wide", async () => {
    await api.kubectl.ok([
      'patch',
      'canary',
      '-n',
      'test',
      'podinfo',
      '--subresource=status',
      '--type=merge',
      '-p',
      '{"status":{"phase":"Progressing","canaryWeight":10,"failedChecks":1,"lastTransitionTime":"2026-03-01T12:00:00Z"}}',
    ]);
    const plain = parseTable(await api.kubectl.ok(['get', 'canaries', '-A']));
    expect(plain.header).toEqual(['NAMESPACE', 'NAME', 'STATUS', 'WEIGHT', 'LASTTRANSITIONTIME']);
    expect(plain.rows).toEqual([
      {
        NAMESPACE: 'test',
        NAME: 'podinfo',
        STATUS: 'Progressing',
        WEIGHT: '10',
        LASTTRANSITIONTIME: '2026-03-01T12:00:00Z',
      },
    ]);
    const wide = parseTable(await api.kubectl.ok(['get', 'canaries', '-A', '-o', 'wide']));
    expect(wide.header).toEqual([
      'NAMESPACE',
      'NAME',
      'STATUS',
      'WEIGHT',
      'SUSPENDED',
      'FAILEDCHECKS',
      'INTERVAL',
      'MIRROR',
      'STEPWEIGHT',
      'STEPWEIGHTS',
      'MAXWEIGHT',
      'LASTTRANSITIONTIME',
    ]);
    expect(wide.rows).toEqual([
      {
        NAMESPACE: 'test',
        NAME: 'podinfo',
        STATUS: 'Progressing',
        WEIGHT: '10',
        SUSPENDED: '',
        FAILEDCHECKS: '1',
        INTERVAL: '15s',
        MIRROR: '',
        STEPWEIGHT: '5',
        STEPWEIGHTS: '',
        MAXWEIGHT: '50',
        LASTTRANSITIONTIME: '2026-03-01T12:00:00Z',
      },
    ]);
  });

  it('refuses a Canary without targetRef with 422, naming the field', async () => {
    const manifest = canary('no-target', (spec) => {
      delete spec.targetRef;
    });
    const result = await api.kubectl.run(['apply', '-v=6', '-f', '-'], manifest);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /POST http:\/\/\S+\/apis\/flagger\.app\/v1beta1\/namespaces\/test\/canaries\S* 422 Unprocessable Entity/,
    );
    expect(result.stderr).toContain('The Canary "no-target" is invalid: spec.targetRef: Required value');
    const gone = await api.kubectl.run(['get', 'canary', '-n', 'test', 'no-target']);
    expect(gone.stderr).toContain('NotFound');
  });

  it('refuses fields of the wrong type with 422, naming each field and the declared type', async () => {
    const manifest = canary('wrong-types', (spec) => {
      // Not 'yes': kubectl reads YAML 1.1, where a plain yes is a boolean.
      spec.skipAnalysis = 'sometimes';
      (spec.analysis as Record<string, unknown>).threshold = 'five';
      (spec.service as Record<string, unknown>).portName = 8080;
    });
    const result = await api.kubectl.run(['create', '-v=6', '-f', '-'], manifest);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/422 Unprocessable Entity/);
    expect(result.stderr).toContain('The Canary "wrong-types" is invalid: \n');
    expect(result.stderr).toContain(
      '* spec.skipAnalysis: Invalid value: "string": spec.skipAnalysis in body must be of type boolean: "string"',
    );
    expect(result.stderr).toContain(
      '* spec.analysis.threshold: Invalid value: "string": spec.analysis.threshold in body must be of type number: "string"',
    );
    expect(result.stderr).toContain(
      '* spec.service.portName: Invalid value: "integer": spec.service.portName in body must be of type string: "integer"',
    );
  });
});
