import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../../src/platform/tools.js';
import { entrypointOf, lintDockerfile, parseDockerfile } from './dockerfile-rules.js';

const read = (name: string) => readFileSync(join(packageRoot(), name), 'utf8');

describe('Dockerfile (operator) and Dockerfile.loadtester', () => {
  it.each(['Dockerfile', 'Dockerfile.loadtester'])('%s breaks no rule', (name) => {
    expect(lintDockerfile(read(name))).toEqual([]);
  });

  it('run `weir operator` and `weir loadtester`', () => {
    expect(entrypointOf(read('Dockerfile'))).toEqual(['node', 'bin/weir.js', 'operator']);
    // The load tester binds 127.0.0.1 by default; in a pod it must listen on all interfaces.
    expect(entrypointOf(read('Dockerfile.loadtester'))).toEqual([
      'node',
      'bin/weir.js',
      'loadtester',
      '-host=0.0.0.0',
    ]);
    expect(read('Dockerfile.loadtester')).toContain(
      'exec node /home/app/bin/weir.js loadtester -host=0.0.0.0 "$@"',
    );
  });

  it('are multi-stage: npm ci and the build in a builder, a slim runtime with hey and bash for the load tester', () => {
    for (const name of ['Dockerfile', 'Dockerfile.loadtester']) {
      const from = parseDockerfile(read(name)).filter((i) => i.keyword === 'FROM');
      expect(from.map((i) => i.args)).toEqual([
        'node:20.19.5-bookworm-slim AS build',
        'node:20.19.5-bookworm-slim',
      ]);
    }
    expect(read('Dockerfile.loadtester')).toMatch(/apt-get install -y --no-install-recommends hey bash/);
    // Flagger's manifests run `./loadtester` from /home/app.
    expect(read('Dockerfile.loadtester')).toMatch(/WORKDIR \/home\/app/);
  });
});

describe('the Dockerfile rules', () => {
  const good = [
    'FROM node:20.19.5-bookworm-slim AS build',
    'RUN npm ci',
    'FROM node:20.19.5-bookworm-slim',
    'COPY --from=build /src/dist ./dist',
    'USER 10001',
    '# probes come from Kubernetes',
    'HEALTHCHECK NONE',
    'ENTRYPOINT ["node", "bin/weir.js"]',
  ];
  const rules = (lines: string[]) => lintDockerfile(lines.join('\n')).map((v) => v.rule);

  it('accept a compliant file', () => {
    expect(rules(good)).toEqual([]);
  });

  it.each([
    ['an unpinned base', (l: string[]) => l.with(2, 'FROM node'), 'pinned-base'],
    ['a latest base', (l: string[]) => l.with(0, 'FROM node:latest AS build'), 'no-latest'],
    ['a root user', (l: string[]) => l.with(4, 'USER root'), 'non-root'],
    ['no user', (l: string[]) => l.toSpliced(4, 1), 'non-root'],
    ['npm install', (l: string[]) => l.with(1, 'RUN npm install && npm ci'), 'npm-ci'],
    ['an ADD of a URL', (l: string[]) => l.toSpliced(3, 0, 'ADD https://example.com/x.tgz /x'), 'no-add-url'],
    ['no healthcheck', (l: string[]) => l.toSpliced(5, 2), 'healthcheck'],
    ['HEALTHCHECK NONE without a reason', (l: string[]) => l.toSpliced(5, 1), 'healthcheck'],
    ['a shell-form entrypoint', (l: string[]) => l.with(7, 'ENTRYPOINT node bin/weir.js'), 'exec-entrypoint'],
    [
      'apt without cleanup',
      (l: string[]) => l.toSpliced(3, 0, 'RUN apt-get install -y --no-install-recommends hey'),
      'apt-lists',
    ],
  ])('flag %s', (_name, change, rule) => {
    expect(rules(change(good))).toContain(rule);
  });

  it('join continued lines and keep the comments above an instruction', () => {
    const [run, health] = parseDockerfile('RUN a \\\n && b\n\n# why\nHEALTHCHECK NONE\n');
    expect(run).toMatchObject({ keyword: 'RUN', args: 'a && b', line: 1 });
    expect(health).toMatchObject({ keyword: 'HEALTHCHECK', args: 'NONE', comments: ['why'] });
  });
});
