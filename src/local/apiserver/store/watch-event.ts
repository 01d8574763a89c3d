import type { KubeObject } from '../model/object.js';

/** The kinds of change a watch reports (BOOKMARK and ERROR are produced by the HTTP layer). */
export const ChangeType = {
  Added: 'ADDED',
  Modified: 'MODIFIED',
  Deleted: 'DELETED',
} as const;
export type ChangeType = (typeof ChangeType)[keyof typeof ChangeType];

/** One committed change, as kept in the watch history and sent to subscribers. */
export interface Change {
  readonly type: ChangeType;
  /** The resourceVersion this change committed at. */
  readonly rv: number;
  /** Which stored resource (all versions of one group/resource share it). */
  readonly storageKey: string;
  /** The object after the change (for DELETED: the last state, carrying the deletion's resourceVersion). */
  readonly object: KubeObject;
  /** The object before the change, when there was one; lets filtered watches turn edits into ADDED/DELETED. */
  readonly previous: KubeObject | undefined;
}
