import { rfc3339 } from '../../../platform/clock.js';
import { badRequest, invalid, notFound } from '../model/api-error.js';
import { FieldErrorType } from '../model/field-error.js';
import { isJsonObject } from '../model/object.js';
import type { ObjectStore } from '../store/object-store.js';
import { apiAudience, type ServiceAccountTokens, serviceAccountsKey } from './service-account-tokens.js';

type Json = Record<string, unknown>;

const defaultExpirationSeconds = 3600;
const minExpirationSeconds = 600;
const maxExpirationSeconds = 2 ** 32;

/**
 * `POST …/serviceaccounts/<name>/token` (`kubectl create token`): a TokenRequest answered with a bound token
 * for the ServiceAccount (audience the API server, one hour unless `spec.expirationSeconds` says otherwise).
 */
export function tokenRequest(
  deps: { store: ObjectStore; tokens: ServiceAccountTokens },
  where: { namespace: string; name: string },
  body: unknown,
): Json {
  if (!isJsonObject(body)) throw badRequest('the body of the request must be a JSON object');
  const spec = isJsonObject(body.spec) ? body.spec : {};
  const account = deps.store.get(serviceAccountsKey, where.namespace, where.name);
  if (!account) throw notFound({ group: '', resource: 'serviceaccounts' }, where.name);
  const expirationSeconds =
    typeof spec.expirationSeconds === 'number' ? spec.expirationSeconds : defaultExpirationSeconds;
  const tooShort = expirationSeconds < minExpirationSeconds;
  if (tooShort || expirationSeconds > maxExpirationSeconds) {
    throw invalid({ group: 'authentication.k8s.io', kind: 'TokenRequest' }, where.name, [
      {
        type: FieldErrorType.Invalid,
        field: 'spec.expirationSeconds',
        badValue: expirationSeconds,
        detail: tooShort
          ? 'may not specify a duration less than 10 minutes'
          : 'may not specify a duration larger than 2^32 seconds',
      },
    ]);
  }
  const given = Array.isArray(spec.audiences) ? spec.audiences.filter((a) => typeof a === 'string') : [];
  const audiences = given.length > 0 ? given : [apiAudience];
  const { token, expiration } = deps.tokens.boundToken(account, { audiences, expirationSeconds });
  return {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { name: where.name, namespace: where.namespace, creationTimestamp: null },
    spec: {
      audiences,
      expirationSeconds,
      boundObjectRef: isJsonObject(spec.boundObjectRef) ? spec.boundObjectRef : null,
    },
    status: { token, expirationTimestamp: rfc3339(expiration) },
  };
}
