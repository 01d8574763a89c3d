import { DeferredQueue } from '../lifecycle/deferred-queue.js';
import type { DeletionService } from '../lifecycle/deletion.js';
import type { ResourceService } from '../lifecycle/resource-service.js';
import { isJsonObject, type KubeObject } from '../model/object.js';
import type { ResourceRegistry } from '../resources/registry.js';
import type { ObjectStore } from '../store/object-store.js';
import type { Change } from '../store/watch-event.js';
import { type ServiceAccountTokens, secretsKey, serviceAccountsKey } from './service-account-tokens.js';

/** The Secret type and annotations of legacy service account token Secrets. */
export const ServiceAccountTokenSecret = {
  type: 'kubernetes.io/service-account-token',
  nameAnnotation: 'kubernetes.io/service-account.name',
  uidAnnotation: 'kubernetes.io/service-account.uid',
} as const;

/** What the token controller works with. */
export interface TokenControllerDeps {
  store: ObjectStore;
  registry: ResourceRegistry;
  resources: ResourceService;
  deletion: DeletionService;
  tokens: ServiceAccountTokens;
  onError: (message: string, error: unknown) => void;
}

function accountOf(secret: KubeObject): string | undefined {
  if (secret.type !== ServiceAccountTokenSecret.type) return undefined;
  return secret.metadata.annotations?.[ServiceAccountTokenSecret.nameAnnotation] || undefined;
}

function hasToken(secret: KubeObject): boolean {
  return isJsonObject(secret.data) && typeof secret.data.token === 'string' && secret.data.token !== '';
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/**
 * Kubernetes' legacy token controller: a Secret of type `kubernetes.io/service-account-token` annotated
 * with `kubernetes.io/service-account.name` gets `token` and `namespace` in its data and the account's uid
 * annotation once the ServiceAccount exists; deleting the ServiceAccount deletes its token Secrets.
 */
export class TokenController {
  private readonly queue: DeferredQueue;
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: TokenControllerDeps) {
    this.queue = new DeferredQueue(
      (key) => this.process(key),
      (key, error) => deps.onError(`token controller: ${key} failed`, error),
    );
    for (const secret of deps.store.list(secretsKey)) this.observeSecret(secret);
    this.unsubscribe = deps.store.subscribeAll((change) => this.observe(change));
  }

  /** Stops observing changes. */
  close(): void {
    this.unsubscribe();
  }

  /** Resolves when no token work is pending. */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  private observe(change: Change): void {
    if (change.storageKey === secretsKey && change.type !== 'DELETED') this.observeSecret(change.object);
    if (change.storageKey !== serviceAccountsKey) return;
    const namespace = change.object.metadata.namespace ?? '';
    const account = change.object.metadata.name ?? '';
    for (const secret of this.deps.store.list(secretsKey, namespace)) {
      if (accountOf(secret) !== account) continue;
      const name = secret.metadata.name ?? '';
      if (change.type === 'DELETED')
        this.queue.add(`delete/${namespace}/${name}/${change.object.metadata.uid}`);
      else this.observeSecret(secret);
    }
  }

  private observeSecret(secret: KubeObject): void {
    if (accountOf(secret) && !hasToken(secret))
      this.queue.add(`populate/${secret.metadata.namespace}/${secret.metadata.name}`);
  }

  private process(key: string): void {
    const [action, namespace = '', name = '', uid] = key.split('/');
    const type = this.deps.registry.lookup('', 'v1', 'secrets');
    const secret = this.deps.store.get(secretsKey, namespace, name);
    const account = secret && accountOf(secret);
    if (!type || !secret || !account) return;
    const boundUid = secret.metadata.annotations?.[ServiceAccountTokenSecret.uidAnnotation];
    if (action === 'delete') {
      if (!boundUid || boundUid === uid) this.deps.deletion.delete(type, namespace, name);
      return;
    }
    const serviceAccount = this.deps.store.get(serviceAccountsKey, namespace, account);
    if (hasToken(secret) || !serviceAccount || secret.metadata.deletionTimestamp) return;
    // A Secret bound to an earlier ServiceAccount of that name stays without a token.
    if (boundUid && boundUid !== serviceAccount.metadata.uid) return;
    const data = isJsonObject(secret.data) ? secret.data : {};
    this.deps.resources.update(type, namespace, name, {
      ...secret,
      metadata: {
        ...secret.metadata,
        annotations: {
          ...secret.metadata.annotations,
          [ServiceAccountTokenSecret.uidAnnotation]: serviceAccount.metadata.uid ?? '',
        },
      },
      data: {
        ...data,
        namespace: b64(namespace),
        token: b64(this.deps.tokens.legacyToken(serviceAccount, name)),
      },
    });
  }
}
