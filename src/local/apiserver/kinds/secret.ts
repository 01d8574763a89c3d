import { isJsonObject } from '../model/object.js';
import type { KindBehaviour } from '../resources/resource-type.js';

/** Secrets default to `Opaque` and fold `stringData` into base64 `data`, as the real server does. */
export const secretBehaviour: KindBehaviour = {
  prepareForCreate(object) {
    object.type ??= 'Opaque';
    foldStringData(object);
  },
  prepareForUpdate(object, old) {
    object.type ??= old.type ?? 'Opaque';
    foldStringData(object);
  },
};

function foldStringData(object: Record<string, unknown>): void {
  if (!isJsonObject(object.stringData)) return;
  const data: Record<string, unknown> = isJsonObject(object.data) ? { ...object.data } : {};
  for (const [key, value] of Object.entries(object.stringData)) {
    data[key] = Buffer.from(String(value), 'utf8').toString('base64');
  }
  object.data = data;
  delete object.stringData;
}
