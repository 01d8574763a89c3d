import { basename } from 'node:path';

/** A program and its arguments with the environment to run them in. */
export interface Invocation {
  /** argv[0] is the program. */
  argv: string[];
  env: NodeJS.ProcessEnv;
}

function hasProxyFlag(args: readonly string[]): boolean {
  return args.some((arg) => /^--?x(=|$)/.test(arg));
}

/**
 * Routes a command through the playground's mesh proxy when the environment names one (`HTTP_PROXY` or
 * `http_proxy`): `hey` (Debian's 0.1.4 ignores the variables) gets `-x <proxy>` with a scheme unless it has
 * `-x` already; every program gets both spellings of the variable (curl reads only the lowercase one).
 */
export function throughProxy(argv: readonly string[], env: NodeJS.ProcessEnv): Invocation {
  const proxy = env.HTTP_PROXY || env.http_proxy;
  if (!proxy) return { argv: [...argv], env };
  const childEnv = { ...env, HTTP_PROXY: env.HTTP_PROXY || proxy, http_proxy: env.http_proxy || proxy };
  const [program, ...args] = argv;
  if (program === undefined || basename(program) !== 'hey' || hasProxyFlag(args)) {
    return { argv: [...argv], env: childEnv };
  }
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(proxy) ? proxy : `http://${proxy}`;
  return { argv: [program, '-x', withScheme, ...args], env: childEnv };
}
