import type { CanaryCondition, CanaryPhase } from '../apis/index.js';

/** The `Promoted` condition's status and message for a phase (Flagger's MakeStatusConditions). */
export function promotedCondition(
  phase: CanaryPhase,
  kind: string,
): { status: 'True' | 'False' | 'Unknown'; message: string } {
  switch (phase) {
    case 'Initialized':
      return { status: 'True', message: `${kind} initialization completed.` };
    case 'Waiting':
    case 'WaitingPromotion':
      return { status: 'Unknown', message: 'Waiting for approval.' };
    case 'Progressing':
      return { status: 'Unknown', message: 'New revision detected, progressing canary analysis.' };
    case 'Promoting':
      return { status: 'Unknown', message: 'Canary analysis completed, starting primary rolling update.' };
    case 'Finalising':
      return { status: 'Unknown', message: 'Canary analysis completed, routing all traffic to primary.' };
    case 'Succeeded':
      return { status: 'True', message: 'Canary analysis completed successfully, promotion finished.' };
    case 'Failed':
      return { status: 'False', message: `Canary analysis failed, ${kind} scaled to zero.` };
    case '':
    case 'Initializing':
    case 'Terminating':
    case 'Terminated':
      return { status: 'Unknown', message: `New ${kind} detected, starting initialization.` };
  }
}

/**
 * The single-element conditions list after entering `phase`: unchanged when status and reason are the
 * same; the transition time kept when only the reason changes.
 */
export function nextConditions(
  current: readonly CanaryCondition[] | undefined,
  phase: CanaryPhase,
  kind: string,
  now: string,
): CanaryCondition[] {
  const { status, message } = promotedCondition(phase, kind);
  const existing = current?.find((c) => c.type === 'Promoted');
  if (existing && existing.status === status && existing.reason === phase) return [...(current ?? [])];
  return [
    {
      type: 'Promoted',
      status,
      reason: phase,
      message,
      lastUpdateTime: now,
      lastTransitionTime:
        existing && existing.status === status && existing.lastTransitionTime
          ? existing.lastTransitionTime
          : now,
    },
  ];
}
