import { describe, expect, it } from 'vitest';
import { FlagError, parseGoFlags } from './go-flags.js';
import { podinfoConfig, podinfoFlags } from './podinfo-flags.js';

function configOf(args: string[], env: NodeJS.ProcessEnv = {}) {
  const parsed = parseGoFlags(args, podinfoFlags, { display: '--', env, envPrefix: 'PODINFO' });
  if (parsed.help) throw new Error('unexpected help');
  return podinfoConfig(parsed.values, parsed.explicit, env).config;
}

describe('podinfo flags', () => {
  it("accept the upstream Deployment's command line", () => {
    const config = configOf([
      '--port=9898',
      '--port-metrics=9797',
      '--grpc-port=9999',
      '--grpc-service-name=podinfo',
      '--level=info',
      '--random-delay=false',
      '--random-error=false',
      '--host=127.1.0.5',
      '--version=6.0.0',
    ]);
    expect(config).toMatchObject({ host: '127.1.0.5', port: 9898, metricsPort: 9797, version: '6.0.0' });
    expect(config.randomDelay).toBeUndefined();
    expect(config.randomErrorRate).toBeUndefined();
    expect(config.ui.message).toBe('greetings from podinfo v6.0.0');
  });

  it('take PODINFO_UI_COLOR and PODINFO_UI_MESSAGE from the environment, flags first', () => {
    const env = { PODINFO_UI_COLOR: '#ff0000', PODINFO_UI_MESSAGE: 'hello' };
    expect(configOf([], env).ui).toMatchObject({ color: '#ff0000', message: 'hello' });
    expect(configOf(['--ui-color=blue'], env).ui.color).toBe('blue');
  });

  it("--random-error fails podinfo's third of requests; --random-error-rate sets another share", () => {
    expect(configOf(['--random-error']).randomErrorRate).toBeCloseTo(1 / 3);
    expect(configOf(['--random-error-rate=0.1']).randomErrorRate).toBe(0.1);
  });

  it('--random-delay uses the unit and bounds', () => {
    expect(
      configOf(['--random-delay', '--random-delay-unit=ms', '--random-delay-min=10', '--random-delay-max=20'])
        .randomDelay,
    ).toEqual({ min: 10, max: 20, unit: 'ms' });
  });

  it('the hostname is --hostname, else $HOSTNAME (the pod name)', () => {
    expect(configOf([], { HOSTNAME: 'podinfo-abc' }).hostname).toBe('podinfo-abc');
    expect(configOf(['--hostname=x'], { HOSTNAME: 'podinfo-abc' }).hostname).toBe('x');
  });

  it.each([
    [
      ['--level=loud'],
      'invalid value "loud" for flag --level: must be one of debug, info, warn, error, fatal, panic',
    ],
    [['--port=70000'], 'invalid value "70000" for flag --port: must be a port number 0-65535'],
    [['--random-delay-unit=h'], 'invalid value "h" for flag --random-delay-unit: must be one of s, ms'],
    [
      ['--random-delay-min=5'],
      'invalid value "5" for flag --random-delay-max: must be greater than --random-delay-min (5)',
    ],
    [['--random-error-rate=2'], 'invalid value "2" for flag --random-error-rate: must be between 0 and 1'],
  ])('rejects %j', (args, message) => {
    const error = (() => {
      try {
        configOf(args);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(FlagError);
    expect(error).toMatchObject({ code: 'invalid-value', message });
  });
});
