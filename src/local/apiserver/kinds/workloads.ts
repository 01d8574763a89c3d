import { type FieldError, FieldErrorType } from '../model/field-error.js';
import { isJsonObject, type KubeObject } from '../model/object.js';
import type { KindBehaviour } from '../resources/resource-type.js';
import { labelSelectorFromSpec, matchesLabels, validateLabelSelectorSpec } from '../selectors/index.js';
import { defaultPodSpec, validatePodSpec } from './pod-template.js';

type Json = Record<string, unknown>;

function specOf(object: KubeObject): Json {
  if (!isJsonObject(object.spec)) object.spec = {};
  return object.spec as Json;
}

function defaultTemplate(spec: Json): void {
  const template = isJsonObject(spec.template) ? spec.template : undefined;
  if (!template) return;
  template.metadata ??= {};
  if (isJsonObject(template.metadata)) template.metadata.creationTimestamp ??= null;
  if (isJsonObject(template.spec)) defaultPodSpec(template.spec);
}

/** Selector present and matching the template's labels; the pod template valid. */
function validateSelectedTemplate(object: KubeObject): FieldError[] {
  const spec = isJsonObject(object.spec) ? object.spec : {};
  const errors: FieldError[] = [];
  const selector = spec.selector;
  const template = isJsonObject(spec.template) ? spec.template : {};
  const labels =
    isJsonObject(template.metadata) && isJsonObject(template.metadata.labels) ? template.metadata.labels : {};
  if (!isJsonObject(selector)) {
    errors.push({ type: FieldErrorType.Required, field: 'spec.selector' });
  } else {
    const selectorErrors = validateLabelSelectorSpec(selector, 'spec.selector');
    if (selectorErrors.length > 0)
      return [...selectorErrors, ...validatePodSpec(template.spec, 'spec.template.spec')];
    const parsed = labelSelectorFromSpec(selector);
    const empty = !isJsonObject(selector.matchLabels) && !Array.isArray(selector.matchExpressions);
    if (empty) {
      errors.push({
        type: FieldErrorType.Invalid,
        field: 'spec.selector',
        badValue: selector,
        detail: 'empty selector is invalid for deployment',
      });
    } else if (!matchesLabels(parsed, labels as Record<string, string>)) {
      errors.push({
        type: FieldErrorType.Invalid,
        field: 'spec.template.metadata.labels',
        badValue: labels,
        detail: '`selector` does not match template `labels`',
      });
    }
  }
  errors.push(...validatePodSpec(template.spec, 'spec.template.spec'));
  return errors;
}

function immutableSelector(object: KubeObject, old: KubeObject | undefined): FieldError[] {
  if (!old) return [];
  const before = JSON.stringify((old.spec as Json | undefined)?.selector);
  const after = JSON.stringify((object.spec as Json | undefined)?.selector);
  if (before === after) return [];
  return [
    {
      type: FieldErrorType.Invalid,
      field: 'spec.selector',
      badValue: (object.spec as Json).selector,
      detail: 'field is immutable',
    },
  ];
}

function defaultDeployment(object: KubeObject): void {
  const spec = specOf(object);
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  const strategy = isJsonObject(spec.strategy) ? spec.strategy : {};
  strategy.type ??= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const rolling = isJsonObject(strategy.rollingUpdate) ? strategy.rollingUpdate : {};
    rolling.maxUnavailable ??= '25%';
    rolling.maxSurge ??= '25%';
    strategy.rollingUpdate = rolling;
  }
  spec.strategy = strategy;
  defaultTemplate(spec);
}

function defaultDaemonSet(object: KubeObject): void {
  const spec = specOf(object);
  spec.revisionHistoryLimit ??= 10;
  const strategy = isJsonObject(spec.updateStrategy) ? spec.updateStrategy : {};
  strategy.type ??= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const rolling = isJsonObject(strategy.rollingUpdate) ? strategy.rollingUpdate : {};
    rolling.maxUnavailable ??= 1;
    rolling.maxSurge ??= 0;
    strategy.rollingUpdate = rolling;
  }
  spec.updateStrategy = strategy;
  defaultTemplate(spec);
}

function defaultReplicaSet(object: KubeObject): void {
  const spec = specOf(object);
  spec.replicas ??= 1;
  defaultTemplate(spec);
}

function workload(defaults: (object: KubeObject) => void): KindBehaviour {
  return {
    prepareForCreate(object) {
      defaults(object);
      object.status = {};
    },
    prepareForUpdate(object) {
      defaults(object);
    },
    validate(object, old) {
      return [...validateSelectedTemplate(object), ...immutableSelector(object, old)];
    },
  };
}

/** apps/v1 Deployment defaults (replicas, RollingUpdate 25%/25%, history 10, deadline 600 s) and validation. */
export const deploymentBehaviour = workload(defaultDeployment);
/** apps/v1 DaemonSet defaults and validation. */
export const daemonSetBehaviour = workload(defaultDaemonSet);
/** apps/v1 ReplicaSet defaults and validation. */
export const replicaSetBehaviour = workload(defaultReplicaSet);

/** Pods get pod-spec defaults and start Pending. */
export const podBehaviour: KindBehaviour = {
  prepareForCreate(object) {
    defaultPodSpec(specOf(object));
    object.status = { phase: 'Pending', qosClass: 'BestEffort' };
  },
  prepareForUpdate(object) {
    defaultPodSpec(specOf(object));
  },
  validate(object) {
    return validatePodSpec(object.spec, 'spec');
  },
};
