import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../../src/kube/kube-object.js';
import { toolPath } from '../../../src/platform/tools.js';
import { runCommand } from '../../support/kubectl.js';
import { repoPath } from './install-world.js';

/** `helm <args>` without a cluster (template, lint); fails with helm's stderr unless it exits 0. */
export async function helmOffline(args: readonly string[]): Promise<string> {
  const result = await runCommand(toolPath('helm'), args, {
    env: {
      ...process.env,
      HELM_CACHE_HOME: '/tmp/weir-helm-cache',
      HELM_CONFIG_HOME: '/tmp/weir-helm-config',
    },
  });
  if (result.code !== 0) throw new Error(`helm ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return result.stdout + result.stderr;
}

/** `helm template <release> charts/<chart> <args>` as text. */
export function template(chart: string, release: string, args: readonly string[] = []): Promise<string> {
  return helmOffline(['template', release, repoPath('charts', chart), ...args]);
}

/** The objects a rendering holds. */
export function objects(rendered: string): KubeObject[] {
  return parseAllDocuments(rendered)
    .map((document) => document.toJSON() as KubeObject | null)
    .filter((object): object is KubeObject => object !== null);
}

/** The first object of a kind (and name, when given). */
export function find<T extends KubeObject>(list: readonly KubeObject[], kind: string, name?: string): T {
  const found = list.find((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  if (!found) throw new Error(`no ${kind}${name ? ` ${name}` : ''} rendered`);
  return found as T;
}

/** The operator container's args in a rendering. */
export function operatorArgs(list: readonly KubeObject[]): string[] {
  const deployment = find<
    KubeObject & { spec: { template: { spec: { containers: { args?: string[] }[] } } } }
  >(list, 'Deployment');
  return deployment.spec.template.spec.containers[0]?.args ?? [];
}
