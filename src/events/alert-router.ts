import type { AlertProvider, AlertSeverity, Canary, CanaryAlert } from '../apis/index.js';
import type { ClusterReader } from '../kube/cluster-reader.js';
import type { KubeClient } from '../kube/kube-client.js';
import type { KubeObject, ObjectRef } from '../kube/kube-object.js';
import type { Notifier, NotifierField } from '../notifiers/notifier.js';
import type { NotifierFactory, NotifierSettings } from '../notifiers/notifier-factory.js';
import type { Logger } from '../platform/logger.js';
import type { Severity } from './canary-events.js';

/** What {@link AlertRouter} needs. */
export interface AlertRouterOptions {
  /** Cached AlertProviders (and Secrets, when cached). */
  cluster: ClusterReader;
  /** Reads what the cache does not hold (Secrets are usually not cached). */
  kube: KubeClient;
  logger: Logger;
  /** Gets every alert of canaries without `analysis.alerts`. */
  globalNotifier: Notifier;
  createNotifier: NotifierFactory;
  /** `-no-cross-namespace-refs`: providers in other namespaces are refused. */
  noCrossNamespaceRefs?: boolean;
}

type Secret = KubeObject & { data?: Record<string, string> };

/**
 * Whether an alert of `alertSeverity` receives a message of `severity`: `info` receives everything, `warn`
 * warnings and errors, `error` errors. An empty severity means `info`, as Flagger documents (its code sends
 * such alerts nothing, §9.3 #3).
 */
export function alertReceives(alertSeverity: AlertSeverity | undefined, severity: Severity): boolean {
  const threshold = alertSeverity || 'info';
  return threshold === 'info' || threshold === severity || (threshold === 'warn' && severity === 'error');
}

/** Routes an alert to the canary's AlertProviders, or to the global notifier (Flagger's `alert()`, §6.1). */
export class AlertRouter {
  constructor(private readonly options: AlertRouterOptions) {}

  /** Posts `message` wherever it is due; every failure is logged, none is thrown. */
  async send(canary: Canary, message: string, severity: Severity, fields: NotifierField[]): Promise<void> {
    const log = this.options.logger.child({
      canary: `${canary.metadata.name}.${canary.metadata.namespace ?? ''}`,
      namespace: canary.metadata.namespace,
    });
    const post = {
      workload: canary.metadata.name,
      namespace: canary.metadata.namespace ?? '',
      message,
      fields,
      severity,
    };
    const alerts = canary.spec.analysis?.alerts ?? [];
    if (alerts.length === 0) {
      await this.options.globalNotifier.post(post).catch((error: unknown) => {
        log.error(`alert can't be sent: ${errorText(error)}`);
      });
      return;
    }
    for (const alert of alerts) {
      if (!alertReceives(alert.severity, severity)) continue;
      const namespace = alert.providerRef.namespace || canary.metadata.namespace || '';
      const where = `${alert.providerRef.name}.${namespace}`;
      try {
        const notifier = await this.notifierFor(canary, alert, namespace);
        await notifier.post(post);
      } catch (error) {
        log.error(`alert provider ${where} error: ${errorText(error)}`);
      }
    }
  }

  private async notifierFor(canary: Canary, alert: CanaryAlert, namespace: string): Promise<Notifier> {
    const name = alert.providerRef.name;
    if (this.options.noCrossNamespaceRefs && namespace !== canary.metadata.namespace) {
      throw new Error(
        `can't access alert provider ${name}.${namespace}, cross-namespace references are blocked`,
      );
    }
    const provider = await this.read<AlertProvider>({
      apiVersion: 'flagger.app/v1beta1',
      kind: 'AlertProvider',
      namespace,
      name,
    });
    if (!provider) throw new Error(`alertprovider.flagger.app "${name}" not found`);
    const spec = provider.spec;
    const settings: NotifierSettings = {
      type: spec.type,
      url: spec.address ?? '',
      username: spec.username || 'flagger',
      channel: spec.channel || 'general',
      ...(spec.proxy ? { proxy: spec.proxy } : {}),
    };
    if (spec.secretRef) {
      const secretName = spec.secretRef.name;
      const secret = await this.read<Secret>({
        apiVersion: 'v1',
        kind: 'Secret',
        namespace,
        name: secretName,
      });
      if (!secret) throw new Error(`secretRef error: secret "${secretName}" not found`);
      const address = secret.data?.address;
      if (address === undefined) throw new Error(`secret ${secretName} does not contain an address`);
      settings.url = decode(address);
      if (secret.data?.token !== undefined) settings.token = decode(secret.data.token);
    }
    return this.options.createNotifier(settings);
  }

  private async read<T extends KubeObject>(ref: ObjectRef): Promise<T | undefined> {
    return this.options.cluster.get<T>(ref) ?? (await this.options.kube.get<T>(ref));
  }
}

function decode(base64: string): string {
  return Buffer.from(base64, 'base64').toString('utf8').trim();
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
