import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../../src/platform/tools.js';

/** A PromQL expression of the dashboard, where it comes from, with Grafana's variables substituted. */
export interface DashboardQuery {
  /** `panel "<title>" <refId>` or `variable <name>`. */
  source: string;
  /** The expression as the dashboard holds it. */
  raw: string;
  /** The expression Prometheus receives. */
  promql: string;
}

interface Panel {
  title?: string;
  panels?: Panel[];
  targets?: { expr?: string; refId?: string }[];
}

interface Variable {
  name: string;
  type: string;
  query?: string | { query?: string };
}

/** The dashboard as committed. */
export interface Dashboard {
  uid: string;
  panels: Panel[];
  templating: { list: Variable[] };
}

/** deploy/grafana/weir-canary.json, parsed. */
export function readDashboard(): Dashboard {
  return JSON.parse(
    readFileSync(join(packageRoot(), 'deploy', 'grafana', 'weir-canary.json'), 'utf8'),
  ) as Dashboard;
}

/** Grafana's substitution of `$name`, `${name}` and `[[name]]` (longest names first). */
export function substitute(expression: string, values: Record<string, string>): string {
  const names = Object.keys(values).sort((a, b) => b.length - a.length);
  let out = expression;
  for (const name of names) {
    const value = values[name]!;
    out = out.split(`\${${name}}`).join(value).split(`[[${name}]]`).join(value).split(`$${name}`).join(value);
  }
  return out;
}

/**
 * Every PromQL expression of the dashboard: each panel target's `expr` and each query variable's
 * `label_values(<selector>, <label>)` as the PromQL `group by (<label>) (<selector>)` Grafana's series
 * lookup amounts to.
 */
export function dashboardQueries(dashboard: Dashboard, values: Record<string, string>): DashboardQuery[] {
  const out: DashboardQuery[] = [];
  const visit = (panel: Panel) => {
    for (const target of panel.targets ?? [])
      if (target.expr)
        out.push({
          source: `panel "${panel.title}" ${target.refId}`,
          raw: target.expr,
          promql: substitute(target.expr, values),
        });
    for (const inner of panel.panels ?? []) visit(inner);
  };
  dashboard.panels.forEach(visit);
  for (const variable of dashboard.templating.list) {
    if (variable.type !== 'query') continue;
    const query = typeof variable.query === 'string' ? variable.query : (variable.query?.query ?? '');
    const labelValues = /^label_values\((.*),\s*([a-zA-Z_][a-zA-Z0-9_]*)\)$/.exec(query.trim());
    const promql = labelValues ? `group by (${labelValues[2]}) (${labelValues[1]})` : query;
    out.push({ source: `variable ${variable.name}`, raw: query, promql: substitute(promql, values) });
  }
  return out;
}
