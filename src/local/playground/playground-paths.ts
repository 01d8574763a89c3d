import { join } from 'node:path';
import { weirHome } from '../../platform/weir-home.js';

/** Where one playground keeps its state (everything under one data directory). */
export interface PlaygroundPaths {
  root: string;
  apiserverData: string;
  kubeletData: string;
  prometheusData: string;
  kubeconfig: string;
  /** Ports chosen at the first start, reused by every later one (the kubeconfig stays valid). */
  ports: string;
  /** Written by the running supervisor: pid, addresses, readiness. */
  state: string;
  supervisorLog: string;
  operatorLog: string;
}

/** The layout of a playground data directory (default `$WEIR_HOME/local`). */
export function playgroundPaths(root = join(weirHome(), 'local')): PlaygroundPaths {
  return {
    root,
    apiserverData: join(root, 'apiserver'),
    kubeletData: join(root, 'kubelet'),
    prometheusData: join(root, 'prometheus'),
    kubeconfig: join(root, 'kubeconfig'),
    ports: join(root, 'ports.json'),
    state: join(root, 'state.json'),
    supervisorLog: join(root, 'playground.log'),
    operatorLog: join(root, 'operator.log'),
  };
}
