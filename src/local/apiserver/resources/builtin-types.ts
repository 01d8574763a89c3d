import { crdBehaviour } from '../kinds/crd.js';
import { coreEventCodec, eventsV1Codec } from '../kinds/event-codec.js';
import { namespaceBehaviour } from '../kinds/namespace.js';
import { secretBehaviour } from '../kinds/secret.js';
import { serviceBehaviour } from '../kinds/service.js';
import {
  daemonSetBehaviour,
  deploymentBehaviour,
  podBehaviour,
  replicaSetBehaviour,
} from '../kinds/workloads.js';
import { builtinPatchSchema } from '../patch/index.js';
import { builtinPrinter } from '../printing/index.js';
import { objectFields } from '../selectors/index.js';
import type { KindBehaviour, ResourceType, ScaleSubresource, Verb, VersionCodec } from './resource-type.js';
import { Verbs } from './resource-type.js';

interface BuiltinSpec {
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  status?: boolean;
  scale?: ScaleSubresource;
  generation?: boolean;
  behaviour?: KindBehaviour;
  codec?: VersionCodec;
  /** Storage shared with another group (events). */
  storageKey?: string;
  /** Verbs when not all (reviews are create-only). */
  verbs?: readonly Verb[];
  /** The `token` subresource (ServiceAccounts' TokenRequest). */
  token?: boolean;
}

/** A create-only, never stored review kind (`kubectl auth can-i`, `kubectl auth whoami`). */
function review(group: string, kind: string, namespaced = false): BuiltinSpec {
  return { group, version: 'v1', kind, plural: `${kind.toLowerCase()}s`, namespaced, verbs: ['create'] };
}

const replicasScale: ScaleSubresource = {
  specReplicasPath: '.spec.replicas',
  statusReplicasPath: '.status.replicas',
  labelSelectorPath: '.spec.selector',
};

