import { spawn } from 'node:child_process';
import { toolPath } from '../platform/tools.js';

/** Runs kubectl against the demo's playground, echoing the command and its output like a terminal session. */
export class DemoKubectl {
  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly out: NodeJS.WritableStream,
  ) {}

  /** `$ kubectl …` with its output indented; throws when kubectl fails. */
  async run(args: readonly string[], options: { quiet?: boolean } = {}): Promise<string> {
    if (!options.quiet) this.out.write(`  $ kubectl ${args.join(' ')}\n`);
    const { code, output } = await new Promise<{ code: number; output: string }>((resolve, reject) => {
      const child = spawn(toolPath('kubectl'), args, { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (d: Buffer) => {
        output += d.toString();
      });
      child.stderr.on('data', (d: Buffer) => {
        output += d.toString();
      });
      child.once('error', reject);
      child.once('close', (exit) => resolve({ code: exit ?? 1, output }));
    });
    if (!options.quiet)
      for (const line of output.trimEnd().split('\n')) if (line) this.out.write(`    ${line}\n`);
    if (code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (exit ${code}): ${output.trim()}`);
    return output;
  }
}
