/** Meshes whose SMI TrafficSplit and telemetry Weir knows. */
export const SmiMeshes = ['istio', 'linkerd', 'osm'] as const;
export type SmiMesh = (typeof SmiMeshes)[number];

/** TrafficSplit API versions. */
export const SmiVersions = ['v1alpha1', 'v1alpha2', 'v1alpha3'] as const;
export type SmiVersion = (typeof SmiVersions)[number];

/** Providers Flagger has that Weir does not implement yet; named so the error can say so. */
export const PlannedProviders = [
  'apisix',
  'appmesh',
  'appmesh:v1beta2',
  'contour',
  'gatewayapi:v1',
  'gatewayapi:v1beta1',
  'gloo',
  'knative',
  'kuma',
  'nginx',
  'skipper',
  'traefik',
] as const;

/** A parsed `-mesh-provider` / `spec.provider` value. */
export type Provider =
  | { kind: 'istio'; name: string }
  | { kind: 'kubernetes'; name: string }
  | { kind: 'smi'; name: string; version: SmiVersion; mesh: SmiMesh | undefined };

/** The provider strings Weir accepts, for error messages. */
export const providerExamples = [
  'istio',
  'kubernetes',
  'linkerd',
  'osm',
  'smi:v1alpha1[:<mesh>]',
  'smi:v1alpha2[:<mesh>]',
  'smi:v1alpha3[:<mesh>]',
  'smi:istio',
  'smi:linkerd',
] as const;

/** Why a provider string was refused. */
export class UnknownProviderError extends Error {
  readonly code = 'unknown-provider' as const;
  constructor(
    readonly provider: string,
    reason: string,
  ) {
    super(`unknown mesh provider '${provider}': ${reason}; valid providers: ${providerExamples.join(', ')}`);
    this.name = 'UnknownProviderError';
  }
}

/**
 * Parses a provider string. Unlike Flagger 1.44 (which silently falls back to Istio), anything unknown is
 * an error, and the guide's legacy `smi:istio` / `smi:linkerd` mean an SMI v1alpha1 TrafficSplit for that mesh.
 */
export function parseProvider(value: string): Provider {
  const name = value.trim();
  if (name === 'istio') return { kind: 'istio', name };
  if (name === 'kubernetes') return { kind: 'kubernetes', name };
  if (name === 'linkerd') return { kind: 'smi', name, version: 'v1alpha1', mesh: 'linkerd' };
  if (name === 'osm') return { kind: 'smi', name, version: 'v1alpha2', mesh: 'osm' };
  const parts = name.split(':');
  if (parts[0] === 'smi') {
    if (parts.length === 2 && (SmiMeshes as readonly string[]).includes(parts[1] ?? '')) {
      return { kind: 'smi', name, version: 'v1alpha1', mesh: parts[1] as SmiMesh };
    }
    const version = parts[1] ?? '';
    if (!(SmiVersions as readonly string[]).includes(version)) {
      throw new UnknownProviderError(
        name,
        `SMI needs a TrafficSplit version (${SmiVersions.join(', ')}) or a mesh (${SmiMeshes.join(', ')})`,
      );
    }
    if (parts.length > 3) throw new UnknownProviderError(name, 'expected smi:<version>[:<mesh>]');
    const mesh = parts[2];
    if (mesh !== undefined && !(SmiMeshes as readonly string[]).includes(mesh)) {
      throw new UnknownProviderError(name, `unknown SMI mesh '${mesh}' (known: ${SmiMeshes.join(', ')})`);
    }
    return { kind: 'smi', name, version: version as SmiVersion, mesh: mesh as SmiMesh | undefined };
  }
  if (
    (PlannedProviders as readonly string[]).includes(name) ||
    PlannedProviders.some((p) => name.startsWith(`${p}:`))
  ) {
    throw new UnknownProviderError(name, 'Flagger supports it but Weir does not implement it yet');
  }
  throw new UnknownProviderError(name, 'not a provider Weir knows');
}
