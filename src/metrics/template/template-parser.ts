/**
 * A parser for the subset of Go's text/template that Flagger's query templates use: text, actions with
 * `{{-` / `-}}` whitespace trimming, comments, function calls with arguments, field access on a function's
 * result (`variables.reporter`), `$var := …` assignments, `$var` references, string and number literals,
 * and pipes (`a | printf "%s"`). Everything else (`if`, `range`, parentheses, `.` data access) is refused
 * with a parse error rather than rendered wrongly.
 */

import { isSpace, lineAt, parseError, type Token, tokenize } from './template-lexer.js';

export { TemplateError } from './template-lexer.js';

/** A literal or a reference inside an action. */
export type Operand =
  | { kind: 'call'; name: string; fields: string[] }
  | { kind: 'variable'; name: string; fields: string[] }
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number };

/** One command of a pipeline: an operand and (for functions) its arguments. */
export interface Command {
  head: Operand;
  args: Operand[];
}

/** A node of a parsed template. */
export type TemplateNode =
  | { kind: 'text'; text: string }
  | {
      kind: 'action';
      line: number;
      source: string;
      assign?: { name: string; declare: boolean };
      pipeline: Command[];
    };

const keywords = new Set([
  'if',
  'else',
  'end',
  'range',
  'with',
  'define',
  'template',
  'block',
  'break',
  'continue',
]);

function toOperand(
  token: Token,
  line: number,
  known: ReadonlySet<string>,
  vars: ReadonlySet<string>,
): Operand {
  switch (token.t) {
    case 'ident':
      if (keywords.has(token.value))
        throw parseError(line, `"${token.value}" is not supported in query templates`);
      if (token.value === 'nil' || token.value === 'true' || token.value === 'false') {
        throw parseError(line, `${token.value} is not supported in query templates`);
      }
      if (!known.has(token.value)) throw parseError(line, `function "${token.value}" not defined`);
      return { kind: 'call', name: token.value, fields: token.fields };
    case 'var':
      if (!vars.has(token.value)) throw parseError(line, `undefined variable "${token.value}"`);
      return { kind: 'variable', name: token.value, fields: token.fields };
    case 'string':
      return { kind: 'string', value: token.value };
    case 'number':
      return { kind: 'number', value: token.value };
    default:
      throw parseError(line, `unexpected "${token.t === 'pipe' ? '|' : token.t === 'declare' ? ':=' : '='}"`);
  }
}

function parseAction(
  body: string,
  line: number,
  known: ReadonlySet<string>,
  vars: Set<string>,
): TemplateNode {
  const tokens = tokenize(body, line);
  let assign: { name: string; declare: boolean } | undefined;
  const [first, second] = tokens;
  if (first?.t === 'var' && (second?.t === 'declare' || second?.t === 'assign')) {
    if (first.fields.length > 0) throw parseError(line, `cannot assign to a field of ${first.value}`);
    if (second.t === 'assign' && !vars.has(first.value)) {
      throw parseError(line, `undefined variable "${first.value}"`);
    }
    assign = { name: first.value, declare: second.t === 'declare' };
    tokens.splice(0, 2);
  }
  if (tokens.length === 0) throw parseError(line, 'missing value for command');
  const pipeline: Command[] = [];
  let current: Token[] = [];
  const flush = () => {
    if (current.length === 0) throw parseError(line, 'missing command in pipeline');
    const [head, ...args] = current.map((t) => toOperand(t, line, known, vars));
    if (head!.kind !== 'call' && args.length > 0)
      throw parseError(line, `can't give argument to non-function`);
    pipeline.push({ head: head!, args });
    current = [];
  };
  for (const token of tokens) {
    if (token.t === 'pipe') flush();
    else current.push(token);
  }
  flush();
  // A variable is visible from the action after its declaration on (Go's scoping, without blocks).
  if (assign?.declare) vars.add(assign.name);
  return { kind: 'action', line, source: body.trim(), ...(assign ? { assign } : {}), pipeline };
}

/** Parses `text`; `functions` are the names callable in actions (anything else is a parse error). */
export function parseTemplate(text: string, functions: Iterable<string>): TemplateNode[] {
  const known = new Set(functions);
  const vars = new Set<string>();
  const nodes: TemplateNode[] = [];
  let pos = 0;
  let trimNext = false;
  for (;;) {
    const open = text.indexOf('{{', pos);
    let chunk = open < 0 ? text.slice(pos) : text.slice(pos, open);
    if (trimNext) chunk = chunk.replace(/^[ \t\r\n]+/, '');
    if (open < 0) {
      if (chunk) nodes.push({ kind: 'text', text: chunk });
      return nodes;
    }
    const line = lineAt(text, open);
    let start = open + 2;
    if (text[start] === '-' && isSpace(text[start + 1])) {
      chunk = chunk.replace(/[ \t\r\n]+$/, '');
      start += 2;
    }
    if (chunk) nodes.push({ kind: 'text', text: chunk });
    const close = findClose(text, start, line);
    let end = close;
    trimNext = false;
    if (text[close - 1] === '-' && isSpace(text[close - 2])) {
      end = close - 2;
      trimNext = true;
    }
    const body = text.slice(start, end);
    const comment = body.trim();
    if (comment.startsWith('/*')) {
      if (!comment.endsWith('*/')) throw parseError(line, 'unclosed comment');
    } else {
      nodes.push(parseAction(body, line, known, vars));
    }
    pos = close + 2;
  }
}

/** Offset of the `}}` closing the action that starts at `start`, skipping quoted strings and comments. */
function findClose(text: string, start: number, line: number): number {
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) throw parseError(line, 'unclosed comment');
      i = end + 2;
    } else if (c === '"' || c === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += c === '"' && text[j] === '\\' ? 2 : 1;
      if (j >= text.length) throw parseError(line, 'unterminated quoted string');
      i = j + 1;
    } else if (text.startsWith('}}', i)) {
      return i;
    } else {
      i++;
    }
  }
  throw parseError(line, 'unclosed action');
}
