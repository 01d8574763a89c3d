import { type FlagDefinition, flagDefinitions } from '../../src/config/flags.js';

/** Where the generated flag reference is committed, relative to the package root. */
export const flagsDocPath = 'docs/flags.md';

function envNames(flag: FlagDefinition): string {
  const own = `\`WEIR_${flag.name.toUpperCase().replace(/-/g, '_')}\``;
  const flaggers = (flag.overridingEnv ?? []).map((name) => `\`${name}\` (wins)`);
  return [own, ...flaggers].join(', ');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function origin(flag: FlagDefinition): 'Weir' | 'compatibility' | 'Flagger' {
  if (flag.description.startsWith('Weir:')) return 'Weir';
  if (flag.description.startsWith('accepted for compatibility')) return 'compatibility';
  return 'Flagger';
}

function row(flag: FlagDefinition): string {
  const description = flag.description.replace(/^Weir: /, '');
  const defaultText = flag.default === '' ? '""' : `\`${flag.default}\``;
  const note = { Weir: ' *(Weir)*', compatibility: ' *(no effect)*', Flagger: '' }[origin(flag)];
  return `| \`-${flag.name}\` | ${flag.type} | ${cell(defaultText)} | ${cell(description)}${note} | ${envNames(flag)} |`;
}

/** docs/flags.md: every `weir operator` flag of src/config/flags.ts, in its order, as a Markdown table. */
export function renderFlagsDoc(flags: readonly FlagDefinition[] = flagDefinitions): string {
  return [
    '<!-- Generated from src/config/flags.ts by scripts/generate-docs.ts: do not edit by hand. -->',
    '# `weir operator` flags',
    '',
    "Flags have Flagger's names and defaults and Go's syntax: `-name=value`, `-name value`, `--name=value`,",
    'booleans as a bare `-name` or `-name=false`. Every flag can also be set in the environment as',
    "`WEIR_<NAME>` (upper case, `-` → `_`); a flag on the command line wins over it, and Flagger's own",
    'variables (`SLACK_URL`, `EVENT_WEBHOOK_URL`, …) win over both, as in Flagger. Durations are Go',
    'durations (`10s`, `1m30s`). An unknown flag or value stops the operator at start with the reason.',
    '',
    "*(Weir)* marks additions; *(no effect)* marks flags accepted so that Flagger's manifests keep working but",
    'ignored by Weir (see [compatibility.md](compatibility.md)). The Helm chart sets them from its values',
    '([install.md](install.md)).',
    '',
    '| flag | type | default | meaning | environment |',
    '|---|---|---|---|---|',
    ...flags.map(row),
    '',
  ].join('\n');
}
