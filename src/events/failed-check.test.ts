import { describe, expect, it } from 'vitest';
import type { CanaryCheck } from '../apis/index.js';
import { failedCheck, failedCheckFields } from './failed-check.js';

const id = 'podinfo.test';
const successRate: CanaryCheck = {
  name: 'request-success-rate',
  source: 'builtin',
  outcome: 'fail',
  value: 69.17,
  min: 99,
  message: 'Halt podinfo.test advancement success rate 69.17% < 99%',
};
const duration: CanaryCheck = {
  name: 'request-duration',
  source: 'builtin',
  outcome: 'fail',
  value: 1500,
  max: 500,
  message: 'Halt podinfo.test advancement request duration 1.5s > 500ms',
};
const latency: CanaryCheck = {
  name: 'latency',
  source: 'template',
  outcome: 'fail',
  value: 600,
  max: 500,
  message: 'Halt podinfo.test advancement latency 600.00 > 500',
};

describe('failedCheck', () => {
  it('names the metric of the last halt with its measured value and threshold', () => {
    expect(failedCheck({ id, lastMessage: successRate.message, checks: [successRate] })).toBe(
      'request-success-rate 69.17% < 99%',
    );
    expect(failedCheck({ id, lastMessage: duration.message, checks: [successRate, duration] })).toBe(
      'request-duration 1.5s > 500ms',
    );
    expect(failedCheck({ id, lastMessage: latency.message, checks: [latency] })).toBe('latency 600.00 > 500');
  });

  it('reports a failed webhook the last halt names, although older metric results failed', () => {
    const lastMessage =
      'Halt podinfo.test advancement external check load-test failed error: connection refused';
    expect(failedCheck({ id, lastMessage, checks: [successRate] })).toBe(
      'external check load-test failed error: connection refused',
    );
  });

  it('falls back to the first metric that did not pass, with what happened to it', () => {
    const noData: CanaryCheck = {
      name: 'request-success-rate',
      outcome: 'no-data',
      message:
        'Halt advancement no values found for istio metric request-success-rate probably podinfo.test is not receiving traffic',
    };
    const passed: CanaryCheck = { name: 'request-duration', outcome: 'pass', message: 'ok' };
    expect(failedCheck({ id, lastMessage: 'restarted', checks: [passed, noData] })).toBe(
      'request-success-rate: no values found for istio metric request-success-rate probably podinfo.test is not receiving traffic',
    );
    expect(failedCheck({ id, checks: [passed, duration] })).toBe('request-duration 1.5s > 500ms');
  });

  it('has no field when nothing explains the failure', () => {
    expect(failedCheck({ id })).toBeUndefined();
    expect(failedCheckFields({ id, checks: [{ name: 'x', outcome: 'pass', message: 'ok' }] })).toEqual([]);
    expect(failedCheckFields({ id, lastMessage: successRate.message, checks: [successRate] })).toEqual([
      { name: 'Failed check', value: 'request-success-rate 69.17% < 99%' },
    ]);
  });
});
