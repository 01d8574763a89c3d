import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { flaggerExamples } from '../../test/support/flagger-fixtures.js';
import { flaggerReference } from '../../test/support/reference.js';
import { compileStructuralSchema, validateCrdSchema } from '../local/apiserver/schema/index.js';
import { packageRoot } from '../platform/tools.js';
import { type CustomResourceDefinition, flaggerCrds } from './crds.js';
import { crdsManifestPath, renderCrdsYaml } from './crds-yaml.js';
import { parseCanary } from './flagger/v1beta1/parse.js';

const ours = flaggerCrds();
const upstream = parseAllDocuments(readFileSync(flaggerReference('crd.yaml'), 'utf8')).map(
  (d) => d.toJSON() as CustomResourceDefinition,
);

function crd(list: CustomResourceDefinition[], kind: string): CustomResourceDefinition {
  const found = list.find((c) => c.spec.names.kind === kind);
  if (!found) throw new Error(`no CRD for ${kind}`);
  return found;
}

function openAPIV3Schema(kind: string) {
  return crd(ours, kind).spec.versions[0]!.schema.openAPIV3Schema;
}

describe('deploy/crds/crds.yaml', () => {
  it('is what the generator writes (regenerate with `npm run generate:crds` when this fails)', () => {
    const committed = readFileSync(join(packageRoot(), crdsManifestPath), 'utf8');
    expect(
      committed === renderCrdsYaml(),
      `${crdsManifestPath} is out of date with src/apis/: run \`npm run generate:crds\` and commit the result`,
    ).toBe(true);
  });

  it('parses back to the CRD objects, header first', () => {
    const text = renderCrdsYaml();
    expect(text.startsWith('# Generated from the schemas in src/apis/')).toBe(true);
    expect(text).toContain('npm run generate:crds');
    expect(parseAllDocuments(text).map((d) => d.toJSON())).toEqual(ours);
  });
});

describe('generated CRDs', () => {
  it('name, scope and group the kinds exactly as Flagger does', () => {
    expect(ours.map((c) => c.metadata.name)).toEqual(upstream.map((c) => c.metadata.name));
    for (const c of upstream) {
      const mine = crd(ours, c.spec.names.kind);
      expect(mine.spec.names).toEqual(c.spec.names);
      expect([mine.spec.group, mine.spec.scope]).toEqual([c.spec.group, c.spec.scope]);
      const [version] = mine.spec.versions;
      const [theirs] = c.spec.versions;
      expect(version).toMatchObject({
        name: theirs!.name,
        served: true,
        storage: true,
        subresources: { status: {} },
      });
    }
  });

  it('print the same columns as upstream', () => {
    for (const c of upstream)
      expect(crd(ours, c.spec.names.kind).spec.versions[0]!.additionalPrinterColumns).toEqual(
        c.spec.versions[0]!.additionalPrinterColumns,
      );
  });

  it("keep Helm's hands off and carry Weir's label", () => {
    for (const c of ours) {
      expect(c.metadata.annotations).toEqual({ 'helm.sh/resource-policy': 'keep' });
      expect(c.metadata.labels).toEqual({ 'app.kubernetes.io/name': 'weir' });
    }
  });

  it.each(['Canary', 'MetricTemplate', 'AlertProvider'])('%s has a structural schema', (kind) => {
    expect(validateCrdSchema(openAPIV3Schema(kind))).toEqual([]);
  });
});

describe('upstream example Canaries', () => {
  const schema = compileStructuralSchema(openAPIV3Schema('Canary'));

  it.each(flaggerExamples())(
    '%s passes the API server with nothing pruned and no error',
    (_file, example) => {
      const pruned = schema.prune(example);
      schema.applyDefaults(example);
      expect({ pruned, errors: schema.validate(example) }).toEqual({ pruned: [], errors: [] });
    },
  );

  it.each(flaggerExamples())('%s is accepted by parseCanary', (_file, example) => {
    const result = parseCanary(example);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });
});
