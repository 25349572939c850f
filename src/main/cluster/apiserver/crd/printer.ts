/**
 * The server-side Table of a custom resource (apiextensions-apiserver's tableconvertor): a Name
 * column, then the version's additionalPrinterColumns — or a single Age column when it declares
 * none. Cells follow the column type: `string` prints the first value the JSONPath finds as
 * kubectl's jsonpath printer would (objects and lists as JSON), `integer`/`number`/`boolean` pass
 * typed values, `date` becomes an age; nothing found is a null cell.
 */
import type { CustomResourceColumnDefinition } from '../../../../shared/api/apiextensions.js';
import type { KubeObject } from '../../../../shared/api/meta.js';
import { canonicalJson } from '../../../base/canonical-json.js';
import { age } from '../registry/printing.js';
import type { TablePrinter } from '../registry/resource.js';
import { type CompiledPath, compileJsonPath, evaluateJsonPath } from './jsonpath.js';

/** ObjectMeta's swagger doc for `name`, the Name column's description. */
const NAME_DESCRIPTION =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';

/** ObjectMeta's swagger doc for `creationTimestamp`, the default Age column's description. */
const CREATION_TIMESTAMP_DESCRIPTION =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

/** serveDefaultColumnsIfEmpty: Age from the creation timestamp when a version declares no columns. */
export function columnsOrDefault(columns: readonly CustomResourceColumnDefinition[] | undefined): CustomResourceColumnDefinition[] {
  if (columns && columns.length > 0) return [...columns];
  return [{ name: 'Age', type: 'date', description: CREATION_TIMESTAMP_DESCRIPTION, jsonPath: '.metadata.creationTimestamp' }];
}

type Cell = string | number | boolean | null;

export function customResourcePrinter(declared: readonly CustomResourceColumnDefinition[] | undefined): TablePrinter {
  const columns = columnsOrDefault(declared);
  const paths: Array<CompiledPath | undefined> = columns.map((c) => compileJsonPath(c.jsonPath ?? ''));
  return {
    columns: [
      { name: 'Name', type: 'string', format: 'name', description: NAME_DESCRIPTION, priority: 0 },
      ...columns.map((c) => ({ name: c.name ?? '', type: c.type ?? '', format: c.format ?? '', description: c.description ?? '', priority: c.priority ?? 0 })),
    ],
    cells: (obj: KubeObject, now: number): Cell[] => [
      obj.metadata.name ?? '',
      ...columns.map((column, i) => {
        const path = paths[i];
        const found = path ? evaluateJsonPath(path, obj) : [];
        return found.length === 0 ? null : cell(column.type ?? '', found[0], now);
      }),
    ],
  };
}

function cell(type: string, value: unknown, now: number): Cell {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'string':
      return printed(value);
    case 'integer':
      return typeof value === 'number' ? Math.trunc(value) : null;
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'date':
      if (typeof value !== 'string') return null;
      return Number.isNaN(Date.parse(value)) ? '<invalid>' : age(value, now);
    default:
      return null;
  }
}

/** jsonpath's PrintResults: maps and lists as compact JSON (keys sorted, as Go's encoder does), the rest as text. */
function printed(value: unknown): string {
  return typeof value === 'object' && value !== null ? canonicalJson(value) : String(value);
}
