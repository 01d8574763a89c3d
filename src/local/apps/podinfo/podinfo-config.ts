/** Units `--random-delay-unit` accepts. */
export const DelayUnits = ['s', 'ms'] as const;
export type DelayUnit = (typeof DelayUnits)[number];

/** Log levels `--level` accepts (podinfo's zap levels; `fatal` and `panic` log as `error`). */
export const PodinfoLevels = ['debug', 'info', 'warn', 'error', 'fatal', 'panic'] as const;
export type PodinfoLevel = (typeof PodinfoLevels)[number];

/** Latency podinfo adds to every request with `--random-delay`: uniform in [min, max) units. */
export interface RandomDelay {
  /** Smallest delay, in `unit`s. */
  min: number;
  /** Exclusive upper bound, in `unit`s; greater than `min`. */
  max: number;
  /** Seconds or milliseconds. */
  unit: DelayUnit;
}

/** Everything a podinfo-compatible app instance is configured with. */
export interface PodinfoConfig {
  /** The address to bind (the pod's loopback IP in the playground). */
  host: string;
  /** The HTTP port; 0 picks a free one. */
  port: number;
  /** A second listener serving only `/metrics` and `/healthz`; absent when podinfo's `--port-metrics` is 0. */
  metricsPort?: number;
  /** The image tag the app reports as its version. */
  version: string;
  /** Reported as `revision` (`commit` on `/version`). */
  revision: string;
  /** Reported as `hostname`: the pod name in the playground. */
  hostname: string;
  /** `GET /` fields of the UI. */
  ui: { color: string; message: string; logo: string };
  /** Adds random latency to application endpoints when set. */
  randomDelay?: RandomDelay;
  /** Share of application requests answered with a random error status (podinfo: 1/3); absent = never. */
  randomErrorRate?: number;
  /** Starts with `/healthz` failing (podinfo's `--unhealthy`). */
  unhealthy: boolean;
  /** Starts with `/readyz` failing (podinfo's `--unready`). */
  unready: boolean;
  /** HMAC key of the tokens `/token` issues. */
  jwtSecret: string;
  /** After SIGTERM: how long to keep serving (unready) before closing the listener, so the mesh drops the pod first. */
  shutdownDelayMs: number;
  /** After closing the listener: how long in-flight requests may take before connections are cut. */
  shutdownTimeoutMs: number;
}

/** Podinfo's error statuses for `--random-error`, chosen uniformly. */
export const RandomErrorStatuses = [500, 400, 409] as const;

/** Podinfo's share of failing requests with `--random-error`. */
export const PodinfoRandomErrorRate = 1 / 3;

/** The logo URL podinfo reports by default. */
export const PodinfoDefaultLogo =
  'https://raw.githubusercontent.com/stefanprodan/podinfo/gh-pages/cuddle_clap.gif';

/** The message podinfo greets with by default. */
export function defaultMessage(version: string): string {
  return `greetings from podinfo v${version}`;
}
