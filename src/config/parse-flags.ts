import { parseGoDuration } from '../platform/go-duration.js';
import { type FlagDefinition, type FlagName, flagDefinitions } from './flags.js';

/** Invalid command-line input; `problems` names each bad flag and what would be valid. */
export class ConfigError extends Error {
  readonly code = 'invalid-config' as const;
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'ConfigError';
  }
}

/** A parsed flag value. */
export type FlagValue = string | number | boolean | string[];

const byName = new Map<string, FlagDefinition>(flagDefinitions.map((f) => [f.name, f]));

function envName(flag: string): string {
  return `WEIR_${flag.toUpperCase().replace(/-/g, '_')}`;
}

function closest(name: string): string | undefined {
  let best: string | undefined;
  let bestScore = 0;
  for (const candidate of byName.keys()) {
    const common = [...name].filter((c, i) => candidate[i] === c).length;
    const score = common / Math.max(name.length, candidate.length);
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return bestScore >= 0.5 ? best : undefined;
}

function convert(
  flag: FlagDefinition,
  text: string,
  source: string,
  problems: string[],
): FlagValue | undefined {
  switch (flag.type) {
    case 'string':
      return text;
    case 'list':
      return text === ''
        ? []
        : text
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean);
    case 'int': {
      const n = Number(text);
      if (Number.isInteger(n)) return n;
      problems.push(`${source}: "${text}" is not an integer`);
      return undefined;
    }
    case 'bool':
      if (['true', '1', 't', 'T', 'TRUE', 'True'].includes(text)) return true;
      if (['false', '0', 'f', 'F', 'FALSE', 'False'].includes(text)) return false;
      problems.push(`${source}: "${text}" is not a boolean (true or false)`);
      return undefined;
    case 'duration': {
      const ms = parseGoDuration(text);
      if (ms !== undefined && ms >= 0) return ms;
      problems.push(`${source}: "${text}" is not a duration (like 10s, 1m30s, 500ms)`);
      return undefined;
    }
  }
}

/**
 * Parses flags the way Go's `flag` package does (`-name value`, `-name=value`, `--name=value`, booleans as
 * bare `-name` or `-name=false`), then environment variables, then defaults. Durations come out in ms.
 */
export function parseFlags(argv: readonly string[], env: NodeJS.ProcessEnv): Map<FlagName, FlagValue> {
  const problems: string[] = [];
  const given = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('-') || arg === '-' || arg === '--') {
      problems.push(`unexpected argument "${arg}" (flags look like -mesh-provider=istio)`);
      continue;
    }
    const body = arg.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const name = eq < 0 ? body : body.slice(0, eq);
    const flag = byName.get(name);
    if (!flag) {
      const hint = closest(name);
      problems.push(`unknown flag -${name}${hint ? ` (did you mean -${hint}?)` : ''}`);
      continue;
    }
    if (eq >= 0) given.set(name, body.slice(eq + 1));
    else if (flag.type === 'bool') given.set(name, 'true');
    else if (i + 1 < argv.length) given.set(name, argv[++i] ?? '');
    else problems.push(`flag -${name} needs a value`);
  }
  const values = new Map<FlagName, FlagValue>();
  for (const flag of flagDefinitions) {
    let text: string = flag.default;
    let source = `-${flag.name} default`;
    const fromEnv = env[envName(flag.name)];
    if (fromEnv !== undefined) {
      text = fromEnv;
      source = `${envName(flag.name)}`;
    }
    const fromFlag = given.get(flag.name);
    if (fromFlag !== undefined) {
      text = fromFlag;
      source = `-${flag.name}`;
    }
    // Flagger's own variables (SLACK_URL, …) win over the flag, as in Flagger.
    for (const variable of ('overridingEnv' in flag ? flag.overridingEnv : []) as readonly string[]) {
      const value = env[variable];
      if (value) {
        text = value;
        source = variable;
      }
    }
    const value = convert(flag, text, source, problems);
    if (value !== undefined) values.set(flag.name, value);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return values;
}
