import type { IncomingMessage, ServerResponse } from 'node:http';

/** One request being served. */
export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  /** The path pattern's captured groups (`/status/{code}` → `['503']`). */
  params: readonly string[];
  /** The request body, read on demand. */
  body(): Promise<string>;
}

/** An endpoint: the methods and path it answers, and the label its requests get in the metrics. */
export interface Route {
  /** Podinfo's route template (`/status/{code}`) or name; the metrics label derives from it. */
  template: string;
  /** Methods answered; other methods get 405. */
  methods: readonly string[];
  /** Whole-path match. */
  pattern: RegExp;
  /** Only for requests whose User-Agent matches (podinfo serves its UI to browsers on `/`). */
  userAgent?: RegExp;
  /** Serves the request. */
  handle(context: RouteContext): void | Promise<void>;
}

/** What a path and method resolve to: a route, a path known under other methods only, or nothing. */
export type RouteMatch =
  | { kind: 'route'; route: Route; params: string[] }
  | { kind: 'method-not-allowed' }
  | { kind: 'not-found' };

/** Finds the first route for `method` and `path` (and the User-Agent, for browser-only routes). */
export function matchRoute(
  routes: readonly Route[],
  method: string,
  path: string,
  userAgent: string,
): RouteMatch {
  let pathKnown = false;
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    if (route.userAgent && !route.userAgent.test(userAgent)) continue;
    pathKnown = true;
    if (route.methods.includes(method)) return { kind: 'route', route, params: match.slice(1) };
  }
  return pathKnown ? { kind: 'method-not-allowed' } : { kind: 'not-found' };
}
