import { formatGoDuration, parseGoDuration } from '../platform/go-duration.js';

/** The value types a flag can have, as Go's `flag`/`pflag` packages know them. */
export const FlagKinds = ['string', 'bool', 'int', 'float', 'duration'] as const;
export type FlagKind = (typeof FlagKinds)[number];

/** One flag: its type, default and help text. Durations are milliseconds. */
export type FlagSpec =
  | { kind: 'string'; default: string; usage: string }
  | { kind: 'bool'; default: boolean; usage: string }
  | { kind: 'int' | 'float' | 'duration'; default: number; usage: string };

/** The flags of one command, by name (`port`, `port-metrics`, …). */
export type FlagSpecs = Record<string, FlagSpec>;

/** The parsed values of `S`: strings, booleans, and numbers (durations in milliseconds). */
export type FlagValues<S extends FlagSpecs> = {
  [K in keyof S]: S[K] extends { kind: 'string' } ? string : S[K] extends { kind: 'bool' } ? boolean : number;
};

/** Why a command line was rejected. */
export const FlagErrorCodes = [
  'unknown-flag',
  'missing-value',
  'invalid-value',
  'unexpected-argument',
] as const;
export type FlagErrorCode = (typeof FlagErrorCodes)[number];

/** A command line that cannot be parsed; the CLI prints the message and exits 2, as Go programs do. */
export class FlagError extends Error {
  constructor(
    readonly code: FlagErrorCode,
    message: string,
    readonly flag?: string,
  ) {
    super(message);
    this.name = 'FlagError';
  }
}

/** How a command line is read. */
export interface ParseFlagsOptions {
  /** `-` for Go's `flag` style (`-port=8080`), `--` for pflag style (`--port=9898`); both forms are accepted. */
  display: '-' | '--';
  /** Environment read for flags not on the command line (`<prefix>_<NAME>`, dashes as underscores). */
  env?: NodeJS.ProcessEnv;
  /** Prefix of those environment variables (`PODINFO`); without it the environment is not read. */
  envPrefix?: string;
}

/** A parsed command line: the values, or a request for help. */
export type ParsedFlags<S extends FlagSpecs> =
  | { help: false; values: FlagValues<S>; explicit: ReadonlySet<keyof S & string> }
  | { help: true };

const trueWords = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const falseWords = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** The message for a value that the flag's type or range rejects. */
export function invalidFlagValue(display: string, name: string, value: string, expected: string): FlagError {
  return new FlagError(
    'invalid-value',
    `invalid value "${value}" for flag ${display}${name}: ${expected}`,
    name,
  );
}

function convert(spec: FlagSpec, name: string, raw: string, display: string): string | boolean | number {
  switch (spec.kind) {
    case 'string':
      return raw;
    case 'bool':
      if (trueWords.has(raw)) return true;
      if (falseWords.has(raw)) return false;
      throw invalidFlagValue(display, name, raw, 'expected true or false');
    case 'int':
      if (!/^[+-]?\d+$/.test(raw)) throw invalidFlagValue(display, name, raw, 'expected an integer');
      return Number(raw);
    case 'float': {
      const value = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(value)) {
        throw invalidFlagValue(display, name, raw, 'expected a number');
      }
      return value;
    }
    case 'duration': {
      const ms = parseGoDuration(raw);
      if (ms === undefined) {
        throw invalidFlagValue(display, name, raw, 'expected a Go duration such as 30s, 5m or 1h');
      }
      return ms;
    }
    default:
      return assertNever(spec);
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected flag spec ${JSON.stringify(value)}`);
}

/**
 * Parses `args` the way Go's `flag` and `pflag` packages do: `-name value`, `-name=value`, `--name=value`,
 * bare booleans (`-random-error`, `--random-error=false`). `-h`/`--help` asks for help. Unknown flags and
 * positional arguments are errors whose message lists what is valid.
 */
export function parseGoFlags<S extends FlagSpecs>(
  args: readonly string[],
  specs: S,
  options: ParseFlagsOptions,
): ParsedFlags<S> {
  const { display } = options;
  const values: Record<string, string | boolean | number> = {};
  const explicit = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const match = /^--?([^-=][^=]*)(?:=(.*))?$/s.exec(arg);
    if (!match) {
      throw new FlagError(
        'unexpected-argument',
        `unexpected argument "${arg}": this command takes only flags (${listFlags(specs, display)})`,
      );
    }
    const name = match[1] ?? '';
    let raw = match[2];
    if (name === 'h' || name === 'help') return { help: true };
    const spec = specs[name];
    if (!spec) {
      throw new FlagError(
        'unknown-flag',
        `unknown flag ${display}${name}; valid flags: ${listFlags(specs, display)}`,
        name,
      );
    }
    if (raw === undefined) {
      if (spec.kind === 'bool') raw = 'true';
      else {
        raw = args[i + 1];
        if (raw === undefined) {
          throw new FlagError('missing-value', `flag ${display}${name} needs a value (${spec.usage})`, name);
        }
        i++;
      }
    }
    values[name] = convert(spec, name, raw, display);
    explicit.add(name);
  }
  for (const [name, spec] of Object.entries(specs)) {
    if (explicit.has(name)) continue;
    const fromEnv = options.envPrefix ? readEnv(options, name) : undefined;
    values[name] = fromEnv === undefined ? spec.default : convert(spec, name, fromEnv, display);
  }
  return {
    help: false,
    values: values as FlagValues<S>,
    explicit: explicit as ReadonlySet<keyof S & string>,
  };
}

function readEnv(options: ParseFlagsOptions, name: string): string | undefined {
  const key = `${options.envPrefix}_${name.replaceAll('-', '_').toUpperCase()}`;
  return options.env?.[key];
}

function listFlags(specs: FlagSpecs, display: string): string {
  return Object.keys(specs)
    .map((name) => `${display}${name}`)
    .join(', ');
}

/** A usage text listing every flag with its type, default and help. */
export function flagUsage(command: string, specs: FlagSpecs, display: '-' | '--'): string {
  const lines = [`Usage: ${command} [flags]`, '', 'Flags:'];
  for (const [name, spec] of Object.entries(specs)) {
    const type = spec.kind === 'bool' ? '' : ` ${spec.kind}`;
    const fallback =
      spec.kind === 'duration'
        ? formatGoDuration(spec.default)
        : typeof spec.default === 'string'
          ? JSON.stringify(spec.default)
          : String(spec.default);
    lines.push(`  ${display}${name}${type}`, `      ${spec.usage} (default ${fallback})`);
  }
  return `${lines.join('\n')}\n`;
}
