import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where Weir keeps local state: `$WEIR_HOME`, else `~/.weir`. */
export function weirHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.WEIR_HOME ?? join(homedir(), '.weir');
}
