import { isJsonObject, type KubeObject } from '../model/object.js';
import { timestampValue, translateTimestampSince } from './age.js';
import { DESC } from './descriptions.js';
import { at, int, list, optStr, str } from './fields.js';
import {
  AGE_COLUMN,
  ageOf,
  column,
  NAME_COLUMN,
  nameOf,
  type TablePrinter,
  type TableRowCondition,
} from './table-printer.js';

function isRestartableInit(container: unknown): boolean {
  return str(container, 'restartPolicy') === 'Always';
}

function hasCondition(pod: KubeObject, type: string): boolean {
  return list(pod, 'status', 'conditions').some(
    (c) => str(c, 'type') === type && str(c, 'status') === 'True',
  );
}

function isInitializedTrue(pod: KubeObject): boolean {
  const initialized = list(pod, 'status', 'conditions').find((c) => str(c, 'type') === 'Initialized');
  return initialized !== undefined && str(initialized, 'status') === 'True';
}

/** The later of `current` and the container's last termination time (ms). */
function laterRestart(current: number | undefined, status: unknown): number | undefined {
  if (!isJsonObject(at(status, 'lastState', 'terminated'))) return current;
  const finished = timestampValue(at(status, 'lastState', 'terminated', 'finishedAt'));
  if (finished === undefined) return current;
  return current === undefined || current < finished ? finished : current;
}

function exitText(terminated: unknown, prefix: string): string {
  const signal = int(terminated, 'signal');
  return signal !== 0 ? `${prefix}Signal:${signal}` : `${prefix}ExitCode:${int(terminated, 'exitCode')}`;
}

interface PodSummary {
  ready: number;
  total: number;
  reason: string;
  restarts: number;
  lastRestart: number | undefined;
}

/** The READY / STATUS / RESTARTS logic of `printPod` (pkg/printers/internalversion). */
function summarize(pod: KubeObject): PodSummary {
  const initSpecs = list(pod, 'spec', 'initContainers');
  const initByName = new Map(initSpecs.map((c) => [str(c, 'name'), c] as const));
  const phase = str(pod, 'status', 'phase');
  const statusReason = str(pod, 'status', 'reason');
  let reason = statusReason !== '' ? statusReason : phase;
  for (const condition of list(pod, 'status', 'conditions')) {
    if (str(condition, 'type') === 'PodScheduled' && str(condition, 'reason') === 'SchedulingGated') {
      reason = 'SchedulingGated';
    }
  }
  const total = list(pod, 'spec', 'containers').length + initSpecs.filter(isRestartableInit).length;
  let ready = 0;
  let restarts = 0;
  let sidecarRestarts = 0;
  let lastRestart: number | undefined;
  let lastSidecarRestart: number | undefined;
  let initializing = false;
  const initStatuses = list(pod, 'status', 'initContainerStatuses');
  for (const [i, status] of initStatuses.entries()) {
    restarts += int(status, 'restartCount');
    lastRestart = laterRestart(lastRestart, status);
    const restartable = isRestartableInit(initByName.get(str(status, 'name')));
    if (restartable) {
      sidecarRestarts += int(status, 'restartCount');
      lastSidecarRestart = laterRestart(lastSidecarRestart, status);
    }
    const terminated = at(status, 'state', 'terminated');
    const waitingReason = str(status, 'state', 'waiting', 'reason');
    if (isJsonObject(terminated) && int(terminated, 'exitCode') === 0) continue;
    if (restartable && at(status, 'started') === true) {
      if (at(status, 'ready') === true) ready++;
      continue;
    }
    if (isJsonObject(terminated)) {
      const terminatedReason = str(terminated, 'reason');
      reason = terminatedReason === '' ? exitText(terminated, 'Init:') : `Init:${terminatedReason}`;
    } else if (waitingReason !== '' && waitingReason !== 'PodInitializing') {
      reason = `Init:${waitingReason}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }
  if (!initializing || isInitializedTrue(pod)) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = list(pod, 'status', 'containerStatuses');
    for (let i = statuses.length - 1; i >= 0; i--) {
      const status = statuses[i];
      restarts += int(status, 'restartCount');
      lastRestart = laterRestart(lastRestart, status);
      const waiting = at(status, 'state', 'waiting');
      const terminated = at(status, 'state', 'terminated');
      if (isJsonObject(waiting) && str(waiting, 'reason') !== '') {
        reason = str(waiting, 'reason');
      } else if (isJsonObject(terminated) && str(terminated, 'reason') !== '') {
        reason = str(terminated, 'reason');
      } else if (isJsonObject(terminated)) {
        reason = exitText(terminated, '');
      } else if (at(status, 'ready') === true && isJsonObject(at(status, 'state', 'running'))) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = hasCondition(pod, 'Ready') ? 'Running' : 'NotReady';
    }
  }
  const deleting = typeof pod.metadata.deletionTimestamp === 'string';
  if (deleting && statusReason === 'NodeLost') {
    reason = 'Unknown';
  } else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') {
    reason = 'Terminating';
  }
  return { ready, total, reason, restarts, lastRestart };
}

function readinessGates(pod: KubeObject): string {
  const gates = list(pod, 'spec', 'readinessGates');
  if (gates.length === 0) return '<none>';
  const conditions = list(pod, 'status', 'conditions');
  let trueConditions = 0;
  for (const gate of gates) {
    const condition = conditions.find((c) => str(c, 'type') === str(gate, 'conditionType'));
    if (condition !== undefined && str(condition, 'status') === 'True') trueConditions++;
  }
  return `${trueConditions}/${gates.length}`;
}

function orNone(value: string | undefined): string {
  return value === undefined || value === '' ? '<none>' : value;
}

/** core/v1 Pod: NAME READY STATUS RESTARTS AGE, wide IP NODE NOMINATED NODE READINESS GATES. */
export const podPrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
    column('Status', 'string', 'The aggregate status of the containers in this pod.'),
    column(
      'Restarts',
      'string',
      'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
    ),
    AGE_COLUMN,
    column('IP', 'string', DESC.podPodIP, 1),
    column('Node', 'string', DESC.podNodeName, 1),
    column('Nominated Node', 'string', DESC.podNominatedNodeName, 1),
    column('Readiness Gates', 'string', DESC.podReadinessGates, 1),
  ],
  cells: (obj, now) => {
    const s = summarize(obj);
    const restarts =
      s.restarts !== 0 && s.lastRestart !== undefined
        ? `${s.restarts} (${translateTimestampSince(new Date(s.lastRestart).toISOString(), now)} ago)`
        : String(s.restarts);
    return [
      nameOf(obj),
      `${s.ready}/${s.total}`,
      s.reason,
      restarts,
      ageOf(obj, now),
      orNone(optStr(obj, 'status', 'podIPs', 0, 'ip') ?? optStr(obj, 'status', 'podIP')),
      orNone(optStr(obj, 'spec', 'nodeName')),
      orNone(optStr(obj, 'status', 'nominatedNodeName')),
      readinessGates(obj),
    ];
  },
  conditions: (obj): TableRowCondition[] | undefined => {
    switch (str(obj, 'status', 'phase')) {
      case 'Succeeded':
        return [
          {
            type: 'Completed',
            status: 'True',
            reason: 'Succeeded',
            message: 'The pod has completed successfully.',
          },
        ];
      case 'Failed':
        return [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];
      default:
        return undefined;
    }
  },
};
