import type { Canary } from '../apis/index.js';
import { constant, printf, renderTemplate, type TemplateFunction } from './template/render-template.js';
import { TemplateError } from './template/template-parser.js';

export { TemplateError } from './template/template-parser.js';

/** What a query template can read, as Flagger's `MetricTemplateModel`: each field is a template function. */
export interface QueryModel {
  /** The Canary's name: `{{ name }}`. */
  name: string;
  /** The Canary's namespace: `{{ namespace }}`. */
  namespace: string;
  /** `spec.targetRef.name`: `{{ target }}`. */
  target: string;
  /** `spec.service.name`, else the target's name: `{{ service }}`. */
  service: string;
  /** `spec.ingressRef.name`, else the target's name: `{{ ingress }}`. */
  ingress: string;
  /** `spec.routeRef.name`, else the target's name: `{{ route }}`. */
  route: string;
  /** The metric's interval, e.g. `1m`: `{{ interval }}`. */
  interval: string;
  /** The metric's `templateVariables`: `{{ variables.<key> }}`. */
  variables: Readonly<Record<string, string>>;
}

/** The model Flagger renders a metric's query with. */
export function queryModel(
  canary: Canary,
  interval: string,
  variables: Readonly<Record<string, string>> = {},
): QueryModel {
  const target = canary.spec.targetRef.name;
  return {
    name: canary.metadata.name,
    namespace: canary.metadata.namespace ?? '',
    target,
    service: canary.spec.service?.name || target,
    ingress: canary.spec.ingressRef?.name || target,
    route: canary.spec.routeRef?.name || target,
    interval,
    variables,
  };
}

function functionsOf(model: QueryModel): Record<string, TemplateFunction> {
  return {
    name: constant('name', model.name),
    namespace: constant('namespace', model.namespace),
    target: constant('target', model.target),
    service: constant('service', model.service),
    ingress: constant('ingress', model.ingress),
    route: constant('route', model.route),
    interval: constant('interval', model.interval),
    variables: constant('variables', model.variables),
    printf,
  };
}

/**
 * Renders a query template (Go text/template syntax: `{{ namespace }}`, `{{ variables.reporter }}`,
 * `{{- $route := printf "%s_%s" namespace service }}`, …). A missing variable or an unknown function is a
 * {@link TemplateError} whose message names it, like Flagger's `template parsing failed: …`.
 */
export function renderQuery(template: string, model: QueryModel): string {
  try {
    return renderTemplate(template, functionsOf(model));
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    const stage = error.code === 'template-parse' ? 'template parsing failed' : 'template execution failed';
    throw new TemplateError(error.code, `${stage}: ${error.message}`, { cause: error });
  }
}

/** Whitespace collapsed to single spaces and trimmed: the query text as the Prometheus client sends it. */
export function collapseWhitespace(query: string): string {
  return query.replace(/\s+/g, ' ').trim();
}
