/** The API group of Flagger's kinds, which Weir serves unchanged. */
export const FlaggerGroup = 'flagger.app';

/** The only version of Flagger's API. */
export const FlaggerVersion = 'v1beta1';

/** `apiVersion` of every Canary, MetricTemplate and AlertProvider. */
export const FlaggerApiVersion = `${FlaggerGroup}/${FlaggerVersion}` as const;

/** Kind of a canary release. */
export const CanaryKind = 'Canary';

/** Kind of a reusable metric query. */
export const MetricTemplateKind = 'MetricTemplate';

/** Kind of a notification channel. */
export const AlertProviderKind = 'AlertProvider';

/** Every kind of the group, in the order the CRDs are written. */
export const FlaggerKinds = [CanaryKind, MetricTemplateKind, AlertProviderKind] as const;
export type FlaggerKind = (typeof FlaggerKinds)[number];
