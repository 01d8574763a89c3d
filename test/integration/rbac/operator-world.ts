import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Canary } from '../../../src/apis/index.js';
import { loadConfig } from '../../../src/config/config.js';
import type { Deployment } from '../../../src/kube/api/apps-v1.js';
import type { KubeClient } from '../../../src/kube/kube-client.js';
import type { KubeObject } from '../../../src/kube/kube-object.js';
import { type RunningOperator, startOperator } from '../../../src/main/operator.js';
import { MemoryLogger } from '../../../src/platform/logger.js';
import { installCrds } from '../../support/crds.js';
import { canaryType } from '../../support/operator-harness.js';
import { PrometheusStub } from '../../support/prometheus-stub.js';
import { flaggerReference } from '../../support/reference.js';
import { DeploymentStatusWriter } from '../../support/status-writer.js';
import { type RbacApi, startRbacApi } from './rbac-api.js';

/** Where the operator of deploy/rbac/rbac.yaml runs, and which account it is. */
export const operatorNamespace = 'istio-system';
export const operatorUser = `system:serviceaccount:${operatorNamespace}:weir`;

/**
 * The local API server with RBAC on, Weir's and the meshes' CRDs, namespace `test` with the Deployments
 * a test puts there (settled by the event-driven status writer, as the administrator), a Prometheus
 * stand-in answering passing values, and `weir`'s ServiceAccount with a token: the operator started by
 * {@link start} acts as that ServiceAccount only.
 */
export class OperatorRbacWorld {
  readonly logger = new MemoryLogger();
  operator: RunningOperator | undefined;

  private constructor(
    readonly rbac: RbacApi,
    readonly raw: KubeClient,
    readonly prometheus: PrometheusStub,
    readonly kubelet: DeploymentStatusWriter,
    /** The kubeconfig holding the ServiceAccount's token. */
    readonly kubeconfig: string,
    /** `system:serviceaccount:<namespace>:weir` */
    readonly user: string,
  ) {}

  /**
   * Installs everything and the RBAC manifest `rbacFile` (applied with kubectl, as a user would), whose
   * ServiceAccount `weir` lives in `namespace`.
   */
  static async start(rbacFile: string, namespace = operatorNamespace): Promise<OperatorRbacWorld> {
    const rbac = await startRbacApi();
    const raw = rbac.admin.raw;
    await installCrds(raw);
    for (const name of new Set([namespace, 'test']))
      await raw.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    await rbac.api.kubectl.ok(['apply', '-f', rbacFile]);
    const token = await rbac.secretToken(namespace, 'weir');
    const { kubeconfig } = rbac.withToken('weir', token);
    const prometheus = await PrometheusStub.start();
    prometheus.answer(/istio_requests_total/, 99.5).answer(/istio_request_duration_milliseconds_bucket/, 120);
    const kubelet = new DeploymentStatusWriter(rbac.api.kubeconfig, 'test');
    await kubelet.start();
    return new OperatorRbacWorld(
      rbac,
      raw,
      prometheus,
      kubelet,
      kubeconfig,
      `system:serviceaccount:${namespace}:weir`,
    );
  }

  /** Starts `weir operator` with the ServiceAccount's kubeconfig and these extra flags. */
  async startOperator(...flags: string[]): Promise<RunningOperator> {
    this.operator = await startOperator({
      config: loadConfig(
        [
          `-kubeconfig=${this.kubeconfig}`,
          `-metrics-server=${this.prometheus.url}`,
          '-mesh-provider=istio',
          '-port=0',
          '-log-level=info',
          '-min-analysis-interval=100ms',
          ...flags,
        ],
        {},
      ),
      logger: this.logger,
      version: 'test',
    });
    return this.operator;
  }

  /** The upstream podinfo Deployment as `name` in `test`, adjusted. */
  async createPodinfo(name = 'podinfo', adjust: (d: Deployment) => void = () => {}): Promise<void> {
    const deployment = parse(
      readFileSync(flaggerReference('kustomize-podinfo', 'deployment.yaml'), 'utf8'),
    ) as Deployment;
    deployment.metadata = { ...deployment.metadata, name, namespace: 'test', labels: { app: name } };
    deployment.spec.selector = { matchLabels: { app: name } };
    deployment.spec.template.metadata = { ...deployment.spec.template.metadata, labels: { app: name } };
    adjust(deployment);
    await this.raw.create(deployment);
  }

  /** Creates an object in `test` as the administrator. */
  async create<T extends KubeObject>(object: T): Promise<T> {
    return this.raw.create({ ...object, metadata: { namespace: 'test', ...object.metadata } });
  }

  /** The canary as the API server has it, undefined when gone. */
  canary(name = 'podinfo'): Promise<Canary | undefined> {
    return this.raw.get<Canary>({ ...canaryType, namespace: 'test', name });
  }

  /** `kubectl set image deployment/<name> podinfod=<image>`. */
  async setImage(image: string, name = 'podinfo'): Promise<void> {
    await this.raw.patch(
      { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'test', name },
      { spec: { template: { spec: { containers: [{ name: 'podinfod', image }] } } } },
      'application/strategic-merge-patch+json',
    );
  }

  /** The image of a Deployment's first container. */
  async image(name: string): Promise<string | undefined> {
    const found = await this.raw.get<Deployment>({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: 'test',
      name,
    });
    return found?.spec.template.spec.containers[0]?.image;
  }

  /** Permission decisions made for the operator's ServiceAccount so far. */
  operatorDecisions() {
    return this.rbac.decisions.filter((d) => d.attributes.user.name === this.user);
  }

  async stop(): Promise<void> {
    await this.operator?.stop();
    await this.kubelet.stop();
    await this.prometheus.close();
    await this.rbac.api.stop();
  }
}
