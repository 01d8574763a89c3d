import { goSprintf, goValue, type TemplateValue } from './go-format.js';
import {
  type Command,
  type Operand,
  parseTemplate,
  TemplateError,
  type TemplateNode,
} from './template-parser.js';

/** A function callable from a template; throws a message string's Error to fail the render. */
export type TemplateFunction = (...args: TemplateValue[]) => TemplateValue;

function execError(node: { line: number; source: string }, message: string): TemplateError {
  return new TemplateError(
    'template-execute',
    `template: tmpl:${node.line}: executing "tmpl" at <${node.source}>: ${message}`,
  );
}

function field(value: TemplateValue, name: string): string {
  if (typeof value === 'object') {
    if (!Object.hasOwn(value, name)) throw new Error(`map has no entry for key "${name}"`);
    return value[name]!;
  }
  throw new Error(`can't evaluate field ${name} in type ${typeof value === 'string' ? 'string' : 'float64'}`);
}

/**
 * Renders `text` with Go text/template semantics (missing map keys and unknown functions are errors, as
 * with `missingkey=error`); throws {@link TemplateError}.
 */
export function renderTemplate(text: string, functions: Readonly<Record<string, TemplateFunction>>): string {
  const nodes = parseTemplate(text, Object.keys(functions));
  const variables = new Map<string, TemplateValue>();
  let out = '';
  for (const node of nodes) {
    if (node.kind === 'text') {
      out += node.text;
      continue;
    }
    const value = runPipeline(node, functions, variables);
    if (node.assign) variables.set(node.assign.name, value);
    else out += goValue(value);
  }
  return out;
}

function runPipeline(
  node: Extract<TemplateNode, { kind: 'action' }>,
  functions: Readonly<Record<string, TemplateFunction>>,
  variables: ReadonlyMap<string, TemplateValue>,
): TemplateValue {
  const evaluate = (operand: Operand, args: TemplateValue[] = []): TemplateValue => {
    switch (operand.kind) {
      case 'string':
      case 'number':
        return operand.value;
      case 'variable':
        return operand.fields.reduce(field, variables.get(operand.name) ?? '');
      case 'call': {
        const fn = functions[operand.name]!;
        return operand.fields.reduce(field, fn(...args));
      }
    }
  };
  const run = (command: Command, piped: TemplateValue | undefined): TemplateValue => {
    const args = command.args.map((a) => evaluate(a));
    if (piped !== undefined) {
      if (command.head.kind !== 'call') throw new Error(`can't give argument to non-function`);
      args.push(piped);
    }
    return evaluate(command.head, args);
  };
  try {
    let value: TemplateValue | undefined;
    for (const command of node.pipeline) value = run(command, value);
    return value!;
  } catch (error) {
    if (error instanceof TemplateError) throw error;
    throw execError(node, error instanceof Error ? error.message : String(error));
  }
}

/** `printf`, as Go templates have it. */
export const printf: TemplateFunction = (format, ...args) => {
  if (typeof format !== 'string') throw new Error('printf: the format must be a string');
  return goSprintf(format, args);
};

/** A template function returning a fixed value that refuses arguments, like Flagger's model functions. */
export function constant(name: string, value: TemplateValue): TemplateFunction {
  return (...args) => {
    if (args.length > 0) throw new Error(`wrong number of args for ${name}: want 0 got ${args.length}`);
    return value;
  };
}
