import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isSeq, parseAllDocuments } from 'yaml';
import { packageRoot } from '../../src/platform/tools.js';

/** A file kept identical to (or derived from) a source elsewhere in the repository. */
export interface InstallCopy {
  /** Where the copy lives, relative to the package root. */
  path: string;
  /** The file it comes from. */
  source: string;
  /** What the copy must contain. */
  text: string;
}

/** The RBAC manifest of the operator, written by its own task and shared by kustomize and Helm. */
export const rbacSourcePath = 'deploy/rbac/rbac.yaml';

const copyHeader = (source: string, how: string) =>
  `# ${how} ${source} by scripts/sync-install-manifests.ts: do not edit by hand.\n`;

/**
 * The RBAC of the kustomize base: deploy/rbac's roles and bindings (with their comments) without namespaces
 * (the overlay's `namespace:` sets them, on the bindings' ServiceAccount subjects too), and without
 * ServiceAccounts (the base has its own, `weir`, which the bindings must name).
 */
export function namespacelessRbac(text: string): string {
  const documents = parseAllDocuments(text);
  // The file's opening comment lines (its header), whichever document the parser attaches them to.
  const lines = text.split('\n');
  const header = lines.slice(
    0,
    lines.findIndex((line) => !line.startsWith('#')),
  );
  if (header.length > 0) {
    const first = documents[0];
    if (first?.commentBefore) first.commentBefore = null;
    const contents = first?.contents;
    if (isMap(contents)) {
      contents.commentBefore = null;
      const key = contents.items[0]?.key;
      if (key && typeof key === 'object' && 'commentBefore' in key) key.commentBefore = null;
    }
  }
  const kept = documents.filter((document) => document.get('kind') !== 'ServiceAccount');
  for (const document of kept) {
    document.deleteIn(['metadata', 'namespace']);
    const subjects = document.get('subjects');
    if (isSeq(subjects))
      subjects.items.forEach((subject, index) => {
        if (isMap(subject) && subject.get('kind') === 'ServiceAccount')
          document.deleteIn(['subjects', index, 'namespace']);
      });
  }
  const body = kept
    .map((document) => {
      const text = document.toString({ lineWidth: 0, flowCollectionPadding: false });
      return /^---\s*$/m.test(text.split('\n').find((line) => !line.startsWith('#')) ?? '')
        ? text
        : `---\n${text}`;
    })
    .join('');
  return header.length > 0 ? `${header.join('\n')}\n${body}` : body;
}

function read(root: string, path: string): string {
  const file = join(root, path);
  if (!existsSync(file)) throw new Error(`${path} is missing: it is the source of the install manifests`);
  return readFileSync(file, 'utf8');
}

/** Every copy the install manifests keep, with the content its source gives it today. */
export function installCopies(root = packageRoot()): InstallCopy[] {
  const crds = read(root, 'deploy/crds/crds.yaml');
  const rbac = read(root, rbacSourcePath);
  const dashboard = read(root, 'deploy/grafana/weir-canary.json');
  return [
    { path: 'charts/weir/crds/crds.yaml', source: 'deploy/crds/crds.yaml', text: crds },
    {
      path: 'charts/weir/files/rbac.yaml',
      source: rbacSourcePath,
      text: copyHeader(rbacSourcePath, 'Copied from') + rbac,
    },
    {
      path: 'deploy/kustomize/base/rbac.yaml',
      source: rbacSourcePath,
      text: copyHeader(rbacSourcePath, 'Namespace-less copy of') + namespacelessRbac(rbac),
    },
    {
      path: 'charts/grafana/dashboards/weir-canary.json',
      source: 'deploy/grafana/weir-canary.json',
      text: dashboard,
    },
  ];
}
