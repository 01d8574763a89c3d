import { isJsonObject, type JsonObject, type KubeObject } from '../model/object.js';
import { crdPatchSchema } from '../patch/index.js';
import { crdPrinter } from '../printing/index.js';
import { compileStructuralSchema } from '../schema/index.js';
import { plainCodec } from './builtin-types.js';
import { type ResourceType, type ScaleSubresource, Verbs } from './resource-type.js';

type Json = Record<string, unknown>;

function objectAt(value: unknown): Json {
  return isJsonObject(value) ? value : {};
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The resource types a CRD serves: one per served version, all sharing the stored objects. */
export function typesFromCrd(crd: KubeObject): ResourceType[] {
  const spec = objectAt(crd.spec);
  const names = objectAt(spec.names);
  const group = String(spec.group ?? '');
  const kind = String(names.kind ?? '');
  const plural = String(names.plural ?? '');
  const versions = Array.isArray(spec.versions) ? spec.versions.filter(isJsonObject) : [];
  const storageVersion = String(versions.find((v) => v.storage === true)?.name ?? '');
  const storedApiVersion = `${group}/${storageVersion}`;
  return versions
    .filter((v) => v.served !== false)
    .map((version): ResourceType => {
      const name = String(version.name);
      const subresources = objectAt(version.subresources);
      const scale = isJsonObject(subresources.scale)
        ? (subresources.scale as unknown as ScaleSubresource)
        : undefined;
      const openApi = objectAt(objectAt(version.schema).openAPIV3Schema) as JsonObject;
      return {
        group,
        version: name,
        kind,
        listKind: String(names.listKind ?? `${kind}List`),
        plural,
        singular: String(names.singular ?? kind.toLowerCase()),
        namespaced: spec.scope === 'Namespaced',
        shortNames: strings(names.shortNames),
        categories: strings(names.categories),
        verbs: Verbs,
        subresources: { status: isJsonObject(subresources.status), ...(scale ? { scale } : {}) },
        storageKey: `${plural}.${group}`,
        tracksGeneration: true,
        printer: crdPrinter(
          Array.isArray(version.additionalPrinterColumns)
            ? (version.additionalPrinterColumns as never)
            : undefined,
        ),
        strategicPatchSchema: undefined,
        applyPatchSchema: crdPatchSchema(openApi),
        schema: compileStructuralSchema(openApi),
        behaviour: {},
        codec: plainCodec(`${group}/${name}`, kind, storedApiVersion),
        fields: (object) => ({
          'metadata.name': object.metadata.name ?? '',
          'metadata.namespace': object.metadata.namespace ?? '',
        }),
      };
    });
}
