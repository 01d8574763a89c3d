import { isJsonObject, type KubeObject } from '../model/object.js';

type FieldSet = Record<string, string>;

/** The value at a dotted path, or undefined. */
function at(object: unknown, path: string): unknown {
  let current = object;
  for (const part of path.split('.')) current = isJsonObject(current) ? current[part] : undefined;
  return current;
}

/** A scalar as Go formats it into a field set; absent values are the empty string. */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/** `field -> path` pairs copied verbatim from the object. */
function copy(object: KubeObject, mapping: Record<string, string>): FieldSet {
  return Object.fromEntries(Object.entries(mapping).map(([label, path]) => [label, text(at(object, path))]));
}

function podIP(pod: KubeObject): string {
  const ips = at(pod, 'status.podIPs');
  const first = Array.isArray(ips) ? ips[0] : undefined;
  return text(isJsonObject(first) ? first.ip : undefined) || text(at(pod, 'status.podIP'));
}

const involvedObject = ['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath'];

/** Kind-specific selectable fields (`ToSelectableFields` and the field label conversion funcs), keyed `group/Kind`. */
const kindFields: Record<string, (object: KubeObject) => FieldSet> = {
  '/Pod': (pod) => ({
    ...copy(pod, {
      'spec.nodeName': 'spec.nodeName',
      'spec.restartPolicy': 'spec.restartPolicy',
      'spec.schedulerName': 'spec.schedulerName',
      'spec.serviceAccountName': 'spec.serviceAccountName',
      'status.phase': 'status.phase',
      'status.nominatedNodeName': 'status.nominatedNodeName',
    }),
    'spec.hostNetwork': String(at(pod, 'spec.hostNetwork') === true),
    'status.podIP': podIP(pod),
  }),
  '/Event': (event) => ({
    ...Object.fromEntries(
      involvedObject.map((f) => [`involvedObject.${f}`, text(at(event, `involvedObject.${f}`))]),
    ),
    reason: text(event.reason),
    reportingComponent: text(event.reportingComponent),
    source: text(at(event, 'source.component')) || text(event.reportingComponent),
    type: text(event.type),
  }),
  'events.k8s.io/Event': (event) => ({
    ...Object.fromEntries(involvedObject.map((f) => [`regarding.${f}`, text(at(event, `regarding.${f}`))])),
    reason: text(event.reason),
    reportingController: text(event.reportingController),
    type: text(event.type),
  }),
  '/Secret': (secret) => ({ type: text(secret.type) }),
  '/Namespace': (namespace) => ({ 'status.phase': text(at(namespace, 'status.phase')) }),
  '/Node': (node) => ({ 'spec.unschedulable': String(at(node, 'spec.unschedulable') === true) }),
  '/Service': (service) => copy(service, { 'spec.clusterIP': 'spec.clusterIP', 'spec.type': 'spec.type' }),
  '/ReplicationController': (rc) => ({ 'status.replicas': text(at(rc, 'status.replicas') ?? 0) }),
  'apps/ReplicaSet': (rs) => ({ 'status.replicas': text(at(rs, 'status.replicas') ?? 0) }),
  'batch/Job': (job) => ({ 'status.successful': text(at(job, 'status.succeeded') ?? 0) }),
  'certificates.k8s.io/CertificateSigningRequest': (csr) =>
    copy(csr, { 'spec.signerName': 'spec.signerName' }),
};

/** Kinds whose field label conversion does not accept `metadata.namespace` (cluster-scoped with their own func). */
const withoutNamespaceLabel = new Set(['/Namespace', '/Node']);

/**
 * The field set the real server exposes to field selectors for an object of `group`/`kind` in its served
 * form: `metadata.name` and `metadata.namespace` for every kind (except Namespace and Node, whose conversion
 * rejects `metadata.namespace`), plus the kind's own labels (Pod `spec.nodeName`, Event `involvedObject.*`,
 * events.k8s.io Event `regarding.*`, Secret `type`, …). Every supported label is present, empty when unset,
 * so `Object.keys(objectFields(g, k, {metadata: {}}))` lists the supported labels.
 */
export function objectFields(group: string, kind: string, object: KubeObject): FieldSet {
  const id = `${group}/${kind}`;
  const meta: FieldSet = { 'metadata.name': object.metadata?.name ?? '' };
  if (!withoutNamespaceLabel.has(id)) meta['metadata.namespace'] = object.metadata?.namespace ?? '';
  return { ...meta, ...(kindFields[id]?.(object) ?? {}) };
}

/** The field labels field selectors may use for `group`/`kind`. */
export function supportedFieldLabels(group: string, kind: string): string[] {
  return Object.keys(objectFields(group, kind, { metadata: {} }));
}

/**
 * Field set of a custom resource: metadata plus the CRD version's `selectableFields` (JSON paths like
 * `.spec.color`, labelled `spec.color`), scalars rendered as strings.
 */
export function customResourceFields(
  object: KubeObject,
  selectableJsonPaths: readonly string[] = [],
): FieldSet {
  const fields = objectFields('', 'CustomResource', object);
  for (const jsonPath of selectableJsonPaths) {
    const label = jsonPath.replace(/^\./, '');
    fields[label] = text(at(object, label));
  }
  return fields;
}
