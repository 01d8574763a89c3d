import type { AppWorld } from './app-world.js';
import { type HeyFigures, parseHey, runHey } from './hey.js';

/** The load hey puts on the app: `-z <seconds>s -c <connections>`. */
export interface HeyLoad {
  seconds: number;
  connections: number;
}

/** The same load, direct to the pod and through the mesh. */
export interface MeshOverheadFigures {
  load: HeyLoad;
  direct: HeyFigures;
  mesh: HeyFigures;
  /** CPU time of the mesh process per request it proxied, in µs. */
  meshCpuUsPerRequest: number;
}

/**
 * hey against podinfo, first at its pod address (`http://<pod ip>:9898/`), then through the mesh as the
 * walkthrough's load test reaches it (`hey -x <mesh> http://podinfo.test:9898/`); a short warm-up of each
 * path first.
 */
export async function runMeshOverhead(
  world: AppWorld,
  load: HeyLoad,
  log: (line: string) => void,
): Promise<MeshOverheadFigures> {
  const direct = ['-c', String(load.connections), `http://${world.podAddress}/`];
  const viaMesh = ['-c', String(load.connections), '-x', world.proxyUrl, 'http://podinfo.test:9898/'];
  log('  warm-up: 2 s direct, 2 s through the mesh');
  await runHey(['-z', '2s', ...direct]);
  await runHey(['-z', '2s', ...viaMesh]);
  log(`  direct: hey -z ${load.seconds}s ${direct.join(' ')}`);
  const directFigures = parseHey(await runHey(['-z', `${load.seconds}s`, ...direct]));
  log(`  mesh:   hey -z ${load.seconds}s ${viaMesh.join(' ')}`);
  const cpuBefore = world.mesh.cpuSeconds();
  const meshFigures = parseHey(await runHey(['-z', `${load.seconds}s`, ...viaMesh]));
  const cpuAfter = world.mesh.cpuSeconds();
  return {
    load,
    direct: directFigures,
    mesh: meshFigures,
    meshCpuUsPerRequest:
      cpuBefore !== undefined && cpuAfter !== undefined && meshFigures.requests > 0
        ? ((cpuAfter - cpuBefore) * 1e6) / meshFigures.requests
        : Number.NaN,
  };
}
