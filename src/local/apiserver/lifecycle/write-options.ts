/** How strictly unknown fields are treated (`fieldValidation` query parameter). */
export const FieldValidation = { Strict: 'Strict', Warn: 'Warn', Ignore: 'Ignore' } as const;
export type FieldValidation = (typeof FieldValidation)[keyof typeof FieldValidation];

/** Options common to every write. */
export interface WriteOptions {
  /** Validate and answer, but store nothing (`dryRun=All`). */
  dryRun?: boolean;
  fieldValidation?: FieldValidation;
  /** Collected `Warning` header texts for the response. */
  warnings?: string[];
}

/** `propagationPolicy` of a delete. */
export const PropagationPolicy = {
  Orphan: 'Orphan',
  Background: 'Background',
  Foreground: 'Foreground',
} as const;
export type PropagationPolicy = (typeof PropagationPolicy)[keyof typeof PropagationPolicy];

/** The parts of DeleteOptions the server honours. */
export interface DeleteOptions extends WriteOptions {
  propagationPolicy?: PropagationPolicy;
  preconditions?: { uid?: string; resourceVersion?: string };
}

/** The subresource a write addresses, if any. */
export type Subresource = 'status' | undefined;
