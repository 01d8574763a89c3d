import { type FieldError, FieldErrorType } from '../model/field-error.js';
import { isJsonObject, type KubeObject } from '../model/object.js';
import type { KindBehaviour } from '../resources/resource-type.js';

const serviceTypes = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'] as const;

function specOf(object: KubeObject): Record<string, unknown> {
  if (!isJsonObject(object.spec)) object.spec = {};
  return object.spec as Record<string, unknown>;
}

function defaultPorts(spec: Record<string, unknown>): void {
  if (!Array.isArray(spec.ports)) return;
  spec.ports = spec.ports.map((port: unknown) => {
    if (!isJsonObject(port)) return port;
    return { protocol: 'TCP', ...port, targetPort: port.targetPort ?? port.port };
  });
}

/** Services get a ClusterIP from the service range, defaults as the real server sets them, and a kept IP on update. */
export const serviceBehaviour: KindBehaviour = {
  prepareForCreate(object, context) {
    const spec = specOf(object);
    spec.type ??= 'ClusterIP';
    spec.sessionAffinity ??= 'None';
    defaultPorts(spec);
    if (spec.type !== 'ExternalName') {
      if (spec.clusterIP === undefined || spec.clusterIP === '') spec.clusterIP = context.allocateClusterIp();
      spec.clusterIPs = [spec.clusterIP];
      spec.ipFamilies ??= ['IPv4'];
      spec.ipFamilyPolicy ??= 'SingleStack';
      spec.internalTrafficPolicy ??= 'Cluster';
    }
    object.status = { loadBalancer: {} };
  },
  prepareForUpdate(object, old) {
    const spec = specOf(object);
    const oldSpec = isJsonObject(old.spec) ? old.spec : {};
    spec.type ??= 'ClusterIP';
    spec.sessionAffinity ??= 'None';
    defaultPorts(spec);
    if (spec.type !== 'ExternalName') {
      if (spec.clusterIP === undefined || spec.clusterIP === '') spec.clusterIP = oldSpec.clusterIP;
      spec.clusterIPs ??= oldSpec.clusterIPs ?? [spec.clusterIP];
      spec.ipFamilies ??= oldSpec.ipFamilies ?? ['IPv4'];
      spec.ipFamilyPolicy ??= oldSpec.ipFamilyPolicy ?? 'SingleStack';
      spec.internalTrafficPolicy ??= oldSpec.internalTrafficPolicy ?? 'Cluster';
    }
  },
  validate(object, old) {
    const errors: FieldError[] = [];
    const spec = isJsonObject(object.spec) ? object.spec : {};
    if (!serviceTypes.includes(spec.type as (typeof serviceTypes)[number])) {
      errors.push({
        type: FieldErrorType.NotSupported,
        field: 'spec.type',
        badValue: spec.type,
        detail: `supported values: ${serviceTypes.map((t) => `"${t}"`).join(', ')}`,
      });
    }
    const ports = Array.isArray(spec.ports) ? spec.ports : [];
    if (spec.type !== 'ExternalName' && spec.clusterIP !== 'None' && ports.length === 0) {
      errors.push({ type: FieldErrorType.Required, field: 'spec.ports' });
    }
    ports.forEach((port, i) => {
      const number = isJsonObject(port) ? port.port : undefined;
      if (typeof number !== 'number' || !Number.isInteger(number) || number < 1 || number > 65535) {
        errors.push({
          type: FieldErrorType.Invalid,
          field: `spec.ports[${i}].port`,
          badValue: number ?? 0,
          detail: 'must be between 1 and 65535, inclusive',
        });
      }
      if (ports.length > 1 && isJsonObject(port) && !port.name) {
        errors.push({ type: FieldErrorType.Required, field: `spec.ports[${i}].name` });
      }
    });
    const oldSpec = old && isJsonObject(old.spec) ? old.spec : undefined;
    if (oldSpec?.clusterIP && spec.clusterIP !== oldSpec.clusterIP && oldSpec.type !== 'ExternalName') {
      errors.push({
        type: FieldErrorType.Invalid,
        field: 'spec.clusterIPs[0]',
        badValue: spec.clusterIP,
        detail: 'may not change once set',
      });
    }
    return errors;
  },
};
