import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { startApiServer } from '../local/apiserver/api-server.js';
import { packageRoot, toolPath } from '../platform/tools.js';

interface Step {
  args: string[];
  why: string;
}

function run(kubectl: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(kubectl, args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

/** `weir demo`: today, the local API server driven by the real kubectl through the walkthrough's first steps. */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('start the local API server and apply the sample workload with kubectl')
    .action(async () => {
      const work = mkdtempSync(join(tmpdir(), 'weir-demo-'));
      const kubeconfig = join(work, 'kubeconfig');
      const server = await startApiServer({ dataDir: join(work, 'data'), kubeconfigPath: kubeconfig });
      const kubectl = toolPath('kubectl');
      const env = { ...process.env, KUBECONFIG: kubeconfig, KUBECACHEDIR: join(work, 'kube-cache') };
      const examples = join(packageRoot(), 'examples');
      const steps: Step[] = [
        { why: 'the local API server answers like Kubernetes 1.31', args: ['version'] },
        { why: 'create the namespace of the walkthrough', args: ['create', 'ns', 'test'] },
        {
          why: 'enable sidecar injection, as the guide does',
          args: ['label', 'namespace', 'test', 'istio-injection=enabled'],
        },
        {
          why: 'apply the podinfo Deployment and HPA (kustomize)',
          args: ['apply', '-k', join(examples, 'podinfo')],
        },
        {
          why: 'list them with server-side printing',
          args: ['get', 'deployments,hpa', '-n', 'test', '-o', 'wide'],
        },
        { why: 'every namespace', args: ['get', 'namespaces', '--show-labels'] },
      ];
      process.stdout.write(`Local API server: ${server.url}\nKUBECONFIG=${kubeconfig}\n`);
      let failed = 0;
      for (const step of steps) {
        process.stdout.write(`\n# ${step.why}\n$ kubectl ${step.args.join(' ')}\n`);
        const code = await run(kubectl, step.args, env);
        if (code !== 0) {
          failed++;
          process.stdout.write(`(kubectl exited with ${code})\n`);
        }
      }
      await server.close();
      rmSync(work, { recursive: true, force: true });
      process.stdout.write(
        failed === 0
          ? '\nDemo finished: every step succeeded.\n'
          : `\nDemo failed: ${failed} step(s) failed.\n`,
      );
      process.exitCode = failed === 0 ? 0 : 1;
    });
}
