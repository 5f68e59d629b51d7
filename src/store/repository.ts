import { BulkOperationType, type Container, type ErrorResponse, type SqlParameter } from '@azure/cosmos';
import type { ZodType } from 'zod';
import { ConcurrencyError, CorruptDocumentError, StoreUnavailableError } from '../domain/errors';
import { checkedDocument, documentToWrite } from './documents';
import type { ListFilter, ListOptions, Repository, Selection, Versioned } from '../domain/ports';
import { FIELD_NAME as FIELD, filterInMemory } from './listFilter';
import { currentTurnReads, docKey, filterKey, listKey, type TurnReads } from './turnCache';

const SYSTEM_FIELDS = ['_rid', '_self', '_etag', '_ts', '_attachments'] as const;

function statusOf(err: unknown): number | undefined {
  const code = (err as ErrorResponse | undefined)?.code;
  return typeof code === 'number' ? code : undefined;
}

/** Anything but a rule the store enforces (404/409/412) means the store failed: say where. */
function wrap(err: unknown, what: string): Error {
  if (err instanceof ConcurrencyError || err instanceof CorruptDocumentError) return err;
  const status = statusOf(err);
  const detail = status ? `HTTP ${status}` : err instanceof Error ? err.message : String(err);
  return new StoreUnavailableError(`store ${what} failed: ${detail}`, { cause: err });
}

/**
 * Every page of a query, with no query-plan request: @azure/cosmos 4.9 sends one with every
 * `fetchAll()`/`fetchNext()` (in parallel, needed only if the server refuses the query as
 * cross-partition), even when a partition key makes it single-partition. Here the plan is asked
 * for only when the server says it needs one. Falls back to the SDK's own way if its internals
 * are not what this expects.
 */
export async function queryAll(
  container: Container,
  query: string,
  parameters: SqlParameter[],
  partitionKey: string,
): Promise<Record<string, unknown>[]> {
  const iterator = container.items.query<Record<string, unknown>>({ query, parameters }, { partitionKey });
  const internals = iterator as unknown as {
    fetchQueryPlan?: (node: unknown) => Promise<unknown>;
    createExecutionContext?: (node: unknown) => Promise<void>;
    queryPlanPromise?: Promise<unknown>;
  };
  const fetchPlan = internals.fetchQueryPlan;
  const createContext = internals.createExecutionContext;
  if (typeof fetchPlan === 'function' && typeof createContext === 'function') {
    internals.fetchQueryPlan = () => Promise.resolve(undefined);
    internals.createExecutionContext = async function (this: typeof internals, node: unknown) {
      this.queryPlanPromise = undefined;
      this.queryPlanPromise = fetchPlan.call(this, node);
      return createContext.call(this, node);
    };
  }
  const { resources } = await iterator.fetchAll();
  return resources;
}

/** The SQL conditions of a filter (`c.…`), its parameters named with `tag` so several can share a query. */
function filterClauses(filter: ListFilter, parameters: SqlParameter[], tag = ''): string[] {
  const clauses: string[] = [];
  Object.entries(filter.where ?? {}).forEach(([field, value], i) => {
    if (!FIELD.test(field)) throw new Error(`invalid field name ${field}`);
    clauses.push(`c.${field} = @p${tag}${i}`);
    parameters.push({ name: `@p${tag}${i}`, value });
  });
  Object.entries(filter.arrayContains ?? {}).forEach(([field, value], i) => {
    if (!FIELD.test(field)) throw new Error(`invalid field name ${field}`);
    clauses.push(`ARRAY_CONTAINS(c.${field}, @a${tag}${i})`);
    parameters.push({ name: `@a${tag}${i}`, value });
  });
  if (filter.idPrefix !== undefined) {
    clauses.push(`STARTSWITH(c.id, @idPrefix${tag})`);
    parameters.push({ name: `@idPrefix${tag}`, value: filter.idPrefix });
  }
  return clauses;
}

/**
 * One query for several document types of one tenant (`c.type IN (…)`, tenant id in the WHERE
 * clause): what a read turn needs, in one store request, remembered for the rest of the turn.
 * `selections` add the documents of other types that match a filter (a person's own requests,
 * the holders of a role) to the same query; a later `list` with that filter is served from them.
 * Outside a turn it does nothing (nothing would remember it).
 */
