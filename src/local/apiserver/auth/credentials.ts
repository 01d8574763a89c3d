import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The server's secrets: the key service account tokens are signed with, and the administrator's token. */
export interface ServerCredentials {
  signingKey: Buffer;
  adminToken: string;
}

interface StoredCredentials {
  signingKey: string;
  adminToken: string;
}

function fresh(): ServerCredentials {
  return { signingKey: randomBytes(32), adminToken: randomBytes(32).toString('base64url') };
}

/**
 * The credentials kept in `<dataDir>/credentials.json` (created on first start, mode 0600), so tokens and
 * kubeconfigs stay valid across restarts; fresh ones for a server without a data directory.
 */
export function loadCredentials(dataDir: string | undefined): ServerCredentials {
  if (!dataDir) return fresh();
  const path = join(dataDir, 'credentials.json');
  if (existsSync(path)) {
    const stored = JSON.parse(readFileSync(path, 'utf8')) as StoredCredentials;
    return { signingKey: Buffer.from(stored.signingKey, 'base64'), adminToken: stored.adminToken };
  }
  const created = fresh();
  const body: StoredCredentials = {
    signingKey: created.signingKey.toString('base64'),
    adminToken: created.adminToken,
  };
  mkdirSync(dataDir, { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(body), { mode: 0o600 });
  renameSync(tmp, path);
  return created;
}
