import type { KubeObject } from '../kube/kube-object.js';
import type { EventType } from './canary-events.js';

/** `involvedObject` of a core/v1 Event. */
export interface EventObjectReference {
  /** Kind of the object (`Canary`). */
  kind: string;
  /** Namespace of the object. */
  namespace?: string;
  /** Name of the object. */
  name: string;
  /** UID, so `kubectl describe` finds the events of this incarnation only. */
  uid?: string;
  /** API version of the object (`flagger.app/v1beta1`). */
  apiVersion: string;
  /** The object's resourceVersion when the event happened. */
  resourceVersion?: string;
  /** Part of the object the event is about (unused by Weir). */
  fieldPath?: string;
}

/** A core/v1 Event as client-go's EventRecorder writes it. */
export interface CoreEvent extends KubeObject {
  /** The object the event is about. */
  involvedObject: EventObjectReference;
  /** Short machine-readable cause; always `Synced` for canary events. */
  reason: string;
  /** The human-readable text. */
  message: string;
  /** Who reported it (`kubectl describe` shows `component` under From). */
  source: { component: string; host?: string };
  /** When it first happened (RFC 3339). */
  firstTimestamp: string;
  /** When it last happened (RFC 3339). */
  lastTimestamp: string;
  /** How many times it happened. */
  count: number;
  /** Normal or Warning. */
  type: EventType;
  /** The controller that reported it (client-go sets the source component). */
  reportingComponent?: string;
}

/** The reference an Event carries to `object` (client-go's `ref.GetReference`). */
export function referenceTo(object: KubeObject): EventObjectReference {
  const ref: EventObjectReference = {
    kind: object.kind,
    name: object.metadata.name,
    apiVersion: object.apiVersion,
  };
  if (object.metadata.namespace) ref.namespace = object.metadata.namespace;
  if (object.metadata.uid) ref.uid = object.metadata.uid;
  if (object.metadata.resourceVersion) ref.resourceVersion = object.metadata.resourceVersion;
  return ref;
}

/**
 * Unique Event names `<object>.<hex nanoseconds>` as client-go makes them. The clock has millisecond
 * precision, so names within one millisecond take the next free nanosecond.
 */
export class EventNamer {
  private last = 0n;

  /** A fresh name for an Event about `objectName` at `now`. */
  name(objectName: string, now: Date): string {
    let nanos = BigInt(now.getTime()) * 1_000_000n;
    if (nanos <= this.last) nanos = this.last + 1n;
    this.last = nanos;
    return `${objectName}.${nanos.toString(16)}`;
  }
}