export async function prefetchTenant(
  container: Container,
  tenantId: string,
  types: readonly string[],
  selections: readonly Selection[] = [],
): Promise<void> {
  const reads = currentTurnReads();
  if (!reads) return;
  const missing = types.filter((t) => !reads.lists.has(listKey(t, tenantId)));
  const wanted = selections.filter(
    (s) =>
      !reads.lists.has(listKey(s.type, tenantId)) &&
      !reads.filtered.has(filterKey(s.type, tenantId, s.filter)),
  );
  if (missing.length === 0 && wanted.length === 0) return;
  const parameters: SqlParameter[] = [{ name: '@tenantId', value: tenantId }];
  const names = missing.map((t, i) => {
    parameters.push({ name: `@t${i}`, value: t });
    return `@t${i}`;
  });
  const alternatives = names.length > 0 ? [`c.type IN (${names.join(', ')})`] : [];
  wanted.forEach((s, i) => {
    parameters.push({ name: `@s${i}`, value: s.type });
    alternatives.push(
      `(${[`c.type = @s${i}`, ...filterClauses(s.filter, parameters, `s${i}_`)].join(' AND ')})`,
    );
  });
  let rows: Record<string, unknown>[];
  try {
    rows = await queryAll(
      container,
      `SELECT * FROM c WHERE c.tenantId = @tenantId AND (${alternatives.join(' OR ')})`,
      parameters,
      tenantId,
    );
  } catch (err) {
    throw wrap(err, `snapshot of tenant ${tenantId}`);
  }
  const byType = new Map<string, Record<string, unknown>[]>(missing.map((t) => [t, []]));
  for (const row of rows) {
    if (row.tenantId !== tenantId) continue;
    byType.get(String(row.type))?.push(row);
  }
  for (const [type, docs] of byType) {
    reads.lists.set(listKey(type, tenantId), docs);
    for (const d of docs) reads.docs.set(docKey(type, tenantId, String(d.id)), d);
  }
  for (const s of wanted) {
    const docs = filterInMemory(
      rows.filter((r) => r.tenantId === tenantId && r.type === s.type),
      s.filter,
    );
    reads.filtered.set(filterKey(s.type, tenantId, s.filter), docs);
    for (const d of docs) reads.docs.set(docKey(s.type, tenantId, String(d.id)), d);
  }
}

/**
 * Valid documents by type, tenant, id and ETag, as JSON, most recently used last. The store
 * gives every version of a document a new ETag, so this is a pure function of what was just read:
 * the document is still read from the store every time (a changed role has a new ETag and is
 * checked afresh); only validating the same version again is saved. zod is by far the dearest
 * part of reading a document in a running bot; parsing the kept JSON costs little. Bounded by
 * characters kept; every read gets its own copy.
 */
const validated = new Map<string, string>();
let validatedChars = 0;
/** About 4 MB of strings, a few thousand typical documents. */
export const VALIDATED_DOCS_MAX_CHARS = 2_000_000;

function keepValidated(key: string, json: string): void {
  validated.set(key, json);
  validatedChars += key.length + json.length;
  for (const [k, v] of validated) {
    if (validatedChars <= VALIDATED_DOCS_MAX_CHARS) break;
    validated.delete(k);
    validatedChars -= k.length + v.length;
  }
}

/** Characters the kept documents hold now (keys and JSON), never over `VALIDATED_DOCS_MAX_CHARS`. */
export function keptDocumentChars(): number {
  return validatedChars;
}

/**
 * A repository for one document type in the `entities` container: validated with zod on the
 * way in and out, optimistic concurrency on every update, every query scoped by tenant id in
 * its WHERE clause (the partition key alone is not enough: the local server ignores it).
 */
export class CosmosRepository<
  T extends { id: string; tenantId: string; type: string },
