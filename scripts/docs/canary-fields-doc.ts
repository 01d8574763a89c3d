import { CanarySchema, type JsonSchemaNode, type JsonValue, toJsonSchema } from '../../src/apis/index.js';

/** Where the generated Canary field reference is committed, relative to the package root. */
export const canaryFieldsDocPath = 'docs/canary-fields.md';

/** One documented field: its path from the object's root and what the schema says of it. */
export interface FieldDoc {
  path: string;
  type: string;
  required: boolean;
  defaultValue: string;
  description: string;
}

/**
 * Defaults the operator applies that the schema descriptions do not state (Flagger's getters). Keep short:
 * a default belongs in the schema's description ("…; X by default.").
 */
const appliedDefaults: Record<string, string> = {
  'spec.analysis.interval': '`60s` (at least `-min-analysis-interval`)',
  'spec.analysis.metrics[].interval': '`1m`',
};

function isNode(value: JsonValue | undefined): value is JsonSchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeOf(node: JsonSchemaNode): string {
  if (node['x-kubernetes-int-or-string']) return 'int or string';
  if (Array.isArray(node.enum))
    return `enum: ${node.enum.map((v) => `\`${v === '' ? '""' : v}\``).join(', ')}`;
  if (node.type === 'array' && isNode(node.items)) return `[]${typeOf(node.items)}`;
  if (node.type === 'object' && isNode(node.additionalProperties))
    return `map[string]${typeOf(node.additionalProperties)}`;
  return typeof node.type === 'string' ? node.type : 'object';
}

function defaultOf(path: string, node: JsonSchemaNode): string {
  if (node.default !== undefined) return `\`${JSON.stringify(node.default)}\``;
  const applied = appliedDefaults[path];
  if (applied) return applied;
  const description = typeof node.description === 'string' ? node.description : '';
  const stated = /(?:^|[;,.]\s*)([^;,.]+?) by default\b/.exec(description);
  if (stated?.[1]) return stated[1].trim();
  if (node.type === 'boolean') return '`false`';
  return '';
}

function walk(node: JsonSchemaNode, path: string, required: boolean, out: FieldDoc[]): void {
  if (path !== '') {
    out.push({
      path,
      type: typeOf(node),
      required,
      defaultValue: defaultOf(path, node),
      description: typeof node.description === 'string' ? node.description : '',
    });
  }
  const needed = new Set(Array.isArray(node.required) ? node.required.map(String) : []);
  if (isNode(node.properties)) {
    for (const [name, child] of Object.entries(node.properties)) {
      if (isNode(child)) walk(child, path === '' ? name : `${path}.${name}`, needed.has(name), out);
    }
  }
  if (isNode(node.items) && isNode(node.items.properties)) walk(node.items, `${path}[]`, false, out);
  if (isNode(node.additionalProperties) && isNode(node.additionalProperties.properties))
    walk(node.additionalProperties, `${path}.<key>`, false, out);
}

/** Every field of a Canary (spec and status), depth first in the schema's order. */
export function canaryFields(): FieldDoc[] {
  const out: FieldDoc[] = [];
  const root = toJsonSchema(CanarySchema);
  const properties = isNode(root.properties) ? root.properties : {};
  for (const top of ['spec', 'status']) {
    const node = properties[top];
    if (isNode(node)) walk(node, top, top === 'spec', out);
  }
  // `[]` items repeat their array's row; keep the array's.
  return out.filter((field) => !field.path.endsWith('[]'));
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** docs/canary-fields.md: a table of every Canary field with its type, default and meaning. */
export function renderCanaryFieldsDoc(fields: readonly FieldDoc[] = canaryFields()): string {
  return [
    '<!-- Generated from the schemas in src/apis/ by scripts/generate-docs.ts: do not edit by hand. -->',
    '# Canary fields (`flagger.app/v1beta1`)',
    '',
    "Every field of a Canary as Weir's CRD declares it (`deploy/crds/crds.yaml`, the same fields as Flagger's).",
    'A `[]` marks the items of a list, `<key>` the values of a map. **Required** fields must be set when their',
    'parent is; *default* is what applies when a field is left out (empty: unset, nothing happens). `spec.analysis`',
    'also needs `interval`, `threshold` and one of `stepWeight`, `stepWeights` or `iterations`. The `status`',
    "fields are written by the operator; `message` and `checks` exist only in Weir's CRD.",
    '',
    '| field | type | default | meaning |',
    '|---|---|---|---|',
    ...fields.map(
      (field) =>
        `| \`${field.path}\`${field.required ? ' **required**' : ''} | ${cell(field.type)} | ${cell(field.defaultValue)} | ${cell(field.description)} |`,
    ),
    '',
  ].join('\n');
}
