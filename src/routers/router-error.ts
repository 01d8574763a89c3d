/** Why a router call failed. */
export const RouterErrorCodes = [
  /** The routing object (VirtualService, TrafficSplit, Service) does not exist. */
  'routing-object-missing',
  /** The routing object exists but routes to neither the primary nor the canary. */
  'routes-missing',
  /** The Canary asks for something the router cannot build (e.g. delegation with hosts). */
  'invalid-spec',
  /** The Kubernetes API refused a read or write. */
  'api-error',
] as const;
export type RouterErrorCode = (typeof RouterErrorCodes)[number];

/** A failed router call; the message is Flagger's wording where Flagger has one. */
export class RouterError extends Error {
  readonly code: RouterErrorCode;
  constructor(code: RouterErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RouterError';
    this.code = code;
  }
}
