import { describe, expect, it } from 'vitest';
import { user } from '../auth/user-info.js';
import type { PolicyRule } from './policy.js';
import { nonResourceAttributes, resourceAttributes } from './request-attributes.js';
import { ruleAllows } from './rule-matching.js';

const someone = user('alice', []);
const rule = (partial: Partial<PolicyRule>): PolicyRule => ({
  verbs: [],
  apiGroups: [],
  resources: [],
  resourceNames: [],
  nonResourceURLs: [],
  ...partial,
});
const request = (
  verb: string,
  apiGroup: string,
  resource: string,
  more: { subresource?: string; name?: string } = {},
) => resourceAttributes(someone, { verb, apiGroup, resource, namespace: 'test', ...more });

describe('ruleAllows (Kubernetes RuleAllows)', () => {
  const readDeployments = rule({ verbs: ['get', 'list'], apiGroups: ['apps'], resources: ['deployments'] });

  it('needs the verb, the API group and the resource to match', () => {
    expect(ruleAllows(request('list', 'apps', 'deployments'), readDeployments)).toBe(true);
    expect(ruleAllows(request('watch', 'apps', 'deployments'), readDeployments)).toBe(false);
    expect(ruleAllows(request('list', '', 'deployments'), readDeployments)).toBe(false);
    expect(ruleAllows(request('list', 'apps', 'daemonsets'), readDeployments)).toBe(false);
  });

  it('matches `*` in verbs, groups and resources', () => {
    const all = rule({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] });
    expect(ruleAllows(request('deletecollection', 'x.io', 'widgets'), all)).toBe(true);
    expect(ruleAllows(request('update', 'apps', 'deployments', { subresource: 'scale' }), all)).toBe(true);
  });

  it('treats a subresource as `resource/subresource`: a bare resource does not cover it, `*/sub` does', () => {
    const status = request('update', 'flagger.app', 'canaries', { subresource: 'status' });
    const bare = rule({ verbs: ['update'], apiGroups: ['flagger.app'], resources: ['canaries'] });
    expect(ruleAllows(status, bare)).toBe(false);
    expect(ruleAllows(status, { ...bare, resources: ['canaries/status'] })).toBe(true);
    expect(ruleAllows(status, { ...bare, resources: ['*/status'] })).toBe(true);
    expect(ruleAllows(status, { ...bare, resources: ['*/scale'] })).toBe(false);
    expect(
      ruleAllows(request('update', 'flagger.app', 'canaries'), { ...bare, resources: ['canaries/status'] }),
    ).toBe(false);
  });

  it('limits to resourceNames when given (a list without a name is then refused)', () => {
    const named = rule({
      verbs: ['get', 'list'],
      apiGroups: ['coordination.k8s.io'],
      resources: ['leases'],
      resourceNames: ['weir'],
    });
    expect(ruleAllows(request('get', 'coordination.k8s.io', 'leases', { name: 'weir' }), named)).toBe(true);
    expect(ruleAllows(request('get', 'coordination.k8s.io', 'leases', { name: 'other' }), named)).toBe(false);
    expect(ruleAllows(request('list', 'coordination.k8s.io', 'leases'), named)).toBe(false);
  });

  it('matches non-resource paths exactly or by a `*` prefix, never resource rules', () => {
    const discovery = rule({ verbs: ['get'], nonResourceURLs: ['/apis', '/apis/*'] });
    expect(ruleAllows(nonResourceAttributes(someone, 'get', '/apis'), discovery)).toBe(true);
    expect(ruleAllows(nonResourceAttributes(someone, 'get', '/apis/apps/v1'), discovery)).toBe(true);
    expect(ruleAllows(nonResourceAttributes(someone, 'get', '/api'), discovery)).toBe(false);
    expect(ruleAllows(nonResourceAttributes(someone, 'post', '/apis'), discovery)).toBe(false);
    const resources = rule({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] });
    expect(ruleAllows(nonResourceAttributes(someone, 'get', '/apis'), resources)).toBe(false);
  });
});
