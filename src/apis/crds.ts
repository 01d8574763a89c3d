import type { TSchema } from '@sinclair/typebox';
import { AlertProviderSchema } from './flagger/v1beta1/alert-provider.js';
import { CanarySchema } from './flagger/v1beta1/canary.js';
import {
  AlertProviderKind,
  CanaryKind,
  FlaggerGroup,
  FlaggerVersion,
  MetricTemplateKind,
} from './flagger/v1beta1/group-version.js';
import { MetricTemplateSchema } from './flagger/v1beta1/metric-template.js';
import { type JsonSchemaNode, toJsonSchema } from './json-schema.js';

/** A column `kubectl get` shows for a custom resource. */
export interface PrinterColumn {
  name: string;
  type: 'string' | 'boolean' | 'integer' | 'number' | 'date';
  jsonPath: string;
  /** 0 (the default) shows the column always, 1 only with `-o wide`. */
  priority?: number;
}

/** An `apiextensions.k8s.io/v1` CustomResourceDefinition, as far as Weir writes one. */
export interface CustomResourceDefinition {
  apiVersion: 'apiextensions.k8s.io/v1';
  kind: 'CustomResourceDefinition';
  metadata: { name: string; labels: Record<string, string>; annotations: Record<string, string> };
  spec: {
    group: string;
    names: { kind: string; listKind: string; plural: string; singular: string; categories: string[] };
    scope: 'Namespaced';
    versions: {
      name: string;
      served: boolean;
      storage: boolean;
      subresources: { status: Record<string, never> };
      additionalPrinterColumns: PrinterColumn[];
      schema: { openAPIV3Schema: JsonSchemaNode };
    }[];
  };
}

/** What differs between the three kinds' CRDs. */
interface KindDefinition {
  kind: string;
  plural: string;
  schema: TSchema;
  printerColumns: PrinterColumn[];
}

const wide = 1;

/** Flagger's printer columns, so that `kubectl get canaries` reads the same with either controller. */
const canaryColumns: PrinterColumn[] = [
  { name: 'Status', type: 'string', jsonPath: '.status.phase' },
  { name: 'Weight', type: 'string', jsonPath: '.status.canaryWeight' },
  { name: 'Suspended', type: 'boolean', jsonPath: '.spec.suspend', priority: wide },
  { name: 'FailedChecks', type: 'string', jsonPath: '.status.failedChecks', priority: wide },
  { name: 'Interval', type: 'string', jsonPath: '.spec.analysis.interval', priority: wide },
  { name: 'Mirror', type: 'boolean', jsonPath: '.spec.analysis.mirror', priority: wide },
  { name: 'StepWeight', type: 'string', jsonPath: '.spec.analysis.stepWeight', priority: wide },
  { name: 'StepWeights', type: 'string', jsonPath: '.spec.analysis.stepWeights', priority: wide },
  { name: 'MaxWeight', type: 'string', jsonPath: '.spec.analysis.maxWeight', priority: wide },
  { name: 'LastTransitionTime', type: 'string', jsonPath: '.status.lastTransitionTime' },
];

function definitions(): KindDefinition[] {
  return [
    { kind: CanaryKind, plural: 'canaries', schema: CanarySchema, printerColumns: canaryColumns },
    {
      kind: MetricTemplateKind,
      plural: 'metrictemplates',
      schema: MetricTemplateSchema,
      printerColumns: [{ name: 'Provider', type: 'string', jsonPath: '.spec.provider.type' }],
    },
    {
      kind: AlertProviderKind,
      plural: 'alertproviders',
      schema: AlertProviderSchema,
      printerColumns: [{ name: 'Type', type: 'string', jsonPath: '.spec.type' }],
    },
  ];
}

/**
 * The `openAPIV3Schema` of a kind: the schema as plain JSON without the root `required` list. Weir's code
 * relies on the envelope (apiVersion, kind, metadata, spec) being present, but Flagger's CRDs leave the
 * root open and the API server fills in the envelope itself.
 */
export function crdSchema(schema: TSchema): JsonSchemaNode {
  const json = toJsonSchema(schema);
  delete json.required;
  return json;
}

function crdOf(definition: KindDefinition): CustomResourceDefinition {
  const { kind, plural } = definition;
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      name: `${plural}.${FlaggerGroup}`,
      labels: { 'app.kubernetes.io/name': 'weir' },
      // Deleting a CRD deletes every Canary; a Helm uninstall must never do that.
      annotations: { 'helm.sh/resource-policy': 'keep' },
    },
    spec: {
      group: FlaggerGroup,
      names: { kind, listKind: `${kind}List`, plural, singular: kind.toLowerCase(), categories: ['all'] },
      scope: 'Namespaced',
      versions: [
        {
          name: FlaggerVersion,
          served: true,
          storage: true,
          subresources: { status: {} },
          additionalPrinterColumns: definition.printerColumns.map((c) => ({ ...c })),
          schema: { openAPIV3Schema: crdSchema(definition.schema) },
        },
      ],
    },
  };
}

/** The CRDs of Canary, MetricTemplate and AlertProvider, built from the schemas in this folder. */
export function flaggerCrds(): CustomResourceDefinition[] {
  return definitions().map(crdOf);
}
