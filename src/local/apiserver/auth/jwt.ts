import { createHmac, timingSafeEqual } from 'node:crypto';

/** The claims of a token, as JSON. */
export type Claims = Record<string, unknown>;

const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

function signature(key: Buffer, signed: string): Buffer {
  return createHmac('sha256', key).update(signed).digest();
}

/** A compact JWT (HS256) carrying `claims`. */
export function signJwt(key: Buffer, claims: Claims): string {
  const signed = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${signed}.${signature(key, signed).toString('base64url')}`;
}

/** The claims of a JWT this key signed, or undefined for anything else (malformed, foreign, tampered). */
export function verifyJwt(key: Buffer, token: string): Claims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== header) return undefined;
  const expected = signature(key, `${parts[0]}.${parts[1]}`);
  const given = Buffer.from(parts[2] ?? '', 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims)
      ? (claims as Claims)
      : undefined;
  } catch {
    return undefined;
  }
}
