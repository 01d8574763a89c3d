import { isJsonObject, type JsonObject, type KubeObject } from '../model/object.js';
import { crdPatchSchema } from '../patch/index.js';
import { crdPrinter } from '../printing/index.js';
import { compileStructuralSchema, type StructuralSchema } from '../schema/index.js';
import { type ResourceType, type ScaleSubresource, Verbs, type VersionCodec } from './resource-type.js';

type Json = Record<string, unknown>;

function objectAt(value: unknown): Json {
  return isJsonObject(value) ? value : {};
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * One served version's codec under conversion strategy `None`: only `apiVersion` changes, and the result
 * is pruned by the target version's schema, as kube-apiserver's converter does. An object stored at
 * another version is also defaulted by the served schema on the way out (the real server defaults what it
 * reads from etcd) — so a field one version does not declare is neither served nor stored through it.
 */
function crdCodec(
  apiVersion: string,
  kind: string,
  schema: StructuralSchema,
  storage: { apiVersion: string; schema: StructuralSchema | undefined },
): VersionCodec {
  return {
    toServed(stored) {
      if (stored.apiVersion === apiVersion) return { ...stored, apiVersion, kind };
      const served = structuredClone({ ...stored, apiVersion, kind });
      schema.prune(served);
      schema.applyDefaults(served);
      return served;
    },
    toStored(served) {
      if (served.apiVersion === storage.apiVersion || !storage.schema) {
        return { ...served, apiVersion: storage.apiVersion, kind };
      }
      const stored = structuredClone({ ...served, apiVersion: storage.apiVersion, kind });
      storage.schema.prune(stored);
      return stored;
    },
  };
}

/** The resource types a CRD serves: one per served version, all sharing the stored objects. */
export function typesFromCrd(crd: KubeObject): ResourceType[] {
  const spec = objectAt(crd.spec);
  const names = objectAt(spec.names);
  const group = String(spec.group ?? '');
  const kind = String(names.kind ?? '');
  const plural = String(names.plural ?? '');
  const versions = Array.isArray(spec.versions) ? spec.versions.filter(isJsonObject) : [];
  const storageSpec = versions.find((v) => v.storage === true);
  const storage = {
    apiVersion: `${group}/${String(storageSpec?.name ?? '')}`,
    schema: storageSpec
      ? compileStructuralSchema(objectAt(objectAt(storageSpec.schema).openAPIV3Schema) as JsonObject)
      : undefined,
  };
  return versions
    .filter((v) => v.served !== false)
    .map((version): ResourceType => {
      const name = String(version.name);
      const subresources = objectAt(version.subresources);
      const scale = isJsonObject(subresources.scale)
        ? (subresources.scale as unknown as ScaleSubresource)
        : undefined;
      const openApi = objectAt(objectAt(version.schema).openAPIV3Schema) as JsonObject;
      const schema = compileStructuralSchema(openApi);
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
        schema,
        behaviour: {},
        codec: crdCodec(`${group}/${name}`, kind, schema, storage),
        fields: (object) => ({
          'metadata.name': object.metadata.name ?? '',
          'metadata.namespace': object.metadata.namespace ?? '',
        }),
      };
    });
}
