import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { flaggerReference } from '../../test/support/reference.js';
import { type CustomResourceDefinition, flaggerCrds } from './crds.js';

type Node = Record<string, unknown>;

/**
 * Keywords compared one to one. `description` is ours to word. Other keys are ignored on purpose: the
 * upstream file's apiVersion/kind descriptions are multi-line single-quoted scalars indented at their key's
 * level, which strict YAML 1.2 parsers (ours) read as an extra, garbage key.
 */
const valueKeywords = [
  'type',
  'format',
  'enum',
  'pattern',
  'default',
  'nullable',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'x-kubernetes-int-or-string',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-embedded-resource',
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-map-type',
  'x-kubernetes-validations',
] as const;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shown(value: unknown): string {
  return value === undefined ? '(none)' : JSON.stringify(value);
}

function at(path: string, child: string): string {
  return path === '' ? child : `${path}.${child}`;
}

/** Every difference between two schema nodes, one line each: `<path>: <keyword> upstream … ours …`. */
function schemaDifferences(upstream: unknown, ours: unknown, path = ''): string[] {
  const out: string[] = [];
  if (!isNode(upstream) || !isNode(ours)) {
    if (!isDeepStrictEqual(upstream, ours))
      out.push(`${path}: upstream ${shown(upstream)} ours ${shown(ours)}`);
    return out;
  }
  for (const keyword of valueKeywords)
    if (!isDeepStrictEqual(upstream[keyword], ours[keyword]))
      out.push(`${path}: ${keyword} upstream ${shown(upstream[keyword])} ours ${shown(ours[keyword])}`);
  // `required` is a set: its order means nothing.
  const required = (n: Node) => (Array.isArray(n.required) ? [...n.required].sort() : undefined);
  if (!isDeepStrictEqual(required(upstream), required(ours)))
    out.push(`${path}: required upstream ${shown(required(upstream))} ours ${shown(required(ours))}`);

  const upProps = isNode(upstream.properties) ? upstream.properties : {};
  const ourProps = isNode(ours.properties) ? ours.properties : {};
  for (const name of new Set([...Object.keys(upProps), ...Object.keys(ourProps)])) {
    if (!(name in ourProps)) out.push(`${at(path, name)}: only upstream`);
    else if (!(name in upProps)) out.push(`${at(path, name)}: only ours`);
    else out.push(...schemaDifferences(upProps[name], ourProps[name], at(path, name)));
  }
  if ('properties' in upstream !== 'properties' in ours)
    out.push(`${path}: properties upstream ${'properties' in upstream} ours ${'properties' in ours}`);

  for (const [keyword, suffix] of [
    ['items', '[]'],
    ['additionalProperties', '{}'],
    ['not', '.not'],
  ] as const)
    if (keyword in upstream || keyword in ours)
      out.push(...schemaDifferences(upstream[keyword], ours[keyword], `${path}${suffix}`));

  for (const keyword of ['oneOf', 'anyOf', 'allOf'] as const) {
    const up = Array.isArray(upstream[keyword]) ? (upstream[keyword] as unknown[]) : [];
    const mine = Array.isArray(ours[keyword]) ? (ours[keyword] as unknown[]) : [];
    if (up.length !== mine.length)
      out.push(`${path}: ${keyword} upstream ${up.length} branches ours ${mine.length}`);
    else
      for (const [i, branch] of up.entries())
        out.push(...schemaDifferences(branch, mine[i], `${path}.${keyword}[${i}]`));
  }
  return out;
}

/**
 * Deliberate differences from Flagger's CRDs, each with its reason. Everything else is identical: the
 * generated schemas accept and refuse exactly what Flagger's do (including its quirks, such as `required`
 * on the `spec.service.mirror` array, where it constrains nothing).
 */
const allowedDifferences: Record<string, string> = {
  'Canary status.message: only ours':
    'Weir explains the last decision in the status (additive, status only).',
  'Canary status.checks: only ours':
    'Weir keeps the last result of every metric check in the status (additive, status only).',
};

const upstream = parseAllDocuments(readFileSync(flaggerReference('crd.yaml'), 'utf8')).map(
  (d) => d.toJSON() as CustomResourceDefinition,
);
const ours = flaggerCrds();

function schemaOf(list: CustomResourceDefinition[], kind: string): Node {
  const found = list.find((c) => c.spec.names.kind === kind);
  if (!found) throw new Error(`no CRD for ${kind}`);
  return found.spec.versions[0]!.schema.openAPIV3Schema;
}

describe('schemas against upstream crd.yaml', () => {
  it.each(['Canary', 'MetricTemplate', 'AlertProvider'])('%s differs only where allowed', (kind) => {
    const differences = schemaDifferences(schemaOf(upstream, kind), schemaOf(ours, kind));
    const allowed = Object.keys(allowedDifferences).filter((d) => d.startsWith(`${kind} `));
    expect(differences.map((d) => `${kind} ${d}`)).toEqual(allowed);
  });

  it('notices every kind of difference (the comparison is not vacuous)', () => {
    const mine = structuredClone(schemaOf(ours, 'Canary'));
    const child = (node: Node, ...names: string[]): Node =>
      names.reduce((n, name) => (n.properties as Record<string, Node>)[name]!, node);
    const spec = child(mine, 'spec');
    child(spec, 'provider').enum = ['istio', 'linkerd'];
    child(spec, 'progressDeadlineSeconds').type = 'integer';
    delete (spec.properties as Node).suspend;
    (spec.properties as Node).extra = { type: 'string' };
    spec.required = ['targetRef'];
    child(spec, 'analysis', 'interval').pattern = '^[0-9]+s$';
    (child(spec, 'analysis').oneOf as unknown[]).pop();
    delete child(spec, 'service', 'targetPort')['x-kubernetes-int-or-string'];
    delete child(mine, 'status', 'lastTransitionTime').format;
    const providers = child(schemaOf(upstream, 'Canary'), 'spec', 'provider').enum;
    expect(schemaDifferences(schemaOf(upstream, 'Canary'), mine)).toEqual([
      'spec: required upstream ["analysis","targetRef"] ours ["targetRef"]',
      `spec.provider: enum upstream ${JSON.stringify(providers)} ours ["istio","linkerd"]`,
      'spec.progressDeadlineSeconds: type upstream "number" ours "integer"',
      'spec.service.targetPort: x-kubernetes-int-or-string upstream true ours (none)',
      'spec.suspend: only upstream',
      'spec.analysis.interval: pattern upstream "^[0-9]+(m|s)" ours "^[0-9]+s$"',
      'spec.analysis: oneOf upstream 3 branches ours 2',
      'spec.extra: only ours',
      'status.lastTransitionTime: format upstream "date-time" ours (none)',
      // the allow-listed additions are still reported by the comparison itself
      'status.message: only ours',
      'status.checks: only ours',
    ]);
  });
});
