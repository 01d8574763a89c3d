import { describe, expect, it } from 'vitest';
import { FlagError, type FlagSpecs, parseGoFlags } from './go-flags.js';

const specs = {
  port: { kind: 'int', default: 9090, usage: 'port' },
  'log-level': { kind: 'string', default: 'debug', usage: 'level' },
  timeout: { kind: 'duration', default: 3_600_000, usage: 'timeout' },
  'random-error': { kind: 'bool', default: false, usage: 'errors' },
  rate: { kind: 'float', default: 0.5, usage: 'rate' },
} as const satisfies FlagSpecs;

function values(args: string[], env?: NodeJS.ProcessEnv) {
  const parsed = parseGoFlags(args, specs, { display: '-', ...(env ? { env, envPrefix: 'APP' } : {}) });
  if (parsed.help) throw new Error('unexpected help');
  return parsed;
}

function failure(args: string[]): FlagError {
  try {
    values(args);
  } catch (error) {
    if (error instanceof FlagError) return error;
    throw error;
  }
  throw new Error('expected a FlagError');
}

describe('parseGoFlags', () => {
  it('reads the forms Go accepts: -name=value, --name=value, -name value', () => {
    expect(values(['-port=8080', '--log-level=info', '-timeout', '90s']).values).toEqual({
      port: 8080,
      'log-level': 'info',
      timeout: 90_000,
      'random-error': false,
      rate: 0.5,
    });
  });

  it('reads booleans bare or with a value, as the podinfo Deployment writes them', () => {
    expect(values(['--random-error']).values['random-error']).toBe(true);
    expect(values(['--random-error=false']).values['random-error']).toBe(false);
    expect(values(['-random-error=T']).values['random-error']).toBe(true);
  });

  it('keeps defaults, and remembers which flags were given', () => {
    const parsed = values(['-rate=0.1']);
    expect(parsed.values.port).toBe(9090);
    expect([...parsed.explicit]).toEqual(['rate']);
  });

  it('reads <PREFIX>_<NAME> from the environment for flags not given; the command line wins', () => {
    const env = { APP_LOG_LEVEL: 'warn', APP_PORT: '1234' };
    expect(values(['-port=1'], env).values).toMatchObject({ 'log-level': 'warn', port: 1 });
  });

  it('names an unknown flag and lists the valid ones', () => {
    const error = failure(['-colour=red']);
    expect(error.code).toBe('unknown-flag');
    expect(error.message).toBe(
      'unknown flag -colour; valid flags: -port, -log-level, -timeout, -random-error, -rate',
    );
  });

  it('rejects values of the wrong type, a missing value and positional arguments', () => {
    expect(failure(['-port=eighty']).message).toBe(
      'invalid value "eighty" for flag -port: expected an integer',
    );
    expect(failure(['-timeout=soon']).code).toBe('invalid-value');
    expect(failure(['-random-error=maybe']).code).toBe('invalid-value');
    expect(failure(['-port']).code).toBe('missing-value');
    expect(failure(['serve']).code).toBe('unexpected-argument');
  });

  it('-h and --help ask for help', () => {
    expect(parseGoFlags(['-port=1', '-h'], specs, { display: '-' })).toEqual({ help: true });
    expect(parseGoFlags(['--help'], specs, { display: '-' })).toEqual({ help: true });
  });
});
