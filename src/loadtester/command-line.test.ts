import { describe, expect, it } from 'vitest';
import { parseCommandLine } from './command-line.js';
import { LoadTesterError } from './loadtester-error.js';

describe('parseCommandLine', () => {
  it("splits Flagger's load test command into argv", () => {
    expect(parseCommandLine('hey -z 1m -q 10 -c 2 http://podinfo.test:9898/', {})).toEqual([
      'hey',
      '-z',
      '1m',
      '-q',
      '10',
      '-c',
      '2',
      'http://podinfo.test:9898/',
    ]);
  });

  it('honours quotes and escapes as a shell would', () => {
    expect(parseCommandLine(`hey -H 'X-Canary: insider' -d "{\\"a\\": 1}" a\\ b`, {})).toEqual([
      'hey',
      '-H',
      'X-Canary: insider',
      '-d',
      '{"a": 1}',
      'a b',
    ]);
  });

  it('expands $VAR and its braced form from the environment', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax, not a JavaScript template
    expect(parseCommandLine('curl ${HOST}:$PORT/x', { HOST: 'podinfo.test', PORT: '9898' })).toEqual([
      'curl',
      'podinfo.test:9898/x',
    ]);
  });

  it('keeps a glob literal and drops a trailing comment', () => {
    expect(parseCommandLine('ls *.yaml # list them', {})).toEqual(['ls', '*.yaml']);
  });

  it.each(['a | b', 'a && b', 'a; b', 'a > out', 'a &'])('refuses the shell operator in %j', (cmd) => {
    expect(() => parseCommandLine(cmd, {})).toThrow(LoadTesterError);
    expect(() => parseCommandLine(cmd, {})).toThrow(/use metadata.type bash/);
  });
});
