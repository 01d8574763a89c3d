import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { KubeObject } from '../model/object.js';
import { crdPrinter, type PrinterColumn, toJsonPathPlus } from './crd-printer.js';

const now = new Date('2024-06-01T12:00:00Z');

// additionalPrinterColumns of canaries.flagger.app v1beta1 (Flagger's crd.yaml).
const CANARY_COLUMNS: PrinterColumn[] = parse(`
- name: Status
  type: string
  jsonPath: .status.phase
- name: Weight
  type: string
  jsonPath: .status.canaryWeight
- name: Suspended
  type: boolean
  jsonPath: .spec.suspend
  priority: 1
- name: FailedChecks
  type: string
  jsonPath: .status.failedChecks
  priority: 1
- name: Interval
  type: string
  jsonPath: .spec.analysis.interval
  priority: 1
- name: Mirror
  type: boolean
  jsonPath: .spec.analysis.mirror
  priority: 1
- name: StepWeight
  type: string
  jsonPath: .spec.analysis.stepWeight
  priority: 1
- name: StepWeights
  type: string
  jsonPath: .spec.analysis.stepWeights
  priority: 1
- name: MaxWeight
  type: string
  jsonPath: .spec.analysis.maxWeight
  priority: 1
- name: LastTransitionTime
  type: string
  jsonPath: .status.lastTransitionTime
`);

const canary: KubeObject = {
  apiVersion: 'flagger.app/v1beta1',
  kind: 'Canary',
  metadata: { name: 'podinfo', namespace: 'test', creationTimestamp: '2024-06-01T11:00:00Z' },
  spec: {
    provider: 'istio',
    targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' },
    analysis: { interval: '15s', threshold: 10, maxWeight: 50, stepWeight: 5 },
  },
  status: {
    phase: 'Progressing',
    canaryWeight: 10,
    failedChecks: 0,
    lastTransitionTime: '2024-06-01T11:58:30Z',
    conditions: [{ type: 'Promoted', status: 'Unknown', reason: 'Progressing' }],
  },
};

describe('crdPrinter', () => {
  it('defines Name then the Canary columns with their types and priorities', () => {
    const printer = crdPrinter(CANARY_COLUMNS);
    expect(printer.columns.map((c) => [c.name, c.type, c.priority])).toEqual([
      ['Name', 'string', 0],
      ['Status', 'string', 0],
      ['Weight', 'string', 0],
      ['Suspended', 'boolean', 1],
      ['FailedChecks', 'string', 1],
      ['Interval', 'string', 1],
      ['Mirror', 'boolean', 1],
      ['StepWeight', 'string', 1],
      ['StepWeights', 'string', 1],
      ['MaxWeight', 'string', 1],
      ['LastTransitionTime', 'string', 0],
    ]);
    expect(printer.columns[1]).toEqual({
      name: 'Status',
      type: 'string',
      format: '',
      description: 'Custom resource definition column (in JSONPath format): .status.phase',
      priority: 0,
    });
  });

  it('prints a progressing Canary: strings as text, numbers as text in string columns, missing as null', () => {
    expect(crdPrinter(CANARY_COLUMNS).cells(canary, now)).toEqual([
      'podinfo',
      'Progressing',
      '10',
      null,
      '0',
      '15s',
      null,
      '5',
      null,
      '50',
      '2024-06-01T11:58:30Z',
    ]);
  });

  it('prints list values as JSON and booleans as booleans', () => {
    const stepped: KubeObject = {
      ...canary,
      spec: { suspend: false, analysis: { interval: '1m', mirror: true, stepWeights: [5, 10, 15, 20] } },
    };
    const cells = crdPrinter(CANARY_COLUMNS).cells(stepped, now);
    expect([cells[3], cells[6], cells[8]]).toEqual([false, true, '[5,10,15,20]']);
  });

  it('serves the Age column when the CRD declares none', () => {
    for (const columns of [undefined, []]) {
      const printer = crdPrinter(columns);
      expect(printer.columns.map((c) => [c.name, c.type, c.priority])).toEqual([
        ['Name', 'string', 0],
        ['Age', 'date', 0],
      ]);
      expect(printer.columns[1]?.description).toMatch(/^CreationTimestamp is a timestamp/);
      expect(printer.cells(canary, now)).toEqual(['podinfo', '60m']);
    }
  });

  it('converts typed columns like cellForJSONValue and evaluates filters', () => {
    const printer = crdPrinter([
      { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Promoted")].status' },
      {
        name: 'Threshold',
        type: 'integer',
        jsonPath: '.spec.analysis.threshold',
        format: 'int32',
        description: 'Max failures',
      },
      { name: 'Ratio', type: 'number', jsonPath: '.status.ratio' },
      { name: 'Phase', type: 'integer', jsonPath: '.status.phase' },
      { name: 'Seen', type: 'date', jsonPath: '.status.lastTransitionTime' },
      { name: 'Bad', type: 'date', jsonPath: '.status.phase' },
      { name: 'Target', type: 'string', jsonPath: '.spec.targetRef' },
    ]);
    expect(printer.columns[2]).toMatchObject({ format: 'int32', description: 'Max failures' });
    const obj: KubeObject = { ...canary, status: { ...(canary.status as object), ratio: 0.25 } };
    expect(printer.cells(obj, now)).toEqual([
      'podinfo',
      'Unknown',
      10,
      0.25,
      null,
      '90s',
      '<invalid>',
      '{"apiVersion":"apps/v1","kind":"Deployment","name":"podinfo"}',
    ]);
  });

  it('reads annotation keys with escaped dots', () => {
    const printer = crdPrinter([
      { name: 'Primary', type: 'string', jsonPath: '.metadata.annotations.flagger\\.app/primary' },
    ]);
    const obj: KubeObject = {
      ...canary,
      metadata: { ...canary.metadata, annotations: { 'flagger.app/primary': 'podinfo-primary' } },
    };
    expect(printer.cells(obj, now)).toEqual(['podinfo', 'podinfo-primary']);
  });
});

describe('toJsonPathPlus', () => {
  it.each([
    ['.status.phase', '$.status.phase'],
    ['{.status.phase}', '$.status.phase'],
    ['.items[0].name', '$.items[0].name'],
    ['.status.conditions[?(@.type=="Ready")].status', '$.status.conditions[?(@.type=="Ready")].status'],
    ['.metadata.labels.app\\.kubernetes\\.io/name', '$.metadata.labels["app.kubernetes.io/name"]'],
    ['.spec.containers[*].image', '$.spec.containers[*].image'],
  ])('%s becomes %s', (kube, plus) => {
    expect(toJsonPathPlus(kube)).toBe(plus);
  });
});
