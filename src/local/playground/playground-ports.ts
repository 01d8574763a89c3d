import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** The ports one playground listens on, fixed at its first start. */
export interface PlaygroundPorts {
  apiserver: number;
  meshProxy: number;
  meshMetrics: number;
  prometheus: number;
  operator: number;
}

/** A port the OS says is free right now. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The ports stored for this playground, or fresh free ones (stored for next time). */
export async function playgroundPorts(path: string): Promise<PlaygroundPorts> {
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as PlaygroundPorts;
  const ports: PlaygroundPorts = {
    apiserver: await freePort(),
    meshProxy: await freePort(),
    meshMetrics: await freePort(),
    prometheus: await freePort(),
    operator: await freePort(),
  };
  writeFileSync(path, `${JSON.stringify(ports, null, 2)}\n`);
  return ports;
}
