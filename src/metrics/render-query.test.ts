import { describe, expect, it } from 'vitest';
import type { Canary } from '../apis/index.js';
import {
  collapseWhitespace,
  type QueryModel,
  queryModel,
  renderQuery,
  TemplateError,
} from './render-query.js';

const model: QueryModel = {
  name: 'podinfo',
  namespace: 'test',
  target: 'podinfo',
  service: 'podinfo-svc',
  ingress: 'podinfo-ing',
  route: 'podinfo-route',
  interval: '1m',
  variables: { reporter: 'destination', cluster: 'dev' },
};

function renderError(template: string, m: QueryModel = model): TemplateError {
  try {
    renderQuery(template, m);
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
  throw new Error(`rendered without error: ${template}`);
}

describe('renderQuery', () => {
  it('calls every model function', () => {
    expect(
      renderQuery(
        '{{ name }}|{{namespace}}|{{ target }}|{{ service }}|{{ ingress }}|{{ route }}|{{ interval }}',
        model,
      ),
    ).toBe('podinfo|test|podinfo|podinfo-svc|podinfo-ing|podinfo-route|1m');
  });

  it('reads template variables and fails naming a missing one', () => {
    expect(renderQuery('x{reporter="{{ variables.reporter }}",c="{{ variables.cluster }}"}', model)).toBe(
      'x{reporter="destination",c="dev"}',
    );
    const error = renderError('sum(x{c="{{ variables.zone }}"})');
    expect(error.code).toBe('template-execute');
    expect(error.message).toContain('map has no entry for key "zone"');
    expect(error.message).toContain('variables.zone');
  });

  it('refuses an unknown function, naming it, before rendering anything', () => {
    const error = renderError('rate(x[{{ interval }}]) {{ window }}');
    expect(error.code).toBe('template-parse');
    expect(error.message).toBe('template parsing failed: template: tmpl:1: function "window" not defined');
  });

  it('trims whitespace around {{- and -}}', () => {
    expect(renderQuery('a  \n {{- name -}} \n\t b', model)).toBe('apodinfob');
    expect(renderQuery('a {{ name }} b', model)).toBe('a podinfo b');
    // `{{-3}}` is a number, not a trim marker, as in Go.
    expect(renderQuery('a {{-3}}', model)).toBe('a -3');
  });

  it('renders the skipper form: an assignment with printf, then the variable', () => {
    const template =
      '{{- $route := printf "kube(ew)?_%s__%s_canary__.*__%s_canary(_[0-9]+)?" namespace ingress service }} sum(x{route=~"{{ $route }}"}[{{ interval }}])';
    expect(renderQuery(template, model)).toBe(
      ' sum(x{route=~"kube(ew)?_test__podinfo-ing_canary__.*__podinfo-svc_canary(_[0-9]+)?"}[1m])',
    );
  });

  it('supports pipes, comments, literals and Go printf markers', () => {
    expect(renderQuery('{{ target | printf "%s-canary" }}', model)).toBe('podinfo-canary');
    expect(renderQuery('a{{/* a comment */}}b', model)).toBe('ab');
    expect(renderQuery('{{ "lit" }} {{ 0.5 }} {{ printf "%d%%" 5 }}', model)).toBe('lit 0.5 5%');
    expect(renderQuery('{{ printf "%s %s" name }}', model)).toBe('podinfo %!s(MISSING)');
  });

  it('refuses what Flagger templates cannot do', () => {
    expect(renderError('{{ .namespace }}').message).toContain('the template has no data');
    expect(renderError('{{ if name }}x{{ end }}').code).toBe('template-parse');
    expect(renderError('{{ $x }}').message).toContain('undefined variable "$x"');
    expect(renderError('{{ name').message).toContain('unclosed action');
    expect(renderError('{{ name "extra" }}').message).toContain(
      'wrong number of args for name: want 0 got 1',
    );
  });

  it('builds the model from the canary as Flagger does', () => {
    const canary = {
      apiVersion: 'flagger.app/v1beta1',
      kind: 'Canary',
      metadata: { name: 'web', namespace: 'prod' },
      spec: {
        targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' },
        service: { port: 80 },
        analysis: { interval: '1m', threshold: 5 },
      },
    } as Canary;
    expect(queryModel(canary, '30s', { a: 'b' })).toEqual({
      name: 'web',
      namespace: 'prod',
      target: 'podinfo',
      service: 'podinfo',
      ingress: 'podinfo',
      route: 'podinfo',
      interval: '30s',
      variables: { a: 'b' },
    });
  });

  it('collapses whitespace as the Prometheus client does', () => {
    expect(collapseWhitespace('\n\tsum(\n\t\trate(x[1m])\n\t)  \n')).toBe('sum( rate(x[1m]) )');
  });
});
