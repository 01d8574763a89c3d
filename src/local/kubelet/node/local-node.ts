import { arch, cpus, hostname, platform, release, totalmem } from 'node:os';
import { type Node, NodeType } from '../../../kube/api/core-v1.js';
import { PatchKind } from '../../../kube/kube-client.js';
import { isAlreadyExists } from '../../../kube/kube-errors.js';
import { type Clock, rfc3339 } from '../../../platform/clock.js';
import type { ControllerContext } from '../controller-context.js';

/** The address the node reports; pods get their own loopback addresses. */
export const nodeAddress = '127.0.0.1';

const goArch: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386' };

/** The labels of the node, as a kubelet registers them; DaemonSet nodeSelectors are matched against these. */
export function nodeLabels(nodeName: string): Record<string, string> {
  const os = platform() === 'win32' ? 'windows' : platform();
  const architecture = goArch[arch()] ?? arch();
  return {
    'beta.kubernetes.io/arch': architecture,
    'beta.kubernetes.io/os': os,
    'kubernetes.io/arch': architecture,
    'kubernetes.io/hostname': nodeName,
    'kubernetes.io/os': os,
  };
}

function readyCondition(ready: boolean, clock: Clock, since: string) {
  const now = rfc3339(clock.now());
  return ready
    ? {
        type: 'Ready',
        status: 'True',
        reason: 'KubeletReady',
        message: 'kubelet is posting ready status',
        lastHeartbeatTime: now,
        lastTransitionTime: since,
      }
    : {
        type: 'Ready',
        status: 'Unknown',
        reason: 'NodeStatusUnknown',
        message: 'Kubelet stopped posting node status.',
        lastHeartbeatTime: now,
        lastTransitionTime: now,
      };
}

function pressure(type: string, reason: string, message: string, clock: Clock, since: string) {
  return {
    type,
    status: 'False',
    reason,
    message,
    lastHeartbeatTime: rfc3339(clock.now()),
    lastTransitionTime: since,
  };
}

/** The node's status: Ready (or Unknown once the kubelet stopped), addresses, capacity, node info. */
export function nodeStatus(options: {
  nodeName: string;
  ready: boolean;
  clock: Clock;
}): Record<string, unknown> {
  const { clock } = options;
  const since = rfc3339(clock.now());
  const capacity = {
    cpu: String(cpus().length),
    memory: `${Math.floor(totalmem() / 1024)}Ki`,
    'ephemeral-storage': '100Gi',
    pods: '110',
  };
  return {
    conditions: [
      pressure(
        'MemoryPressure',
        'KubeletHasSufficientMemory',
        'kubelet has sufficient memory available',
        clock,
        since,
      ),
      pressure('DiskPressure', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure', clock, since),
      pressure(
        'PIDPressure',
        'KubeletHasSufficientPID',
        'kubelet has sufficient PID available',
        clock,
        since,
      ),
      readyCondition(options.ready, clock, since),
    ],
    addresses: [
      { type: 'InternalIP', address: nodeAddress },
      { type: 'Hostname', address: options.nodeName },
    ],
    capacity,
    allocatable: capacity,
    daemonEndpoints: { kubeletEndpoint: { Port: 0 } },
    nodeInfo: {
      machineID: '',
      systemUUID: '',
      bootID: '',
      kernelVersion: release(),
      osImage: `${platform()} (${hostname()})`,
      containerRuntimeVersion: 'weir://0.1.0',
      kubeletVersion: 'v1.31.0-weir',
      kubeProxyVersion: 'v1.31.0-weir',
      operatingSystem: platform(),
      architecture: goArch[arch()] ?? arch(),
    },
  };
}

/** Registers the node (or takes over the existing object) and reports it Ready. */
export async function registerNode(ctx: ControllerContext): Promise<void> {
  const node: Node = {
    ...NodeType,
    metadata: { name: ctx.nodeName, labels: nodeLabels(ctx.nodeName) },
    spec: {},
  };
  try {
    await ctx.client.create(node);
  } catch (error) {
    if (!isAlreadyExists(error)) throw error;
    await ctx.client.patch(
      { ...NodeType, name: ctx.nodeName },
      { metadata: { labels: node.metadata.labels } },
      PatchKind.Merge,
    );
  }
  await reportNode(ctx, true);
}

/** Writes the node's status: Ready, or Unknown when the kubelet stops. */
export async function reportNode(ctx: ControllerContext, ready: boolean): Promise<void> {
  await ctx.client.patch(
    { ...NodeType, name: ctx.nodeName },
    { status: nodeStatus({ nodeName: ctx.nodeName, ready, clock: ctx.clock }) },
    PatchKind.Merge,
    'status',
  );
}
