import { describe, expect, it } from 'vitest';
import { parseProvider, UnknownProviderError } from './providers.js';

describe('parseProvider', () => {
  it('reads every form Weir supports', () => {
    expect(parseProvider('istio')).toEqual({ kind: 'istio', name: 'istio' });
    expect(parseProvider('kubernetes')).toEqual({ kind: 'kubernetes', name: 'kubernetes' });
    expect(parseProvider('linkerd')).toEqual({
      kind: 'smi',
      name: 'linkerd',
      version: 'v1alpha1',
      mesh: 'linkerd',
    });
    expect(parseProvider('osm')).toEqual({ kind: 'smi', name: 'osm', version: 'v1alpha2', mesh: 'osm' });
    expect(parseProvider('smi:v1alpha3:linkerd')).toEqual({
      kind: 'smi',
      name: 'smi:v1alpha3:linkerd',
      version: 'v1alpha3',
      mesh: 'linkerd',
    });
    expect(parseProvider('smi:v1alpha2')).toEqual({
      kind: 'smi',
      name: 'smi:v1alpha2',
      version: 'v1alpha2',
      mesh: undefined,
    });
  });

  it("treats the guide's legacy smi:istio as SMI v1alpha1 for Istio, not as plain Istio", () => {
    expect(parseProvider('smi:istio')).toEqual({
      kind: 'smi',
      name: 'smi:istio',
      version: 'v1alpha1',
      mesh: 'istio',
    });
    expect(parseProvider('smi:linkerd')).toEqual({
      kind: 'smi',
      name: 'smi:linkerd',
      version: 'v1alpha1',
      mesh: 'linkerd',
    });
  });

  it('refuses unknown providers with a message that names them and what is valid', () => {
    expect(() => parseProvider('smi')).toThrow(UnknownProviderError);
    expect(() => parseProvider('smi:v2')).toThrow(/unknown mesh provider 'smi:v2'.*valid providers: istio/);
    expect(() => parseProvider('istio2')).toThrow(/not a provider Weir knows/);
    expect(() => parseProvider('contour')).toThrow(/does not implement it yet/);
    expect(() => parseProvider('smi:v1alpha1:consul')).toThrow(/unknown SMI mesh 'consul'/);
  });
});
