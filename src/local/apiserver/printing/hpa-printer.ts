import { isJsonObject, type KubeObject } from '../model/object.js';
import { DESC } from './descriptions.js';
import { at, int, list, optInt, str } from './fields.js';
import { AGE_COLUMN, ageOf, column, NAME_COLUMN, nameOf, type TablePrinter } from './table-printer.js';

/** A `*resource.Quantity` as `String()` prints it; stored quantities are used as written, nil is `<nil>`. */
function quantity(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return '<nil>';
}

/** The metric status at index `i` of the given source (`resource`, `pods`, …), when present. */
function statusOf(statuses: unknown[], i: number, source: string): unknown {
  const status = at(statuses[i], source);
  return isJsonObject(status) ? status : undefined;
}

/** `<current>/<target>` for Object and External sources, `(avg)` when the target is an average value. */
function valueMetric(spec: unknown, status: unknown): string {
  const target = at(spec, 'target');
  if (at(target, 'averageValue') !== undefined) {
    const current = at(status, 'current', 'averageValue');
    const currentText = status !== undefined && current !== undefined ? quantity(current) : '<unknown>';
    return `${currentText}/${quantity(at(target, 'averageValue'))} (avg)`;
  }
  const currentText = status !== undefined ? quantity(at(status, 'current', 'value')) : '<unknown>';
  return `${currentText}/${quantity(at(target, 'value'))}`;
}

/** `<name>: <current>/<target>` for Resource and ContainerResource sources (v1.30+ prefixes the name). */
function resourceMetric(spec: unknown, status: unknown): string {
  const name = str(spec, 'name');
  const target = at(spec, 'target');
  if (at(target, 'averageValue') !== undefined) {
    const current = status !== undefined ? quantity(at(status, 'current', 'averageValue')) : '<unknown>';
    return `${name}: ${current}/${quantity(at(target, 'averageValue'))}`;
  }
  const currentUtilization = optInt(status, 'current', 'averageUtilization');
  const current = currentUtilization !== undefined ? `${currentUtilization}%` : '<unknown>';
  const targetUtilization = optInt(target, 'averageUtilization');
  return `${name}: ${current}/${targetUtilization !== undefined ? `${targetUtilization}%` : '<auto>'}`;
}

/** `formatHPAMetrics`: the first two metrics as `current/target`, then `+ N more...`; `<none>` without metrics. */
export function formatHpaMetrics(hpa: KubeObject): string {
  const specs = list(hpa, 'spec', 'metrics');
  if (specs.length === 0) return '<none>';
  const statuses = list(hpa, 'status', 'currentMetrics');
  const max = 2;
  const shown = specs.map((spec, i): string => {
    switch (str(spec, 'type')) {
      case 'External':
        return valueMetric(at(spec, 'external'), statusOf(statuses, i, 'external'));
      case 'Object':
        return valueMetric(at(spec, 'object'), statusOf(statuses, i, 'object'));
      case 'Pods': {
        const status = statusOf(statuses, i, 'pods');
        const current = status !== undefined ? quantity(at(status, 'current', 'averageValue')) : '<unknown>';
        return `${current}/${quantity(at(spec, 'pods', 'target', 'averageValue'))}`;
      }
      case 'Resource':
        return resourceMetric(at(spec, 'resource'), statusOf(statuses, i, 'resource'));
      case 'ContainerResource':
        return resourceMetric(at(spec, 'containerResource'), statusOf(statuses, i, 'containerResource'));
      default:
        return '<unknown type>';
    }
  });
  if (shown.length > max) return `${shown.slice(0, max).join(', ')} + ${shown.length - max} more...`;
  return shown.join(', ');
}

/** autoscaling HorizontalPodAutoscaler: NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE. */
export const hpaPrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Reference', 'string', DESC.hpaScaleTargetRef),
    column('Targets', 'string', DESC.hpaMetrics),
    column('MinPods', 'string', DESC.hpaMinReplicas),
    column('MaxPods', 'string', DESC.hpaMaxReplicas),
    column('Replicas', 'string', DESC.hpaCurrentReplicas),
    AGE_COLUMN,
  ],
  cells: (obj, now) => {
    const minReplicas = optInt(obj, 'spec', 'minReplicas');
    return [
      nameOf(obj),
      `${str(obj, 'spec', 'scaleTargetRef', 'kind')}/${str(obj, 'spec', 'scaleTargetRef', 'name')}`,
      formatHpaMetrics(obj),
      minReplicas === undefined ? '<unset>' : String(minReplicas),
      int(obj, 'spec', 'maxReplicas'),
      int(obj, 'status', 'currentReplicas'),
      ageOf(obj, now),
    ];
  },
};
