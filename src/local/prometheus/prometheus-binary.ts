import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { installHint, PrometheusError } from './prometheus-errors.js';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The Prometheus binary to run: `binary` when given (a path, or a name looked up on PATH), else
 * `prometheus` on PATH. Throws a `not-installed` PrometheusError saying how to install it.
 */
export function findPrometheus(binary = 'prometheus', env: NodeJS.ProcessEnv = process.env): string {
  if (isAbsolute(binary) || binary.includes('/')) {
    if (executable(binary)) return binary;
    throw new PrometheusError(
      'not-installed',
      `${binary} is not an executable Prometheus binary: ${installHint}`,
    );
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && executable(join(dir, binary))) return join(dir, binary);
  }
  throw new PrometheusError(
    'not-installed',
    `the playground runs the real Prometheus, but "${binary}" is not on PATH: ${installHint}`,
  );
}