const specs: BuiltinSpec[] = [
  {
    group: '',
    version: 'v1',
    kind: 'Namespace',
    plural: 'namespaces',
    namespaced: false,
    shortNames: ['ns'],
    status: true,
    behaviour: namespaceBehaviour,
  },
  {
    group: '',
    version: 'v1',
    kind: 'Service',
    plural: 'services',
    namespaced: true,
    shortNames: ['svc'],
    categories: ['all'],
    status: true,
    behaviour: serviceBehaviour,
  },
  { group: '', version: 'v1', kind: 'Endpoints', plural: 'endpoints', namespaced: true, shortNames: ['ep'] },
  { group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true, shortNames: ['cm'] },
  {
    group: '',
    version: 'v1',
    kind: 'Secret',
    plural: 'secrets',
    namespaced: true,
    behaviour: secretBehaviour,
  },
  {
    group: '',
    version: 'v1',
    kind: 'Pod',
    plural: 'pods',
    namespaced: true,
    shortNames: ['po'],
    categories: ['all'],
    status: true,
    behaviour: podBehaviour,
  },
  {
    group: '',
    version: 'v1',
    kind: 'Event',
    plural: 'events',
    namespaced: true,
    shortNames: ['ev'],
    codec: coreEventCodec,
    storageKey: 'events',
  },
  {
    group: '',
    version: 'v1',
    kind: 'ServiceAccount',
    plural: 'serviceaccounts',
    namespaced: true,
    shortNames: ['sa'],
    token: true,
  },
  {
    group: '',
    version: 'v1',
    kind: 'Node',
    plural: 'nodes',
    namespaced: false,
    shortNames: ['no'],
    status: true,
  },
  {
    group: 'apps',
    version: 'v1',
    kind: 'Deployment',
    plural: 'deployments',
    namespaced: true,
    shortNames: ['deploy'],
    categories: ['all'],
    status: true,
    scale: replicasScale,
    generation: true,
    behaviour: deploymentBehaviour,
  },
  {
    group: 'apps',
    version: 'v1',
    kind: 'DaemonSet',
    plural: 'daemonsets',
    namespaced: true,
    shortNames: ['ds'],
    categories: ['all'],
    status: true,
    generation: true,
    behaviour: daemonSetBehaviour,
  },
  {
    group: 'apps',
    version: 'v1',
    kind: 'ReplicaSet',
    plural: 'replicasets',
    namespaced: true,
    shortNames: ['rs'],
    categories: ['all'],
    status: true,
    scale: replicasScale,
    generation: true,
    behaviour: replicaSetBehaviour,
  },
  {
    group: 'autoscaling',
    version: 'v2',
    kind: 'HorizontalPodAutoscaler',
    plural: 'horizontalpodautoscalers',
    namespaced: true,
    shortNames: ['hpa'],
    categories: ['all'],
    status: true,
  },
  {
    group: 'networking.k8s.io',
    version: 'v1',
    kind: 'Ingress',
    plural: 'ingresses',
    namespaced: true,
    shortNames: ['ing'],
    status: true,
    generation: true,
  },
  {
    group: 'networking.k8s.io',
    version: 'v1',
    kind: 'IngressClass',
    plural: 'ingressclasses',
    namespaced: false,
  },
  { group: 'coordination.k8s.io', version: 'v1', kind: 'Lease', plural: 'leases', namespaced: true },
  {
    group: 'events.k8s.io',
    version: 'v1',
    kind: 'Event',
    plural: 'events',
    namespaced: true,
    shortNames: ['ev'],
    codec: eventsV1Codec,
    storageKey: 'events',
  },
  {
    group: 'policy',
    version: 'v1',
    kind: 'PodDisruptionBudget',
    plural: 'poddisruptionbudgets',
    namespaced: true,
    shortNames: ['pdb'],
    status: true,
    generation: true,
  },
  { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'Role', plural: 'roles', namespaced: true },
  {
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    kind: 'RoleBinding',
    plural: 'rolebindings',
    namespaced: true,
  },
  {
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    kind: 'ClusterRole',
    plural: 'clusterroles',
    namespaced: false,
  },
  {
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    kind: 'ClusterRoleBinding',
    plural: 'clusterrolebindings',
    namespaced: false,
  },
  review('authorization.k8s.io', 'SelfSubjectAccessReview'),
  review('authorization.k8s.io', 'SelfSubjectRulesReview'),
  review('authorization.k8s.io', 'SubjectAccessReview'),
  review('authorization.k8s.io', 'LocalSubjectAccessReview', true),
  review('authentication.k8s.io', 'SelfSubjectReview'),
  {
    group: 'apiextensions.k8s.io',
    version: 'v1',
    kind: 'CustomResourceDefinition',
    plural: 'customresourcedefinitions',
    namespaced: false,
    shortNames: ['crd', 'crds'],
    status: true,
    generation: true,
    behaviour: crdBehaviour,
  },
];

/** The codec for a type whose stored and served forms differ only in apiVersion. */
export function plainCodec(apiVersion: string, kind: string, storedApiVersion = apiVersion): VersionCodec {
  return {
    toServed: (stored) => ({ ...stored, apiVersion, kind }),
    toStored: (served) => ({ ...served, apiVersion: storedApiVersion, kind }),
  };
}

/** The built-in resources this server serves. */
export function builtinTypes(): ResourceType[] {
  return specs.map((spec): ResourceType => {
    const apiVersion = spec.group ? `${spec.group}/${spec.version}` : spec.version;
    const patchSchema = builtinPatchSchema(spec.group, spec.kind);
    return {
      group: spec.group,
      version: spec.version,
      kind: spec.kind,
      listKind: `${spec.kind}List`,
      plural: spec.plural,
      singular: spec.kind.toLowerCase(),
      namespaced: spec.namespaced,
      shortNames: spec.shortNames ?? [],
      categories: spec.categories ?? [],
      verbs: spec.verbs ?? Verbs,
      subresources: {
        status: spec.status ?? false,
        ...(spec.scale ? { scale: spec.scale } : {}),
        ...(spec.token ? { token: true } : {}),
      },
      storageKey: spec.storageKey ?? (spec.group ? `${spec.plural}.${spec.group}` : spec.plural),
      tracksGeneration: spec.generation ?? false,
      printer: builtinPrinter(spec.group, spec.kind),
      strategicPatchSchema: patchSchema,
      applyPatchSchema: patchSchema,
      schema: undefined,
      behaviour: spec.behaviour ?? {},
      codec: spec.codec ?? plainCodec(apiVersion, spec.kind),
      fields: (object) => objectFields(spec.group, spec.kind, object),
    };
  });
}
