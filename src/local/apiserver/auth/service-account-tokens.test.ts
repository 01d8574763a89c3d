import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { testCore } from '../../../../test/support/core.js';
import { ApiError } from '../model/api-error.js';
import { signJwt } from './jwt.js';
import { selfSignedCertificate } from './self-signed-certificate.js';
import { ServiceAccountTokens } from './service-account-tokens.js';
import { tokenRequest } from './token-request.js';

function world() {
  const core = testCore();
  core.create('v1', 'namespaces', { metadata: { name: 'ops' } });
  const account = core.create('v1', 'serviceaccounts', { metadata: { name: 'weir', namespace: 'ops' } });
  const signingKey = Buffer.alloc(32, 7);
  const tokens = new ServiceAccountTokens({ store: core.store, clock: core.clock, signingKey });
  const storeToken = (secretName: string, token: string) =>
    core.create('v1', 'secrets', {
      metadata: { name: secretName, namespace: 'ops' },
      type: 'kubernetes.io/service-account-token',
      data: { token: Buffer.from(token).toString('base64') },
    });
  return { core, account, tokens, signingKey, storeToken };
}

const weirUser = (uid: string | undefined) => ({
  name: 'system:serviceaccount:ops:weir',
  uid,
  groups: ['system:serviceaccounts', 'system:serviceaccounts:ops', 'system:authenticated'],
  extra: {},
});

describe('ServiceAccountTokens', () => {
  it('a bound token proves its service account until it expires', () => {
    const { core, account, tokens } = world();
    const { token, expiration } = tokens.boundToken(account, {
      audiences: ['https://kubernetes.default.svc.cluster.local'],
      expirationSeconds: 600,
    });
    expect(expiration.toISOString()).toBe('2026-03-01T12:10:00.000Z');
    expect(tokens.authenticate(token)).toEqual(weirUser(account.metadata.uid));
    core.clock.advance(599_000);
    expect(tokens.authenticate(token)).toBeDefined();
    core.clock.advance(1_000);
    expect(tokens.authenticate(token)).toBeUndefined();
  });

  it('refuses a bound token for another audience, a tampered one and one signed with another key', () => {
    const { account, tokens } = world();
    const other = tokens.boundToken(account, { audiences: ['vault'], expirationSeconds: 600 }).token;
    expect(tokens.authenticate(other)).toBeUndefined();
    const good = tokens.boundToken(account, {
      audiences: ['https://kubernetes.default.svc.cluster.local'],
      expirationSeconds: 600,
    }).token;
    const [header, , signature] = good.split('.');
    const claims = Buffer.from(JSON.stringify({ sub: 'system:serviceaccount:kube-system:admin' })).toString(
      'base64url',
    );
    expect(tokens.authenticate(`${header}.${claims}.${signature}`)).toBeUndefined();
    expect(
      tokens.authenticate(signJwt(Buffer.alloc(32, 8), { iss: 'kubernetes/serviceaccount' })),
    ).toBeUndefined();
    expect(tokens.authenticate('not-a-token')).toBeUndefined();
  });

  it('a legacy token is valid while its Secret holds it and its ServiceAccount (same uid) exists', () => {
    const { core, account, tokens, storeToken } = world();
    const token = tokens.legacyToken(account, 'weir-token');
    expect(tokens.authenticate(token)).toBeUndefined();
    storeToken('weir-token', token);
    expect(tokens.authenticate(token)).toEqual(weirUser(account.metadata.uid));
    // Deleting the ServiceAccount invalidates it; one recreated with that name (a new uid) does not revive it.
    core.deletion.delete(core.type('v1', 'serviceaccounts'), 'ops', 'weir');
    expect(tokens.authenticate(token)).toBeUndefined();
    core.create('v1', 'serviceaccounts', { metadata: { name: 'weir', namespace: 'ops' } });
    expect(tokens.authenticate(token)).toBeUndefined();
  });
});

describe('tokenRequest', () => {
  it('answers a TokenRequest with a bound token of an hour by default', () => {
    const { core, tokens } = world();
    const answer = tokenRequest(
      { store: core.store, tokens },
      { namespace: 'ops', name: 'weir' },
      { spec: {} },
    );
    expect(answer).toMatchObject({
      kind: 'TokenRequest',
      apiVersion: 'authentication.k8s.io/v1',
      spec: { audiences: ['https://kubernetes.default.svc.cluster.local'], expirationSeconds: 3600 },
      status: { expirationTimestamp: '2026-03-01T13:00:00Z' },
    });
    const token = (answer.status as { token: string }).token;
    expect(tokens.authenticate(token)?.name).toBe('system:serviceaccount:ops:weir');
  });

  it('refuses durations under ten minutes and unknown service accounts, as the real server does', () => {
    const { core, tokens } = world();
    const fail = (name: string, spec: unknown): ApiError => {
      try {
        tokenRequest({ store: core.store, tokens }, { namespace: 'ops', name }, { spec });
      } catch (error) {
        if (error instanceof ApiError) return error;
      }
      throw new Error('expected an ApiError');
    };
    expect(fail('weir', { expirationSeconds: 300 }).message).toBe(
      'TokenRequest.authentication.k8s.io "weir" is invalid: spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes',
    );
    expect(fail('nobody', {}).message).toBe('serviceaccounts "nobody" not found');
  });
});

describe('selfSignedCertificate', () => {
  it('is a valid self-signed certificate for 127.0.0.1 and localhost', () => {
    const identity = selfSignedCertificate('weir-local', new Date('2026-03-01T12:00:00Z'));
    const certificate = new X509Certificate(identity.cert);
    expect(certificate.subject).toBe('CN=weir-local');
    expect(certificate.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(certificate.checkHost('localhost')).toBe('localhost');
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    expect(new Date(certificate.validFrom).getTime()).toBeLessThan(Date.parse('2026-03-01T12:00:00Z'));
    expect(new Date(certificate.validTo).getUTCFullYear()).toBe(2036);
  });
});
