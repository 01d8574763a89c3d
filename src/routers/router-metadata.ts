/** Where `kubectl apply` keeps the object it applied; Weir restores from it on finalize. */
export const kubectlLastAppliedAnnotation = 'kubectl.kubernetes.io/last-applied-configuration';

/** Where Weir keeps the spec of a VirtualService it took over, to restore it on finalize. */
export const originalConfigurationAnnotation = 'flagger.kubernetes.io/original-configuration';

/** Annotations that stop Flux from reverting what Weir writes to generated objects. */
export const toolkitAnnotations: Readonly<Record<string, string>> = {
  'kustomize.toolkit.fluxcd.io/reconcile': 'disabled',
  'helm.toolkit.fluxcd.io/driftDetection': 'disabled',
};

/** `annotations` plus the toolkit annotations (Flagger's `filterMetadata`); a new object. */
export function filterMetadata(annotations: Record<string, string> | undefined): Record<string, string> {
  return { ...annotations, ...toolkitAnnotations };
}
