import { Command } from 'commander';
import { registerDemo } from './demo.js';
import { registerLoadTester } from './loadtester-command.js';
import { registerLocalApiServer } from './local-apiserver.js';
import { registerLocalKubelet } from './local-kubelet.js';
import { registerLocalMesh } from './local-mesh.js';
import { registerLocalPlayground } from './local-playground.js';
import { registerLocalPrometheus } from './local-prometheus.js';
import { registerOperator } from './operator-command.js';
import { registerPodinfo } from './podinfo-command.js';

const program = new Command('weir')
  .description('Progressive delivery for Kubernetes, compatible with Flagger, with a local playground')
  .showHelpAfterError();

const local = program
  .command('local')
  .description('the local playground: a whole cluster-in-a-box on this machine');
registerLocalPlayground(local);
registerLocalApiServer(local);
registerLocalKubelet(local);
registerLocalMesh(local);
registerLocalPrometheus(local);
registerPodinfo(local);
registerOperator(program);
registerDemo(program);
registerLoadTester(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`weir: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
