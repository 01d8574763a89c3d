import { createHmac, timingSafeEqual } from 'node:crypto';

/** The claims of a podinfo token. */
export interface PodinfoClaims {
  /** Who the token was issued to (`/token`'s request body, or `anonymous`). */
  name: string;
  /** Expiry, in seconds since the epoch. */
  exp: number;
  /** Always `podinfo`. */
  iss: string;
}

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

function signature(secret: string, signingInput: string): Buffer {
  return createHmac('sha256', secret).update(signingInput).digest();
}

/** Signs `claims` as an HS256 JSON Web Token. */
export function signJwt(claims: PodinfoClaims, secret: string): string {
  const input = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}`;
  return `${input}.${base64url(signature(secret, input))}`;
}

/** Why a token was refused. */
export class JwtError extends Error {
  constructor(
    readonly code: 'malformed' | 'bad-signature' | 'expired' | 'bad-issuer',
    message: string,
  ) {
    super(message);
    this.name = 'JwtError';
  }
}

/** Verifies an HS256 token signed with `secret` and issued by podinfo; returns its claims or throws `JwtError`. */
export function verifyJwt(token: string, secret: string, nowSeconds: number): PodinfoClaims {
  const parts = token.split('.');
  if (parts.length !== 3) throw new JwtError('malformed', 'token contains an invalid number of segments');
  const [header, payload, sig] = parts as [string, string, string];
  let claims: PodinfoClaims;
  try {
    const head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown };
    if (head.alg !== 'HS256') throw new JwtError('malformed', 'invalid signing method');
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as PodinfoClaims;
  } catch (error) {
    if (error instanceof JwtError) throw error;
    throw new JwtError('malformed', 'token is malformed');
  }
  const expected = signature(secret, `${header}.${payload}`);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new JwtError('bad-signature', 'signature is invalid');
  }
  if (typeof claims.exp === 'number' && claims.exp < nowSeconds) {
    throw new JwtError('expired', 'token is expired');
  }
  if (claims.iss !== 'podinfo') throw new JwtError('bad-issuer', 'invalid issuer');
  return claims;
}
