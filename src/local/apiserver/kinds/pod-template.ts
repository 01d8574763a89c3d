import { type FieldError, FieldErrorType } from '../model/field-error.js';
import { isJsonObject } from '../model/object.js';

type Json = Record<string, unknown>;

/** Defaults the real server fills in every pod spec (SetDefaults_PodSpec and friends); mutates `spec`. */
export function defaultPodSpec(spec: Json): void {
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.securityContext ??= {};
  spec.schedulerName ??= 'default-scheduler';
  for (const list of ['containers', 'initContainers'] as const) {
    const containers = spec[list];
    if (!Array.isArray(containers)) continue;
    for (const container of containers) if (isJsonObject(container)) defaultContainer(container);
  }
}

function defaultContainer(container: Json): void {
  container.terminationMessagePath ??= '/dev/termination-log';
  container.terminationMessagePolicy ??= 'File';
  container.imagePullPolicy ??= pullPolicyFor(container.image);
  container.resources ??= {};
  if (Array.isArray(container.ports)) {
    container.ports.forEach((p) => {
      if (isJsonObject(p)) p.protocol ??= 'TCP';
    });
  }
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
    const value = container[probe];
    if (!isJsonObject(value)) continue;
    value.timeoutSeconds ??= 1;
    value.periodSeconds ??= 10;
    value.successThreshold ??= 1;
    value.failureThreshold ??= 3;
    if (isJsonObject(value.httpGet)) value.httpGet.scheme ??= 'HTTP';
  }
}

function pullPolicyFor(image: unknown): string {
  if (typeof image !== 'string') return 'IfNotPresent';
  const lastPart = image.slice(image.lastIndexOf('/') + 1);
  if (image.includes('@')) return 'IfNotPresent';
  const tag = lastPart.includes(':') ? lastPart.slice(lastPart.indexOf(':') + 1) : '';
  return tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

/** Required fields of a pod spec; `path` is where the spec sits (e.g. `spec.template.spec`). */
export function validatePodSpec(spec: unknown, path: string): FieldError[] {
  if (!isJsonObject(spec)) return [{ type: FieldErrorType.Required, field: path }];
  const errors: FieldError[] = [];
  const containers = spec.containers;
  if (!Array.isArray(containers) || containers.length === 0) {
    errors.push({ type: FieldErrorType.Required, field: `${path}.containers` });
    return errors;
  }
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const container = isJsonObject(c) ? c : {};
    const at = `${path}.containers[${i}]`;
    if (typeof container.name !== 'string' || container.name === '') {
      errors.push({ type: FieldErrorType.Required, field: `${at}.name` });
    } else if (names.has(container.name)) {
      errors.push({ type: FieldErrorType.Duplicate, field: `${at}.name`, badValue: container.name });
    } else {
      names.add(container.name);
    }
    if (typeof container.image !== 'string' || container.image === '') {
      errors.push({ type: FieldErrorType.Required, field: `${at}.image` });
    }
  });
  return errors;
}
