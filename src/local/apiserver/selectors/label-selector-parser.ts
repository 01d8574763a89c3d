import { badRequest } from '../model/api-error.js';
import {
  aggregateMessage,
  type LabelOperator,
  type LabelRequirement,
  makeRequirement,
  requirementErrors,
} from './label-requirement.js';
import { type LabelSelector, selectorOf } from './label-selector.js';
import { qualifiedNameErrors } from './label-validation.js';

type Token =
  | 'error'
  | 'end'
  | ')'
  | ','
  | '!'
  | '=='
  | '='
  | '>'
  | 'identifier'
  | 'in'
  | '<'
  | '!='
  | 'notin'
  | '(';

interface Scanned {
  token: Token;
  literal: string;
}

const literalTokens: Record<string, Token> = {
  ')': ')',
  ',': ',',
  '!': '!',
  '==': '==',
  '=': '=',
  '>': '>',
  in: 'in',
  '<': '<',
  '!=': '!=',
  notin: 'notin',
  '(': '(',
};

const isWhitespace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecial = (ch: string) => '=!(),><'.includes(ch);

/** apimachinery's label selector lexer: identifiers, keywords and operator symbols. */
function scan(input: string): Scanned[] {
  const items: Scanned[] = [];
  let pos = 0;
  for (;;) {
    while (pos < input.length && isWhitespace(input[pos] ?? '')) pos++;
    if (pos >= input.length) {
      items.push({ token: 'end', literal: '' });
      return items;
    }
    let buffer = '';
    if (isSpecial(input[pos] ?? '')) {
      let last: Scanned | undefined;
      while (pos < input.length && isSpecial(input[pos] ?? '')) {
        buffer += input[pos];
        pos++;
        const token = literalTokens[buffer];
        if (token) last = { token, literal: buffer };
        else if (last) {
          pos--;
          break;
        }
      }
      items.push(last ?? { token: 'error', literal: `error expected: keyword found '${buffer}'` });
    } else {
      while (pos < input.length && !isSpecial(input[pos] ?? '') && !isWhitespace(input[pos] ?? ''))
        buffer += input[pos++];
      items.push({ token: literalTokens[buffer] ?? 'identifier', literal: buffer });
    }
  }
}

class SelectorSyntaxError extends Error {}

/** apimachinery's recursive-descent label selector parser, with its error messages. */
class Parser {
  private position = 0;

  constructor(private readonly items: Scanned[]) {}

  /** In a values context the keywords `in`/`notin` are plain identifiers. */
  private peek(values = true): Scanned {
    const item = this.items[this.position] ?? { token: 'end', literal: '' };
    return values && (item.token === 'in' || item.token === 'notin')
      ? { token: 'identifier', literal: item.literal }
      : item;
  }

  private next(values = true): Scanned {
    const item = this.peek(values);
    this.position++;
    return item;
  }

  parse(): LabelRequirement[] {
    const requirements: LabelRequirement[] = [];
    for (;;) {
      const { token, literal } = this.peek();
      if (token === 'end') return requirements;
      if (token !== 'identifier' && token !== '!')
        throw new SelectorSyntaxError(`found '${literal}', expected: !, identifier, or 'end of string'`);
      try {
        requirements.push(this.requirement());
      } catch (e) {
        if (e instanceof SelectorSyntaxError)
          throw new SelectorSyntaxError(`unable to parse requirement: ${e.message}`);
        throw e;
      }
      const after = this.next();
      if (after.token === 'end') return requirements;
      if (after.token !== ',')
        throw new SelectorSyntaxError(`found '${after.literal}', expected: ',' or 'end of string'`);
      const following = this.peek();
      if (following.token !== 'identifier' && following.token !== '!') {
        throw new SelectorSyntaxError(`found '${following.literal}', expected: identifier after ','`);
      }
    }
  }

  private requirement(): LabelRequirement {
    let operator: LabelOperator | undefined;
    let { token, literal } = this.next();
    if (token === '!') {
      operator = '!';
      ({ token, literal } = this.next());
    }
    if (token !== 'identifier') throw new SelectorSyntaxError(`found '${literal}', expected: identifier`);
    const keyErrors = qualifiedNameErrors(literal);
    if (keyErrors.length > 0)
      throw new SelectorSyntaxError(
        `<nil>: Invalid value: ${JSON.stringify(literal)}: ${keyErrors.join('; ')}`,
      );
    const key = literal;
    const lookahead = this.peek().token;
    if ((lookahead === 'end' || lookahead === ',') && operator !== '!') operator = 'exists';
    if (operator === 'exists' || operator === '!') return this.checked(key, operator, []);
    const op = this.operator();
    const values = op === 'in' || op === 'notin' ? this.setValues() : this.exactValue();
    return this.checked(key, op, values);
  }

  private checked(key: string, operator: LabelOperator, values: string[]): LabelRequirement {
    const requirement = makeRequirement(key, operator, values);
    const message = aggregateMessage(requirementErrors(key, operator, requirement.values));
    if (message) throw new SelectorSyntaxError(message);
    return requirement;
  }

  private operator(): LabelOperator {
    const { token, literal } = this.next(false);
    const operators: Partial<Record<Token, LabelOperator>> = {
      in: 'in',
      '=': '=',
      '==': '==',
      '>': 'gt',
      '<': 'lt',
      notin: 'notin',
      '!=': '!=',
    };
    const operator = operators[token];
    if (!operator)
      throw new SelectorSyntaxError(`found '${literal}', expected: '=', '!=', '==', 'in', notin'`);
    return operator;
  }

  private setValues(): string[] {
    const open = this.next();
    if (open.token !== '(') throw new SelectorSyntaxError(`found '${open.literal}' expected: '('`);
    const { token, literal } = this.peek();
    if (token === ')') {
      this.next();
      return [''];
    }
    if (token !== 'identifier' && token !== ',')
      throw new SelectorSyntaxError(`found '${literal}', expected: ',', ')' or identifier`);
    const values = this.identifierList();
    if (this.next().token !== ')') throw new SelectorSyntaxError(`found '${literal}', expected: ')'`);
    return values;
  }

  private identifierList(): string[] {
    const values: string[] = [];
    for (;;) {
      const { token, literal } = this.next();
      if (token === 'identifier') {
        values.push(literal);
        const following = this.peek();
        if (following.token === ',') continue;
        if (following.token === ')') return values;
        throw new SelectorSyntaxError(`found '${following.literal}', expected: ',' or ')'`);
      }
      if (token !== ',') throw new SelectorSyntaxError(`found '${literal}', expected: ',', or identifier`);
      if (values.length === 0) values.push('');
      const following = this.peek().token;
      if (following === ')') {
        values.push('');
        return values;
      }
      if (following === ',') {
        this.next();
        values.push('');
      }
    }
  }

  private exactValue(): string[] {
    const { token } = this.peek();
    if (token === 'end' || token === ',') return [''];
    const value = this.next();
    if (value.token === 'identifier') return [value.literal];
    throw new SelectorSyntaxError(`found '${value.literal}', expected: identifier`);
  }
}

/**
 * Parses a `labelSelector` query parameter (`app=web,tier in (a,b),!canary,env`) like apimachinery's
 * `labels.Parse`; syntax or validation errors throw a 400 with the real server's message
 * (`unable to parse requirement: …`, `found ',', expected: …`).
 */
export function parseLabelSelector(query: string): LabelSelector {
  try {
    return selectorOf(new Parser(scan(query)).parse());
  } catch (e) {
    if (e instanceof SelectorSyntaxError) throw badRequest(e.message);
    throw e;
  }
}
