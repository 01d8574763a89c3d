export { formatRfc3339Utc, humanDuration, parseRfc3339, translateTimestampSince } from './age.js';
export { builtinPrinter, defaultPrinter } from './builtin-printers.js';
export { crdPrinter, type PrinterColumn } from './crd-printer.js';
export { createdAtPrinter } from './misc-printers.js';
export {
  type BuildTableOptions,
  buildTable,
  type ColumnDefinition,
  type IncludeObject,
  type PartialObjectMetadata,
  type Table,
  type TableListMeta,
  type TablePrinter,
  type TableRow,
  type TableRowCondition,
} from './table-printer.js';
