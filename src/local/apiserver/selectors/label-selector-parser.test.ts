import { describe, expect, it } from 'vitest';
import { ApiError } from '../model/api-error.js';
import { labelSelectorToString, matchesLabels } from './label-selector.js';
import { parseLabelSelector } from './label-selector-parser.js';

function parseError(query: string): string {
  try {
    parseLabelSelector(query);
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).code).toBe(400);
    return (e as ApiError).message;
  }
  throw new Error(`${query} parsed`);
}

describe('parseLabelSelector', () => {
  it('parses every operator and sorts requirements by key', () => {
    const selector = parseLabelSelector(
      'tier in (web, api),app=podinfo,!canary,env,track!=beta,gen==2,x notin (a),n>3,m<10',
    );
    expect(selector.requirements).toEqual([
      { key: 'app', operator: '=', values: ['podinfo'] },
      { key: 'canary', operator: '!', values: [] },
      { key: 'env', operator: 'exists', values: [] },
      { key: 'gen', operator: '==', values: ['2'] },
      { key: 'm', operator: 'lt', values: ['10'] },
      { key: 'n', operator: 'gt', values: ['3'] },
      { key: 'tier', operator: 'in', values: ['api', 'web'] },
      { key: 'track', operator: '!=', values: ['beta'] },
      { key: 'x', operator: 'notin', values: ['a'] },
    ]);
    expect(labelSelectorToString(selector)).toBe(
      'app=podinfo,!canary,env,gen==2,m<10,n>3,tier in (api,web),track!=beta,x notin (a)',
    );
  });

  it('treats the empty string as everything', () => {
    const selector = parseLabelSelector('');
    expect(selector.requirements).toEqual([]);
    expect(matchesLabels(selector, {})).toBe(true);
  });

  it('accepts prefixed keys, empty values and keywords as values', () => {
    expect(parseLabelSelector('app.kubernetes.io/name=podinfo').requirements[0]).toEqual({
      key: 'app.kubernetes.io/name',
      operator: '=',
      values: ['podinfo'],
    });
    expect(parseLabelSelector('a=').requirements[0]!.values).toEqual(['']);
    expect(parseLabelSelector('a in ()').requirements[0]!.values).toEqual(['']);
    expect(parseLabelSelector('a in (x,,y)').requirements[0]!.values).toEqual(['', 'x', 'y']);
    expect(parseLabelSelector('in in (in,notin)').requirements[0]).toEqual({
      key: 'in',
      operator: 'in',
      values: ['in', 'notin'],
    });
  });

  it('matches like apimachinery', () => {
    const labels = { app: 'podinfo', tier: 'web', gen: '7' };
    const matches = (q: string) => matchesLabels(parseLabelSelector(q), labels);
    expect(matches('app=podinfo,tier in (web,api)')).toBe(true);
    expect(matches('app=podinfo,tier notin (web)')).toBe(false);
    expect(matches('missing notin (x),missing!=y,!missing')).toBe(true);
    expect(matches('missing in (x)')).toBe(false);
    expect(matches('tier,!canary')).toBe(true);
    expect(matches('gen>5,gen<8')).toBe(true);
    expect(matches('gen>7')).toBe(false);
    expect(matches('app>1')).toBe(false);
  });

  it('reports syntax errors with the real server wording', () => {
    expect(parseError('a in b')).toBe("unable to parse requirement: found 'b' expected: '('");
    expect(parseError('a in (b')).toBe("unable to parse requirement: found '', expected: ',' or ')'");
    expect(parseError('a in (b c)')).toBe("unable to parse requirement: found 'c', expected: ',' or ')'");
    expect(parseError('a=b c')).toBe("found 'c', expected: ',' or 'end of string'");
    expect(parseError('a=b,')).toBe("found '', expected: identifier after ','");
    expect(parseError(',a')).toBe("found ',', expected: !, identifier, or 'end of string'");
    expect(parseError('a b')).toBe(
      "unable to parse requirement: found 'b', expected: '=', '!=', '==', 'in', notin'",
    );
    expect(parseError('a=(b)')).toBe("unable to parse requirement: found '(', expected: identifier");
    expect(parseError('!=a')).toBe("found '!=', expected: !, identifier, or 'end of string'");
    expect(parseError('!(a)')).toBe("unable to parse requirement: found '(', expected: identifier");
    expect(parseError('!a=b')).toBe("found '=', expected: ',' or 'end of string'");
  });

  it('validates keys and values', () => {
    expect(parseError('-bad=x')).toBe(
      "unable to parse requirement: <nil>: Invalid value: \"-bad\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName', or 'my.name', or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    );
    expect(parseError(`app=${'v'.repeat(64)}`)).toBe(
      `unable to parse requirement: values[0][app]: Invalid value: "${'v'.repeat(64)}": must be no more than 63 characters`,
    );
    expect(parseError('Example.com/app=x')).toMatch(
      /^unable to parse requirement: <nil>: Invalid value: "Example.com\/app": prefix part a lowercase RFC 1123 subdomain/,
    );
    expect(parseError('a>b')).toBe(
      "unable to parse requirement: values[0]: Invalid value: \"b\": for 'Gt', 'Lt' operators, the value must be an integer",
    );
  });
});
