import type { AppWorld } from './app-world.js';
import { type HeyFigures, parseHey, runHey } from './hey.js';
import type { HeyLoad } from './mesh-overhead.js';
import { startWeirChild } from './weir-child.js';

/** hey alone (before and after), and the same hey run by the load tester as a `cmd` webhook task. */
export interface LoadGenerationFigures {
  load: HeyLoad;
  alone: HeyFigures;
  loadTester: HeyFigures;
  aloneAfter: HeyFigures;
  /** CPU time the load tester process used while its hey ran, in seconds. */
  loadTesterCpuSeconds: number | undefined;
}

/**
 * The same hey command against podinfo's pod address: run directly, then POSTed to `weir loadtester` as
 * the walkthrough's load-test webhook does (`metadata.type: cmd`, `logCmdOutput: "true"`, its summary read
 * from the load tester's log), then directly again — so a change in the machine's load shows as a
 * difference between the two direct runs.
 */
export async function runLoadGeneration(
  world: AppWorld,
  load: HeyLoad,
  log: (line: string) => void,
): Promise<LoadGenerationFigures> {
  const cmd = `hey -z ${load.seconds}s -c ${load.connections} http://${world.podAddress}/`;
  log(`  alone: ${cmd}`);
  const alone = parseHey(await runHey(cmd.split(' ').slice(1)));
  // No proxy in its environment: its hey must reach the pod directly, as the hey it is compared with.
  const tester = startWeirChild(['loadtester', '-host=127.0.0.1', '-port=0', '-log-level=info'], {
    HTTP_PROXY: '',
    http_proxy: '',
  });
  try {
    const address = await tester.line((l) => {
      const match = /^Starting load tester API on (\S+)$/.exec(String(l.msg));
      return match?.[1];
    }, 60_000);
    const output = tester.line(
      (l) => (typeof l.msg === 'string' && l.msg.includes('Requests/sec:') ? l.msg : undefined),
      (load.seconds + 60) * 1000,
    );
    log(
      `  load tester: POST http://${address}/ {"metadata":{"type":"cmd","cmd":"${cmd}","logCmdOutput":"true"}}`,
    );
    const cpuBefore = tester.cpuSeconds();
    const reply = await fetch(`http://${address}/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        name: 'podinfo',
        namespace: 'test',
        phase: 'Progressing',
        metadata: { type: 'cmd', cmd, logCmdOutput: 'true' },
      }),
    });
    if (reply.status !== 202)
      throw new Error(`the load tester answered ${reply.status}: ${await reply.text()}`);
    const loadTester = parseHey(await output);
    const cpuAfter = tester.cpuSeconds();
    log(`  alone again: ${cmd}`);
    const aloneAfter = parseHey(await runHey(cmd.split(' ').slice(1)));
    return {
      load,
      alone,
      loadTester,
      aloneAfter,
      loadTesterCpuSeconds:
        cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined,
    };
  } finally {
    await tester.stop();
  }
}
