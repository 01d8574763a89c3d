import { describe, expect, it } from 'vitest';
import { JwtError, signJwt, verifyJwt } from './jwt.js';

describe('podinfo JWT', () => {
  const claims = { name: 'test', exp: 1_000, iss: 'podinfo' };

  it('round-trips the claims of a token signed with the same secret', () => {
    expect(verifyJwt(signJwt(claims, 's3cret'), 's3cret', 999)).toEqual(claims);
  });

  it.each([
    ['another secret', () => verifyJwt(signJwt(claims, 's3cret'), 'other', 999), 'bad-signature'],
    ['an expired token', () => verifyJwt(signJwt(claims, 's3cret'), 's3cret', 1_001), 'expired'],
    ['another issuer', () => verifyJwt(signJwt({ ...claims, iss: 'x' }, 's'), 's', 0), 'bad-issuer'],
    ['garbage', () => verifyJwt('a.b', 's', 0), 'malformed'],
  ])('refuses %s', (_, verify, code) => {
    expect(verify).toThrow(JwtError);
    expect(verify).toThrow(expect.objectContaining({ code }));
  });
});
