import { spawn } from 'node:child_process';

/** hey's summary of one run. */
export interface HeyFigures {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  averageMs: number;
  p50Ms: number;
  p99Ms: number;
  /** Responses per status code, e.g. `200 → 81234`. */
  statusCodes: Map<string, number>;
  /** Requests that got no response (hey's error distribution). */
  errors: number;
}

const secondsOf = (output: string, label: RegExp): number => {
  const match = label.exec(output);
  return match ? Number(match[1]) : Number.NaN;
};

/** Reads the summary hey prints (Debian's hey 0.1.4: `Requests/sec:`, `50% in 0.0007 secs`, `[200]	3647 responses`). */
export function parseHey(output: string): HeyFigures {
  const statusCodes = new Map<string, number>();
  let requests = 0;
  for (const [, code, count] of output.matchAll(/^\s*\[(\d{3})\]\s+(\d+) responses/gm)) {
    statusCodes.set(code!, Number(count));
    requests += Number(count);
  }
  let errors = 0;
  const errorSection = output.split('Error distribution:')[1] ?? '';
  for (const [, count] of errorSection.matchAll(/^\s*\[(\d+)\]\s/gm)) errors += Number(count);
  if (!/Requests\/sec:/.test(output)) throw new Error(`not a hey summary:\n${output.slice(0, 500)}`);
  return {
    requests,
    seconds: secondsOf(output, /Total:\s+([\d.]+) secs/),
    requestsPerSecond: secondsOf(output, /Requests\/sec:\s+([\d.]+)/),
    averageMs: secondsOf(output, /Average:\s+([\d.]+) secs/) * 1000,
    p50Ms: secondsOf(output, /50% in ([\d.]+) secs/) * 1000,
    p99Ms: secondsOf(output, /99% in ([\d.]+) secs/) * 1000,
    statusCodes,
    errors,
  };
}

/** Runs `hey <args>` (Debian's /usr/bin/hey) to completion and answers its output. */
export function runHey(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('hey', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`hey ${args.join(' ')} exited ${code}: ${output}`)),
    );
  });
}
