import { parse } from 'shell-quote';
import { LoadTesterError } from './loadtester-error.js';

/**
 * Splits a `cmd` into argv as a POSIX shell would — quotes, escapes, `$VAR` from `env` — but runs no shell:
 * operators (`|`, `&&`, `;`, `>`, …) are refused with a pointer to `type: bash`. A glob stays a literal
 * argument; a trailing `# comment` is dropped.
 */
export function parseCommandLine(cmd: string, env: NodeJS.ProcessEnv): string[] {
  const argv: string[] = [];
  for (const entry of parse(cmd, env)) {
    if (typeof entry === 'string') argv.push(entry);
    else if ('comment' in entry) break;
    else if (entry.op === 'glob') argv.push(entry.pattern);
    else {
      throw new LoadTesterError(
        'shell-syntax',
        `cmd "${cmd}" uses the shell operator "${entry.op}", but type cmd runs the command without a shell; ` +
          'use metadata.type bash for shell syntax',
        { operator: entry.op },
      );
    }
  }
  return argv;
}
