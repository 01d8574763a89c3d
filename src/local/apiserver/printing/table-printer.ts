import type { KubeObject, ObjectMeta } from '../model/object.js';
import { translateTimestampSince } from './age.js';
import { DESC } from './descriptions.js';

/** A `meta.k8s.io/v1` `TableColumnDefinition`; every field is always serialized. */
export interface ColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

/** A `meta.k8s.io/v1` `TableRowCondition` (the server marks finished pods `Completed`). */
export interface TableRowCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/** Renders one kind as table rows: the column definitions and the cells of one object. */
export interface TablePrinter {
  readonly columns: readonly ColumnDefinition[];
  /** One cell per column, wide (priority 1) columns included, as the server always sends them. */
  cells(obj: KubeObject, now: Date): unknown[];
  /** Row conditions, when the kind has any. */
  conditions?(obj: KubeObject): TableRowCondition[] | undefined;
}

/** The `includeObject` query parameter: what each row carries besides its cells. */
export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** The object metadata a row carries for `includeObject=Metadata`. */
export interface PartialObjectMetadata {
  kind: 'PartialObjectMetadata';
  apiVersion: 'meta.k8s.io/v1';
  metadata: ObjectMeta;
}

/** A `meta.k8s.io/v1` `TableRow`; `object` is `null` for `includeObject=None`, as Go serializes it. */
export interface TableRow {
  cells: unknown[];
  conditions?: TableRowCondition[];
  object: KubeObject | PartialObjectMetadata | null;
}

/** The `ListMeta` of a table; empty fields are omitted. */
export interface TableListMeta {
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
}

/** A `meta.k8s.io/v1` `Table`, the body of a server-side-printing `GET`. */
export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: TableListMeta;
  /** `null` when headers were suppressed (later events of a watch). */
  columnDefinitions: ColumnDefinition[] | null;
  rows: TableRow[];
}

/** Everything {@link buildTable} needs for one response. */
export interface BuildTableOptions {
  printer: TablePrinter;
  objects: readonly KubeObject[];
  now: Date;
  resourceVersion?: string;
  continueToken?: string;
  includeObject: IncludeObject;
  remainingItemCount?: number;
  /** Leave out the column definitions, as the server does after the first event of a watch. */
  noHeaders?: boolean;
}

/** Builds a column definition; `priority` 1 marks a column only `-o wide` shows. */
export function column(
  name: string,
  type: string,
  description: string,
  priority = 0,
  format = '',
): ColumnDefinition {
  return { name, type, format, description, priority };
}

/** The `Name` column every built-in table starts with. */
export const NAME_COLUMN: ColumnDefinition = column('Name', 'string', DESC.metaName, 0, 'name');

/** The `Age` column of the built-in printers (a string cell). */
export const AGE_COLUMN: ColumnDefinition = column('Age', 'string', DESC.metaCreationTimestamp);

/** The object's name, `''` when it has none. */
export function nameOf(obj: KubeObject): string {
  return obj.metadata.name ?? '';
}

/** The object's age, as the `Age` column shows it. */
export function ageOf(obj: KubeObject, now: Date): string {
  return translateTimestampSince(obj.metadata.creationTimestamp, now);
}

function rowObject(obj: KubeObject, includeObject: IncludeObject): TableRow['object'] {
  switch (includeObject) {
    case 'None':
      return null;
    case 'Object':
      return obj;
    case 'Metadata':
      return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
  }
}

/** Renders objects as the exact `Table` JSON the real server answers `Accept: …;as=Table;v=v1;g=meta.k8s.io` with. */
export function buildTable(options: BuildTableOptions): Table {
  const { printer, now, includeObject } = options;
  const metadata: TableListMeta = {};
  if (options.resourceVersion) metadata.resourceVersion = options.resourceVersion;
  if (options.continueToken) metadata.continue = options.continueToken;
  if (options.remainingItemCount !== undefined) metadata.remainingItemCount = options.remainingItemCount;
  const rows = options.objects.map((obj): TableRow => {
    const row: TableRow = { cells: printer.cells(obj, now), object: rowObject(obj, includeObject) };
    const conditions = printer.conditions?.(obj);
    if (conditions !== undefined && conditions.length > 0) {
      return { cells: row.cells, conditions, object: row.object };
    }
    return row;
  });
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: options.noHeaders ? null : printer.columns.map((c) => ({ ...c })),
    rows,
  };
}
