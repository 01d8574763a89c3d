import type { Canary } from '../apis/index.js';

/** What {@link verifyCanary} checks besides the spec itself. */
export interface VerifyOptions {
  /** `-no-cross-namespace-refs`: MetricTemplates and AlertProviders must live in the canary's namespace. */
  noCrossNamespaceRefs: boolean;
}

/**
 * The checks of Flagger's `verifyCanary` that apply to Weir's providers and targets, in Flagger's words:
 * cross-namespace references (with `-no-cross-namespace-refs`) and session-affinity cookie names. Unlike
 * Flagger, which stops at the first, every problem is reported. An empty list means the canary may run.
 */
export function verifyCanary(canary: Canary, options: VerifyOptions): string[] {
  const problems: string[] = [];
  const namespace = canary.metadata.namespace ?? '';
  const analysis = canary.spec.analysis;
  if (options.noCrossNamespaceRefs) {
    for (const metric of analysis?.metrics ?? []) {
      const ref = metric.templateRef;
      if (ref?.namespace && ref.namespace !== namespace) {
        problems.push(
          `can't access metric template ${ref.name}.${ref.namespace}, cross-namespace references are blocked`,
        );
      }
    }
    for (const alert of analysis?.alerts ?? []) {
      const ref = alert.providerRef;
      if (ref.namespace && ref.namespace !== namespace) {
        problems.push(
          `can't access alert provider ${ref.name}.${ref.namespace}, cross-namespace references are blocked`,
        );
      }
    }
  }
  const affinity = analysis?.sessionAffinity;
  if (affinity && affinity.cookieName === affinity.primaryCookieName) {
    problems.push(
      "can't use the same cookie name for both primary and cookie name; please update them to be different",
    );
  }
  return problems;
}
