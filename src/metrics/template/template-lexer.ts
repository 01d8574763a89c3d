/** Tokens of the inside of a template action, and the error type of the template engine. */

/** Why a template could not be parsed or rendered; `code` tells which stage failed. */
export class TemplateError extends Error {
  readonly code: 'template-parse' | 'template-execute';
  constructor(code: TemplateError['code'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TemplateError';
    this.code = code;
  }
}

const spaceChars = ' \t\r\n';
export const isSpace = (c: string | undefined) => c !== undefined && spaceChars.includes(c);

export function parseError(line: number, message: string): TemplateError {
  return new TemplateError('template-parse', `template: tmpl:${line}: ${message}`);
}

export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text[i] === '\n') line++;
  return line;
}

export type Token =
  | { t: 'ident'; value: string; fields: string[] }
  | { t: 'var'; value: string; fields: string[] }
  | { t: 'string'; value: string }
  | { t: 'number'; value: number }
  | { t: 'declare' | 'assign' | 'pipe' };

const identRe = /^[A-Za-z_][A-Za-z0-9_]*/;
const fieldsRe = /^(?:\.[A-Za-z_][A-Za-z0-9_]*)*/;
const numberRe = /^[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)/;
const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'" };

/** Splits the inside of an action into tokens. */
export function tokenize(body: string, line: number): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < body.length) {
    const c = body[i]!;
    const rest = body.slice(i);
    if (isSpace(c)) {
      i++;
    } else if (rest.startsWith(':=')) {
      tokens.push({ t: 'declare' });
      i += 2;
    } else if (c === '=') {
      tokens.push({ t: 'assign' });
      i++;
    } else if (c === '|') {
      tokens.push({ t: 'pipe' });
      i++;
    } else if (c === '"') {
      let value = '';
      let j = i + 1;
      for (; j < body.length && body[j] !== '"'; j++) {
        if (body[j] === '\\') {
          const escaped = escapes[body[j + 1] ?? ''];
          if (escaped === undefined) throw parseError(line, `invalid escape in string ${rest}`);
          value += escaped;
          j++;
        } else {
          value += body[j];
        }
      }
      if (j >= body.length) throw parseError(line, 'unterminated quoted string');
      tokens.push({ t: 'string', value });
      i = j + 1;
    } else if (c === '`') {
      const end = body.indexOf('`', i + 1);
      if (end < 0) throw parseError(line, 'unterminated raw quoted string');
      tokens.push({ t: 'string', value: body.slice(i + 1, end) });
      i = end + 1;
    } else if (c === '$') {
      const name = `$${identRe.exec(body.slice(i + 1))?.[0] ?? ''}`;
      const fields = fieldsRe.exec(body.slice(i + name.length))?.[0] ?? '';
      tokens.push({ t: 'var', value: name, fields: fields.split('.').filter(Boolean) });
      i += name.length + fields.length;
    } else if (identRe.test(rest)) {
      const name = identRe.exec(rest)![0];
      const fields = fieldsRe.exec(rest.slice(name.length))?.[0] ?? '';
      tokens.push({ t: 'ident', value: name, fields: fields.split('.').filter(Boolean) });
      i += name.length + fields.length;
    } else if (numberRe.test(rest)) {
      const text = numberRe.exec(rest)![0];
      tokens.push({ t: 'number', value: Number(text) });
      i += text.length;
    } else if (c === '.') {
      throw parseError(
        line,
        `the template has no data: use functions such as {{ namespace }} instead of ${rest.split(/\s/)[0]}`,
      );
    } else {
      throw parseError(line, `unexpected ${JSON.stringify(c)} in action ${JSON.stringify(body.trim())}`);
    }
  }
  return tokens;
}
