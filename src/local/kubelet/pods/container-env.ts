import type { Container, Pod } from '../../../kube/api/core-v1.js';

/** Variables a local process needs from the host to run at all (the rest of the host's stays out). */
const hostVariables = ['PATH', 'HOME', 'LANG', 'TZ', 'TMPDIR', 'WEIR_HOME'] as const;

/** `valueFrom.fieldRef` of the downward API; other sources (ConfigMaps, Secrets) are not resolved. */
function fieldValue(pod: Pod, podIP: string, hostIP: string, path: string): string | undefined {
  const labelOrAnnotation = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (labelOrAnnotation) {
    const map = labelOrAnnotation[1] === 'labels' ? pod.metadata.labels : pod.metadata.annotations;
    return map?.[labelOrAnnotation[2]!];
  }
  switch (path) {
    case 'metadata.name':
      return pod.metadata.name;
    case 'metadata.namespace':
      return pod.metadata.namespace;
    case 'metadata.uid':
      return pod.metadata.uid;
    case 'spec.nodeName':
      return pod.spec.nodeName;
    case 'spec.serviceAccountName':
      return typeof pod.spec.serviceAccountName === 'string' ? pod.spec.serviceAccountName : undefined;
    case 'status.podIP':
      return podIP;
    case 'status.hostIP':
      return hostIP;
    default:
      return undefined;
  }
}

/** Kubernetes' `$(VAR)` expansion: known variables replaced, `$$` an escaped `$`, unknown ones left as is. */
export function expandVariables(text: string, env: Record<string, string | undefined>): string {
  return text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (match, name: string | undefined) => {
    if (match === '$$') return '$';
    const value = name === undefined ? undefined : env[name];
    return value ?? match;
  });
}

/**
 * The environment of a container's process: a few host variables it needs to start, `HOSTNAME` (the pod
 * name), the container's `env` (values, `$(VAR)` references and downward-API fields) and `HTTP_PROXY`
 * pointing at the mesh when there is one.
 */
export function containerEnv(options: {
  pod: Pod;
  container: Container;
  podIP: string;
  hostIP: string;
  meshProxy?: string;
  host?: NodeJS.ProcessEnv;
}): NodeJS.ProcessEnv {
  const host = options.host ?? process.env;
  const env: Record<string, string | undefined> = {};
  for (const name of hostVariables) if (host[name] !== undefined) env[name] = host[name];
  env.HOSTNAME = options.pod.metadata.name;
  for (const variable of options.container.env ?? []) {
    if (variable.value !== undefined) env[variable.name] = expandVariables(variable.value, env);
    else if (variable.valueFrom?.fieldRef) {
      const value = fieldValue(
        options.pod,
        options.podIP,
        options.hostIP,
        variable.valueFrom.fieldRef.fieldPath,
      );
      if (value !== undefined) env[variable.name] = value;
    } else if (variable.valueFrom === undefined) env[variable.name] = '';
  }
  if (options.meshProxy)
    env.HTTP_PROXY = /^https?:\/\//.test(options.meshProxy)
      ? options.meshProxy
      : `http://${options.meshProxy}`;
  return env;
}

/** The container with `$(VAR)` references in its command and args expanded from its environment. */
export function expandCommand(container: Container, env: NodeJS.ProcessEnv): Container {
  return {
    ...container,
    ...(container.command ? { command: container.command.map((c) => expandVariables(c, env)) } : {}),
    ...(container.args ? { args: container.args.map((a) => expandVariables(a, env)) } : {}),
  };
}