> implements Repository<T> {
  constructor(
    private readonly container: Container,
    private readonly type: T['type'],
    private readonly schema: ZodType<T>,
  ) {}

  private parse(raw: Record<string, unknown>): Versioned<T> {
    const etag = typeof raw._etag === 'string' ? raw._etag : '';
    const key = etag ? `${this.type}|${String(raw.tenantId)}|${String(raw.id)}|${etag}` : undefined;
    const known = key === undefined ? undefined : validated.get(key);
    if (key !== undefined && known !== undefined) {
      validated.delete(key);
      validated.set(key, known);
      return { doc: JSON.parse(known) as T, etag };
    }
    // The store's own fields are left to the schema, which drops what it does not name (a copy
    // without them, made by deleting, was slower to copy and then to parse than the document).
    const parsed = checkedDocument(this.schema, raw.id, raw);
    const doc = parsed as Record<string, unknown>;
    // A schema that keeps unknown fields would keep them too: never hand them on.
    for (const f of SYSTEM_FIELDS) if (f in doc) delete doc[f];
    if (key !== undefined) {
      const json = JSON.stringify(doc);
      if (key.length + json.length <= VALIDATED_DOCS_MAX_CHARS / 10) keepValidated(key, json);
    }
    return { doc: parsed, etag };
  }

  private validate(doc: T): T {
    return documentToWrite(this.schema, this.type, doc);
  }

  async get(tenantId: string, id: string): Promise<Versioned<T> | undefined> {
    const reads = currentTurnReads();
    const key = docKey(this.type, tenantId, id);
    if (reads?.docs.has(key)) {
      const known = reads.docs.get(key);
      return known ? this.parse(known) : undefined;
    }
    // The whole type was read in this turn: what it did not hold does not exist.
    if (reads?.lists.has(listKey(this.type, tenantId))) return undefined;
    // Not remembered: only what a tenant snapshot read is (a loop that waits for another
    // writer re-reads a document and must see the change).
    const raw = await this.read(tenantId, id);
    return raw ? this.parse(raw) : undefined;
  }

  private async read(tenantId: string, id: string): Promise<Record<string, unknown> | undefined> {
    try {
      const { resource, statusCode } = await this.container
        .item(id, tenantId)
        .read<Record<string, unknown>>();
      if (statusCode === 404 || !resource) return undefined;
      if (resource.type !== this.type || resource.tenantId !== tenantId) return undefined;
      return resource;
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw wrap(err, `read of ${this.type} ${id}`);
    }
  }

  /** A write in this turn: forget what this turn read of that document and of the type's lists. */
  private wrote(tenantId: string, id: string, raw?: Record<string, unknown> | null): void {
    const reads: TurnReads | undefined = currentTurnReads();
    if (!reads) return;
    const key = docKey(this.type, tenantId, id);
    // Only what a snapshot of this turn holds is kept current; anything else is read afresh.
    if (raw === undefined || !reads.docs.has(key)) reads.docs.delete(key);
    else reads.docs.set(key, raw ?? undefined);
    reads.lists.delete(listKey(this.type, tenantId));
    const prefix = `${listKey(this.type, tenantId)}|`;
    for (const k of [...reads.filtered.keys()]) if (k.startsWith(prefix)) reads.filtered.delete(k);
  }

  async createWith<U extends { id: string; tenantId: string; type: string }>(
    doc: T,
    other: Repository<U>,
    otherDoc: U,
  ): Promise<Versioned<T> | 'exists'> {
    const valid = this.validate(doc);
    // Only a document of this container and partition can share the request.
    if (
      !(other instanceof CosmosRepository) ||
      other.container !== this.container ||
      otherDoc.tenantId !== valid.tenantId
    ) {
      const created = await this.insert(valid);
      if (created !== 'exists') await other.create(otherDoc);
      return created;
    }
    const also = (other as CosmosRepository<U>).validate(otherDoc);
    try {
      const { result } = await this.container.items.batch(
        [
          { operationType: BulkOperationType.Create, resourceBody: valid },
          { operationType: BulkOperationType.Create, resourceBody: also },
        ],
        valid.tenantId,
      );
      const status = result?.[0]?.statusCode ?? 0;
      if (status === 409) return 'exists';
      const failed = (result ?? []).find((r) => r.statusCode >= 400);
      if (!result || failed)
        throw new StoreUnavailableError(
          `store batch create of ${this.type} ${doc.id} failed: HTTP ${failed?.statusCode ?? '?'}`,
        );
      // The ETag the store gave the new document (without one, a later `mutate` reads first).
      return { doc: valid, etag: result[0].eTag ?? '' };
    } catch (err) {
      if (err instanceof StoreUnavailableError) throw err;
      if (statusOf(err) === 409) return 'exists';
      throw wrap(err, `batch create of ${this.type} ${doc.id}`);
    } finally {
      this.wrote(valid.tenantId, valid.id);
      (other as CosmosRepository<U>).wrote(also.tenantId, also.id);
    }
  }

  async create(doc: T): Promise<'created' | 'exists'> {
    return (await this.insert(this.validate(doc))) === 'exists' ? 'exists' : 'created';
  }

  async createStored(doc: T): Promise<Versioned<T> | 'exists'> {
    return this.insert(this.validate(doc));
  }

  /** Creates a validated document; the stored version, or `'exists'`. */
  private async insert(valid: T): Promise<Versioned<T> | 'exists'> {
    try {
      const { resource } = await this.container.items.create<Record<string, unknown>>(valid);
      return { doc: valid, etag: typeof resource?._etag === 'string' ? resource._etag : '' };
    } catch (err) {
      if (statusOf(err) === 409) return 'exists';
      throw wrap(err, `create of ${this.type} ${valid.id}`);
    } finally {
      this.wrote(valid.tenantId, valid.id);
    }
  }

  async replace(doc: T, etag: string): Promise<Versioned<T>> {
    const valid = this.validate(doc);
    try {
      const { resource } = await this.container
        .item(valid.id, valid.tenantId)
        .replace<Record<string, unknown>>(valid, { accessCondition: { type: 'IfMatch', condition: etag } });
      if (!resource)
        throw new StoreUnavailableError(`store replace of ${this.type} ${doc.id} returned nothing`);
      this.wrote(valid.tenantId, valid.id, resource);
      return this.parse(resource);
    } catch (err) {
      this.wrote(valid.tenantId, valid.id);
      // 412: someone else wrote first; 404: it was deleted since we read it. Both are a race.
      const status = statusOf(err);
      if (status === 412 || status === 404) throw new ConcurrencyError(doc.id);
      throw wrap(err, `replace of ${this.type} ${doc.id}`);
    }
  }

  async delete(tenantId: string, id: string, etag?: string): Promise<boolean> {
    try {
      this.wrote(tenantId, id);
      await this.container
        .item(id, tenantId)
        .delete(etag ? { accessCondition: { type: 'IfMatch', condition: etag } } : undefined);
      this.wrote(tenantId, id, null);
      return true;
    } catch (err) {
      const status = statusOf(err);
      if (status === 404) return false;
      if (status === 412) throw new ConcurrencyError(id);
      throw wrap(err, `delete of ${this.type} ${id}`);
    }
  }

  async list(tenantId: string, options: ListOptions = {}): Promise<Versioned<T>[]> {
    const parameters: SqlParameter[] = [
      { name: '@tenantId', value: tenantId },
      { name: '@type', value: this.type },
    ];
    const clauses = ['c.tenantId = @tenantId', 'c.type = @type', ...filterClauses(options, parameters)];
    let order = '';
    if (options.orderBy) {
      if (!FIELD.test(options.orderBy.field)) throw new Error(`invalid field name ${options.orderBy.field}`);
      order = ` ORDER BY c.${options.orderBy.field} ${options.orderBy.direction === 'DESC' ? 'DESC' : 'ASC'}`;
    }
    const top = options.limit !== undefined ? `TOP ${Math.max(1, Math.floor(options.limit))} ` : '';
    const query = `SELECT ${top}* FROM c WHERE ${clauses.join(' AND ')}${order}`;
    const reads = currentTurnReads();
    const all = reads?.lists.get(listKey(this.type, tenantId));
    if (all) return filterInMemory(all, options).map((r) => this.parse(r));
    const picked = reads?.filtered.get(filterKey(this.type, tenantId, options));
    if (picked) return filterInMemory(picked, options).map((r) => this.parse(r));
    try {
      const rows = await queryAll(this.container, query, parameters, tenantId);
      return rows.filter((r) => r.tenantId === tenantId).map((r) => this.parse(r));
    } catch (err) {
      throw wrap(err, `query of ${this.type}`);
    }
  }
}
