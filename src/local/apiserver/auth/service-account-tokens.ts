import type { Clock } from '../../../platform/clock.js';
import { isJsonObject, type KubeObject } from '../model/object.js';
import type { ObjectStore } from '../store/object-store.js';
import { type Claims, signJwt, verifyJwt } from './jwt.js';
import { Groups, serviceAccountGroups, serviceAccountUsername, type UserInfo, user } from './user-info.js';

/** The audience and issuer of tokens from TokenRequests (what a cluster's API server accepts by default). */
export const apiAudience = 'https://kubernetes.default.svc.cluster.local';
const boundIssuer = apiAudience;
/** The issuer of the legacy tokens the token controller writes into Secrets. */
const legacyIssuer = 'kubernetes/serviceaccount';
const legacy = {
  namespace: 'kubernetes.io/serviceaccount/namespace',
  secretName: 'kubernetes.io/serviceaccount/secret.name',
  name: 'kubernetes.io/serviceaccount/service-account.name',
  uid: 'kubernetes.io/serviceaccount/service-account.uid',
} as const;

export const serviceAccountsKey = 'serviceaccounts';
export const secretsKey = 'secrets';

/** What minting and checking tokens needs. */
export interface ServiceAccountTokensDeps {
  store: ObjectStore;
  clock: Clock;
  signingKey: Buffer;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * Service account tokens as JWTs signed by the server: legacy ones (kept in Secrets, valid while the
 * Secret and the ServiceAccount exist) and bound ones from TokenRequests (valid until they expire, while
 * the ServiceAccount exists). A deleted and recreated ServiceAccount (new uid) invalidates both.
 */
export class ServiceAccountTokens {
  constructor(private readonly deps: ServiceAccountTokensDeps) {}

  /** The token the token controller writes into `secretName` for `serviceAccount`. */
  legacyToken(serviceAccount: KubeObject, secretName: string): string {
    return signJwt(this.deps.signingKey, {
      iss: legacyIssuer,
      [legacy.namespace]: serviceAccount.metadata.namespace ?? '',
      [legacy.secretName]: secretName,
      [legacy.name]: serviceAccount.metadata.name ?? '',
      [legacy.uid]: serviceAccount.metadata.uid ?? '',
      sub: serviceAccountUsername(
        serviceAccount.metadata.namespace ?? '',
        serviceAccount.metadata.name ?? '',
      ),
    });
  }

  /** A token for a TokenRequest, expiring after `expirationSeconds`. */
  boundToken(
    serviceAccount: KubeObject,
    options: { audiences: string[]; expirationSeconds: number },
  ): { token: string; expiration: Date } {
    const now = Math.floor(this.deps.clock.now().getTime() / 1000);
    const exp = now + options.expirationSeconds;
    const namespace = serviceAccount.metadata.namespace ?? '';
    const name = serviceAccount.metadata.name ?? '';
    const token = signJwt(this.deps.signingKey, {
      aud: options.audiences,
      exp,
      iat: now,
      iss: boundIssuer,
      nbf: now,
      sub: serviceAccountUsername(namespace, name),
      'kubernetes.io': { namespace, serviceaccount: { name, uid: serviceAccount.metadata.uid ?? '' } },
    });
    return { token, expiration: new Date(exp * 1000) };
  }

  /** The service account user a token proves, or undefined when it proves nothing (→ 401). */
  authenticate(token: string): UserInfo | undefined {
    const claims = verifyJwt(this.deps.signingKey, token);
    if (!claims) return undefined;
    if (claims.iss === legacyIssuer) return this.legacyUser(claims, token);
    if (claims.iss === boundIssuer) return this.boundUser(claims);
    return undefined;
  }

  private legacyUser(claims: Claims, token: string): UserInfo | undefined {
    const namespace = text(claims[legacy.namespace]);
    const account = this.account(namespace, text(claims[legacy.name]), text(claims[legacy.uid]));
    if (!account) return undefined;
    const secret = this.deps.store.get(secretsKey, namespace, text(claims[legacy.secretName]));
    const data = secret && isJsonObject(secret.data) ? secret.data : {};
    if (Buffer.from(text(data.token), 'base64').toString('utf8') !== token) return undefined;
    return account;
  }

  private boundUser(claims: Claims): UserInfo | undefined {
    const now = this.deps.clock.now().getTime() / 1000;
    const exp = typeof claims.exp === 'number' ? claims.exp : 0;
    const nbf = typeof claims.nbf === 'number' ? claims.nbf : 0;
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (now >= exp || now < nbf || !audiences.includes(apiAudience)) return undefined;
    const kube = isJsonObject(claims['kubernetes.io']) ? claims['kubernetes.io'] : {};
    const sa = isJsonObject(kube.serviceaccount) ? kube.serviceaccount : {};
    return this.account(text(kube.namespace), text(sa.name), text(sa.uid));
  }

  /** The user of a ServiceAccount that exists with this uid. */
  private account(namespace: string, name: string, uid: string): UserInfo | undefined {
    const account = this.deps.store.get(serviceAccountsKey, namespace, name);
    if (!account || !uid || account.metadata.uid !== uid) return undefined;
    return user(
      serviceAccountUsername(namespace, name),
      [...serviceAccountGroups(namespace), Groups.authenticated],
      uid,
    );
  }
}
