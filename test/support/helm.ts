import { toolPath } from '../../src/platform/tools.js';
import { type CommandResult, runCommand } from './kubectl.js';

/** A helm 3 bound to one kubeconfig, with private HOME and HELM_* directories (from `TestApi.env`). */
export class Helm {
  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly kubeconfig: string,
  ) {}

  /** Runs `helm <args> --kubeconfig <file>`. */
  run(args: readonly string[]): Promise<CommandResult> {
    return runCommand(toolPath('helm'), [...args, '--kubeconfig', this.kubeconfig], { env: this.env });
  }

  /** Runs `helm <args>` and fails with its stderr unless it exits 0; returns stdout. */
  async ok(args: readonly string[]): Promise<string> {
    const result = await this.run(args);
    if (result.code !== 0) throw new Error(`helm ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
    return result.stdout;
  }
}
