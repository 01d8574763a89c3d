import type { ComponentHealth } from './playground-control.js';
import type { PlaygroundPaths } from './playground-paths.js';
import type { PlaygroundState } from './playground-state.js';

/** Prints where everything is, for `weir local up` and `weir local status`. */
export function printState(
  state: PlaygroundState,
  paths: PlaygroundPaths,
  health?: ComponentHealth[],
  out: NodeJS.WritableStream = process.stdout,
): void {
  const mark = (name: string) => {
    const found = health?.find((h) => h.name === name);
    return found === undefined ? '' : found.healthy ? '  ok' : '  NOT RESPONDING';
  };
  out.write(
    [
      `  kubeconfig    ${state.kubeconfig}        (export KUBECONFIG=${state.kubeconfig})`,
      `  API server    ${state.addresses.apiserver}${mark('apiserver')}`,
      `  mesh proxy    ${state.addresses.meshProxy}${mark('mesh')}     (curl -x ${state.addresses.meshProxy} http://podinfo.test:9898/)`,
      `  mesh metrics  ${state.addresses.meshMetrics}`,
      `  Prometheus    ${state.addresses.prometheus}${mark('prometheus')}`,
      `  operator      ${state.addresses.operator}${mark('operator')}     (-mesh-provider=${state.meshProvider}; log: ${paths.operatorLog})`,
      `  supervisor    pid ${state.pid}, since ${state.startedAt}; log: ${paths.supervisorLog}`,
      '',
    ].join('\n'),
  );
}
