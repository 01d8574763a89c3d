import { JSONPath } from 'jsonpath-plus';
import type { KubeObject } from '../model/object.js';
import { humanDuration, parseRfc3339 } from './age.js';
import { DESC } from './descriptions.js';
import { jsonPathText } from './go-format.js';
import { type ColumnDefinition, NAME_COLUMN, nameOf, type TablePrinter } from './table-printer.js';

/** One entry of a CRD version's `additionalPrinterColumns`. */
export interface PrinterColumn {
  name: string;
  type: string;
  format?: string;
  description?: string;
  priority?: number;
  jsonPath: string;
}

/** The column the real server serves when a CRD version declares none. */
const DEFAULT_COLUMNS: readonly PrinterColumn[] = [
  {
    name: 'Age',
    type: 'date',
    description: DESC.metaCreationTimestamp,
    jsonPath: '.metadata.creationTimestamp',
  },
];

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Index of the `]` closing the bracket opened at `start`, skipping quoted text and nested brackets. */
function closingBracket(path: string, start: number): number {
  let depth = 0;
  let quote = '';
  for (let i = start; i < path.length; i++) {
    const c = path[i];
    if (quote !== '') {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '[') {
      depth++;
    } else if (c === ']' && --depth === 0) {
      return i;
    }
  }
  return path.length - 1;
}

/**
 * Turns a Kubernetes JSONPath (`.status.phase`, `{.a\.b}`, `.items[?(@.type=="Ready")].status`) into the
 * `$`-rooted form jsonpath-plus reads; fields with dots, slashes or dashes become `['…']`.
 */
export function toJsonPathPlus(kubePath: string): string {
  let path = kubePath.trim();
  if (path.startsWith('{') && path.endsWith('}')) path = path.slice(1, -1).trim();
  if (path.startsWith('$')) path = path.slice(1);
  let out = '$';
  let i = 0;
  while (i < path.length) {
    const c = path[i];
    if (c === '[') {
      const end = closingBracket(path, i);
      out += path.slice(i, end + 1);
      i = end + 1;
    } else if (c === '.' && path[i + 1] === '.') {
      out += '..';
      i += 2;
    } else {
      if (c === '.') i++;
      let field = '';
      while (i < path.length && path[i] !== '.' && path[i] !== '[') {
        if (path[i] === '\\' && i + 1 < path.length) i++;
        field += path[i];
        i++;
      }
      if (field === '') continue;
      out += IDENTIFIER.test(field) || field === '*' ? `.${field}` : `[${JSON.stringify(field)}]`;
    }
  }
  return out;
}

/** The first value `path` selects in `obj`, or `undefined` when it selects nothing (or cannot be evaluated). */
function firstResult(path: string, obj: KubeObject): { value: unknown } | undefined {
  try {
    const results: unknown = JSONPath({ path, json: obj, wrap: true });
    if (!Array.isArray(results) || results.length === 0) return undefined;
    return { value: results[0] };
  } catch {
    return undefined;
  }
}

/** `cellForJSONValue`: a typed cell for non-string columns; `null` (kubectl shows `<none>`) when it doesn't fit. */
function typedCell(type: string, value: unknown, now: Date): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'integer':
      return typeof value === 'number' ? Math.trunc(value) : null;
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'date': {
      if (typeof value !== 'string') return null;
      if (value === '' || value === 'null') return '<unknown>';
      const ms = parseRfc3339(value);
      if (ms === undefined) return '<invalid>';
      return ms === Date.parse('0001-01-01T00:00:00Z') ? '<unknown>' : humanDuration(now.getTime() - ms);
    }
    default:
      return null;
  }
}

/**
 * The table of a custom resource, as the apiextensions server's `tableconvertor` builds it: `Name`, then the CRD
 * version's `additionalPrinterColumns` (or `Age` when it declares none). A column whose path selects nothing
 * gets a `null` cell; `string` columns print the value as client-go jsonpath does (lists and maps as JSON).
 */
export function crdPrinter(additionalPrinterColumns: readonly PrinterColumn[] | undefined): TablePrinter {
  const declared =
    additionalPrinterColumns !== undefined && additionalPrinterColumns.length > 0
      ? additionalPrinterColumns
      : DEFAULT_COLUMNS;
  const paths = declared.map((c) => toJsonPathPlus(c.jsonPath));
  const columns: ColumnDefinition[] = [
    NAME_COLUMN,
    ...declared.map(
      (c): ColumnDefinition => ({
        name: c.name,
        type: c.type,
        format: c.format ?? '',
        description:
          c.description !== undefined && c.description !== ''
            ? c.description
            : `Custom resource definition column (in JSONPath format): ${c.jsonPath}`,
        priority: c.priority ?? 0,
      }),
    ),
  ];
  return {
    columns,
    cells: (obj, now) => [
      nameOf(obj),
      ...declared.map((c, i) => {
        const found = firstResult(paths[i] ?? '$', obj);
        if (found === undefined) return null;
        return c.type === 'string' ? jsonPathText(found.value) : typedCell(c.type, found.value, now);
      }),
    ],
  };
}
