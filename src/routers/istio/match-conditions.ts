import type { AnalysisMatch, HTTPMatchRequest } from '../../apis/index.js';

/**
 * Flagger's `mergeMatchConditions`: each A/B condition combined with each of the service's conditions
 * (headers, sourceLabels and queryParams taken from the A/B condition); the A/B conditions alone when the
 * service has none. Flagger drops `queryParams` here, so a query-parameter A/B test on a service with match
 * conditions sent every request to the canary; Weir keeps them.
 */
export function mergeMatchConditions(
  analysis: readonly AnalysisMatch[],
  defaults: readonly HTTPMatchRequest[],
): HTTPMatchRequest[] {
  if (defaults.length === 0) return analysis.map((m) => structuredClone(m));
  return analysis.flatMap((condition) =>
    defaults.map((d) => {
      const merged: HTTPMatchRequest = structuredClone(d);
      if (condition.headers) merged.headers = structuredClone(condition.headers);
      if (condition.sourceLabels) merged.sourceLabels = { ...condition.sourceLabels };
      if (condition.queryParams) merged.queryParams = structuredClone(condition.queryParams);
      return merged;
    }),
  );
}
