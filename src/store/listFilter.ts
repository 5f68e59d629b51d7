import type { ListOptions } from '../domain/ports';

/** A field name `list` accepts (top-level or dotted); anything else is refused, never put into a query. */
export const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** Throws on a field name `list` must not accept (both stores refuse the same names). */
export function checkFieldNames(options: ListOptions): void {
  const fields = [
    ...Object.keys(options.where ?? {}),
    ...Object.keys(options.arrayContains ?? {}),
    ...(options.orderBy ? [options.orderBy.field] : []),
  ];
  for (const field of fields) if (!FIELD_NAME.test(field)) throw new Error(`invalid field name ${field}`);
}

function fieldOf(doc: Record<string, unknown>, path: string): unknown {
  let value: unknown = doc;
  for (const part of path.split('.')) value = (value as Record<string, unknown> | undefined)?.[part];
  return value;
}

/**
 * `Repository.list`'s filters over documents in memory: the same meaning as the SQL the Cosmos
 * repository sends (equality, ARRAY_CONTAINS, STARTSWITH on the id, ORDER BY, TOP). Used for a
 * turn's remembered reads and by the in-memory store.
 */
export function filterInMemory<D extends Record<string, unknown>>(docs: D[], options: ListOptions): D[] {
  let out = docs.filter(
    (d) =>
      Object.entries(options.where ?? {}).every(([f, v]) => fieldOf(d, f) === v) &&
      Object.entries(options.arrayContains ?? {}).every(([f, v]) => {
        const list = fieldOf(d, f);
        return Array.isArray(list) && list.includes(v);
      }) &&
      (options.idPrefix === undefined || String(d.id).startsWith(options.idPrefix)),
  );
  if (options.orderBy) {
    const { field, direction } = options.orderBy;
    const sign = direction === 'DESC' ? -1 : 1;
    out = [...out].sort((a, b) => {
      const x = fieldOf(a, field) as string | number;
      const y = fieldOf(b, field) as string | number;
      return x === y ? 0 : x < y ? -sign : sign;
    });
  }
  return options.limit !== undefined ? out.slice(0, Math.max(1, Math.floor(options.limit))) : out;
}
