import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** The ports one playground listens on, and its pods' address range, fixed at its first start. */
export interface PlaygroundPorts {
  apiserver: number;
  meshProxy: number;
  meshMetrics: number;
  prometheus: number;
  operator: number;
  /**
   * Pod addresses (a /20 of loopback, 4,094 pods). Each playground picks its own, so two playgrounds on one
   * machine never bind the same pod IP and port.
   */
  podCidr: string;
}

/** A random /20 inside 127.0.0.0/8, clear of 127.0.0.x where the playground's own servers listen. */
export function randomPodCidr(random: () => number = Math.random): string {
  const second = 2 + Math.floor(random() * 250);
  const third = Math.floor(random() * 16) * 16;
  return `127.${second}.${third}.0/20`;
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
  if (existsSync(path)) {
    const stored = JSON.parse(readFileSync(path, 'utf8')) as Partial<PlaygroundPorts>;
    if (stored.podCidr) return stored as PlaygroundPorts;
    const upgraded = { ...stored, podCidr: randomPodCidr() } as PlaygroundPorts;
    writeFileSync(path, `${JSON.stringify(upgraded, null, 2)}\n`);
    return upgraded;
  }
  const ports: PlaygroundPorts = {
    apiserver: await freePort(),
    meshProxy: await freePort(),
    meshMetrics: await freePort(),
    prometheus: await freePort(),
    operator: await freePort(),
    podCidr: randomPodCidr(),
  };
  writeFileSync(path, `${JSON.stringify(ports, null, 2)}\n`);
  return ports;
}
