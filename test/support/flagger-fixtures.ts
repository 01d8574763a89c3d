import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { JsonObject } from '../../src/local/apiserver/model/object.js';
import { flaggerReference } from './reference.js';

function documents(path: string): JsonObject[] {
  return parseAllDocuments(readFileSync(path, 'utf8')).map((d) => d.toJSON() as JsonObject);
}

/** The `openAPIV3Schema` of the Flagger CRD for `kind` (Canary, MetricTemplate, AlertProvider). */
export function flaggerSchema(kind: string): JsonObject {
  const crd = documents(flaggerReference('crd.yaml')).find(
    (d) => (d.spec as { names: { kind: string } }).names.kind === kind,
  );
  if (!crd) throw new Error(`no CRD for ${kind}`);
  const versions = (crd.spec as { versions: { schema: { openAPIV3Schema: JsonObject } }[] }).versions;
  return versions[0]!.schema.openAPIV3Schema;
}

/** Every example Canary, by file name. */
export function flaggerExamples(): [string, JsonObject][] {
  const dir = flaggerReference('examples');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => [f, documents(join(dir, f))[0]!]);
}

type Obj = Record<string, unknown>;

/** The parts of an example Canary the tests change. */
export interface CanaryFixture extends Obj {
  metadata: Obj;
  spec: Obj & { analysis: Obj & { metrics: Obj[] }; service: Obj };
  status?: Obj;
}

/** A fresh copy of the linkerd example Canary (uses stepWeight, an autoscalerRef and webhooks). */
export function linkerdCanary(): CanaryFixture {
  return documents(flaggerReference('examples', 'linkerd-canary.yaml'))[0] as CanaryFixture;
}
