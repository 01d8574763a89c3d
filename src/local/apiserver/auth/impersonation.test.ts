import { describe, expect, it } from 'vitest';
import { ApiError } from '../model/api-error.js';
import type { RequestAttributes } from '../rbac/request-attributes.js';
import { type DistinctHeaders, impersonate } from './impersonation.js';
import { user } from './user-info.js';

const requester = user('system:serviceaccount:ops:impersonator', ['system:authenticated']);

/** Allows what `allowed` lists (`verb resource/name`), records every question. */
function decider(allowed: string[]) {
  const asked: string[] = [];
  const decide = (a: RequestAttributes) => {
    const key = `${a.verb} ${a.apiGroup ? `${a.apiGroup}/` : ''}${a.resource}${a.subresource ? `/${a.subresource}` : ''}${a.namespace ? ` in ${a.namespace}` : ''} ${a.name}`;
    asked.push(key);
    return { allowed: allowed.includes(key), reason: '' };
  };
  return { decide, asked };
}

function failure(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError');
}

describe('impersonate', () => {
  it('acts as the user and groups asked for, each checked with the impersonate verb, plus system:authenticated', () => {
    const { decide, asked } = decider(['impersonate users alice', 'impersonate groups devs']);
    const headers: DistinctHeaders = { 'impersonate-user': ['alice'], 'impersonate-group': ['devs'] };
    expect(impersonate(requester, headers, decide)).toEqual({
      name: 'alice',
      uid: '',
      groups: ['devs', 'system:authenticated'],
      extra: {},
    });
    expect(asked).toEqual(['impersonate users alice', 'impersonate groups devs']);
  });

  it('gives an impersonated service account its groups unless groups are asked for', () => {
    const { decide } = decider(['impersonate serviceaccounts in test weir']);
    expect(
      impersonate(requester, { 'impersonate-user': ['system:serviceaccount:test:weir'] }, decide).groups,
    ).toEqual(['system:serviceaccounts', 'system:serviceaccounts:test', 'system:authenticated']);
  });

  it('refuses with the real server words when a value may not be impersonated', () => {
    const { decide } = decider(['impersonate users alice']);
    const headers: DistinctHeaders = {
      'impersonate-user': ['alice'],
      'impersonate-group': ['system:masters'],
    };
    const error = failure(() => impersonate(requester, headers, decide));
    expect(error.code).toBe(403);
    expect(error.message).toBe(
      'groups "system:masters" is forbidden: User "system:serviceaccount:ops:impersonator" cannot impersonate resource "groups" in API group "" at the cluster scope',
    );
  });

  it('checks extras and uids in authentication.k8s.io and keeps them', () => {
    const { decide, asked } = decider([
      'impersonate users alice',
      'impersonate authentication.k8s.io/userextras/scopes view',
      'impersonate authentication.k8s.io/uids 1234',
    ]);
    const headers: DistinctHeaders = {
      'impersonate-user': ['alice'],
      'impersonate-extra-scopes': ['view'],
      'impersonate-uid': ['1234'],
    };
    expect(impersonate(requester, headers, decide)).toMatchObject({
      uid: '1234',
      extra: { scopes: ['view'] },
    });
    expect(asked).toHaveLength(3);
  });

  it('refuses groups without a user (500, as Kubernetes)', () => {
    const { decide } = decider([]);
    expect(failure(() => impersonate(requester, { 'impersonate-group': ['devs'] }, decide)).code).toBe(500);
  });
});
