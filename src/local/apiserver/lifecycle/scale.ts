import { badRequest, conflict, invalid, staleResourceVersion } from '../model/api-error.js';
import { FieldErrorType } from '../model/field-error.js';
import { cloneJson } from '../model/json.js';
import { isJsonObject, type KubeObject } from '../model/object.js';
import type { ResourceType, ScaleSubresource } from '../resources/resource-type.js';
import { type PatchType, patchObject } from './patching.js';
import { groupResource, type ResourceService } from './resource-service.js';
import type { WriteOptions } from './write-options.js';

function pathParts(path: string): string[] {
  return path.replace(/^\./, '').split('.').filter(Boolean);
}

function readPath(object: unknown, path: string): unknown {
  let current: unknown = object;
  for (const part of pathParts(path)) current = isJsonObject(current) ? current[part] : undefined;
  return current;
}

function writePath(object: Record<string, unknown>, path: string, value: unknown): void {
  const parts = pathParts(path);
  let current = object;
  for (const part of parts.slice(0, -1)) {
    if (!isJsonObject(current[part])) current[part] = {};
    current = current[part] as Record<string, unknown>;
  }
  const last = parts[parts.length - 1];
  if (last) current[last] = value;
}

/** `app=podinfo,tier in (a,b)` from a metav1.LabelSelector, as status.selector shows it. */
export function formatLabelSelector(selector: unknown): string {
  if (typeof selector === 'string') return selector;
  if (!isJsonObject(selector)) return '';
  const parts: string[] = [];
  const labels = isJsonObject(selector.matchLabels) ? selector.matchLabels : {};
  for (const key of Object.keys(labels).sort()) parts.push(`${key}=${String(labels[key])}`);
  for (const e of Array.isArray(selector.matchExpressions) ? selector.matchExpressions : []) {
    if (!isJsonObject(e)) continue;
    const values = Array.isArray(e.values) ? [...e.values].map(String).sort().join(',') : '';
    if (e.operator === 'In') parts.push(`${String(e.key)} in (${values})`);
    else if (e.operator === 'NotIn') parts.push(`${String(e.key)} notin (${values})`);
    else if (e.operator === 'Exists') parts.push(String(e.key));
    else if (e.operator === 'DoesNotExist') parts.push(`!${String(e.key)}`);
  }
  return parts.join(',');
}

function scaleOf(parent: KubeObject, spec: ScaleSubresource): KubeObject {
  const selector = spec.labelSelectorPath ? readPath(parent, spec.labelSelectorPath) : undefined;
  const status: Record<string, unknown> = { replicas: readPath(parent, spec.statusReplicasPath) ?? 0 };
  const formatted = formatLabelSelector(selector);
  if (formatted) status.selector = formatted;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: parent.metadata.name,
      namespace: parent.metadata.namespace,
      uid: parent.metadata.uid,
      resourceVersion: parent.metadata.resourceVersion,
      creationTimestamp: parent.metadata.creationTimestamp,
    },
    spec: { replicas: readPath(parent, spec.specReplicasPath) ?? 0 },
    status,
  };
}

/** The `scale` subresource: an autoscaling/v1 Scale view of a workload's replica counts. */
export class ScaleService {
  constructor(private readonly service: ResourceService) {}

  /** GET …/scale. */
  get(type: ResourceType, spec: ScaleSubresource, namespace: string, name: string): KubeObject {
    return scaleOf(this.service.get(type, namespace, name), spec);
  }

  /** PUT …/scale: sets the parent's desired replicas. */
  update(
    type: ResourceType,
    spec: ScaleSubresource,
    namespace: string,
    name: string,
    body: unknown,
    options: WriteOptions,
  ): KubeObject {
    if (!isJsonObject(body)) throw badRequest('the body of the request must be a Scale object');
    const parent = this.service.get(type, namespace, name);
    const meta = isJsonObject(body.metadata) ? body.metadata : {};
    if (meta.resourceVersion && meta.resourceVersion !== parent.metadata.resourceVersion) {
      throw conflict(groupResource(type), name, staleResourceVersion);
    }
    const replicas = isJsonObject(body.spec) ? body.spec.replicas : undefined;
    if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
      throw invalid({ group: 'autoscaling', kind: 'Scale' }, name, [
        {
          type: FieldErrorType.Invalid,
          field: 'spec.replicas',
          badValue: replicas ?? null,
          detail: 'must be greater than or equal to 0',
        },
      ]);
    }
    const next = cloneJson(parent) as KubeObject;
    writePath(next as unknown as Record<string, unknown>, spec.specReplicasPath, replicas);
    return scaleOf(this.service.update(type, namespace, name, next, options), spec);
  }

  /** PATCH …/scale: patches the Scale view, then updates like PUT. */
  patch(
    type: ResourceType,
    spec: ScaleSubresource,
    namespace: string,
    name: string,
    patchType: PatchType,
    patch: unknown,
    options: WriteOptions,
  ): KubeObject {
    const current = this.get(type, spec, namespace, name);
    // The Scale view is a built-in kind with no list strategies, so any patch type applies plainly.
    const patched = patchObject(
      { ...type, strategicPatchSchema: type.strategicPatchSchema ?? type.applyPatchSchema },
      current,
      patchType,
      patch,
    );
    return this.update(type, spec, namespace, name, patched, options);
  }
}
