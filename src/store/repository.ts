import type { Container, ErrorResponse, SqlParameter } from '@azure/cosmos';
import type { ZodType } from 'zod';
import { ConcurrencyError, CorruptDocumentError, StoreUnavailableError } from '../domain/errors';
import type { ListOptions, Repository, Versioned } from '../domain/ports';

const SYSTEM_FIELDS = ['_rid', '_self', '_etag', '_ts', '_attachments'] as const;
const FIELD = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

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
    const clean: Record<string, unknown> = { ...raw };
    for (const f of SYSTEM_FIELDS) delete clean[f];
    const result = this.schema.safeParse(clean);
    if (!result.success) {
      throw new CorruptDocumentError(
        String(raw.id),
        result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      );
    }
    return { doc: result.data, etag };
  }

  private validate(doc: T): T {
    const result = this.schema.safeParse(doc);
    if (!result.success) {
      // A bug in our code, not bad user input: user input is validated before it gets here.
      throw new CorruptDocumentError(
        doc.id,
        result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      );
    }
    if (result.data.type !== this.type)
      throw new CorruptDocumentError(doc.id, `type ${result.data.type} in ${this.type} repository`);
    return result.data;
  }

  async get(tenantId: string, id: string): Promise<Versioned<T> | undefined> {
    try {
      const { resource, statusCode } = await this.container
        .item(id, tenantId)
        .read<Record<string, unknown>>();
      if (statusCode === 404 || !resource) return undefined;
      if (resource.type !== this.type || resource.tenantId !== tenantId) return undefined;
      return this.parse(resource);
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw wrap(err, `read of ${this.type} ${id}`);
    }
  }

  async create(doc: T): Promise<'created' | 'exists'> {
    const valid = this.validate(doc);
    try {
      await this.container.items.create(valid);
      return 'created';
    } catch (err) {
      if (statusOf(err) === 409) return 'exists';
      throw wrap(err, `create of ${this.type} ${doc.id}`);
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
      return this.parse(resource);
    } catch (err) {
      // 412: someone else wrote first; 404: it was deleted since we read it. Both are a race.
      const status = statusOf(err);
      if (status === 412 || status === 404) throw new ConcurrencyError(doc.id);
      throw wrap(err, `replace of ${this.type} ${doc.id}`);
    }
  }

  async delete(tenantId: string, id: string, etag?: string): Promise<boolean> {
    try {
      await this.container
        .item(id, tenantId)
        .delete(etag ? { accessCondition: { type: 'IfMatch', condition: etag } } : undefined);
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
    const clauses = ['c.tenantId = @tenantId', 'c.type = @type'];
    Object.entries(options.where ?? {}).forEach(([field, value], i) => {
      if (!FIELD.test(field)) throw new Error(`invalid field name ${field}`);
      clauses.push(`c.${field} = @p${i}`);
      parameters.push({ name: `@p${i}`, value });
    });
    Object.entries(options.arrayContains ?? {}).forEach(([field, value], i) => {
      if (!FIELD.test(field)) throw new Error(`invalid field name ${field}`);
      clauses.push(`ARRAY_CONTAINS(c.${field}, @a${i})`);
      parameters.push({ name: `@a${i}`, value });
    });
    if (options.idPrefix !== undefined) {
      clauses.push('STARTSWITH(c.id, @idPrefix)');
      parameters.push({ name: '@idPrefix', value: options.idPrefix });
    }
    let order = '';
    if (options.orderBy) {
      if (!FIELD.test(options.orderBy.field)) throw new Error(`invalid field name ${options.orderBy.field}`);
      order = ` ORDER BY c.${options.orderBy.field} ${options.orderBy.direction === 'DESC' ? 'DESC' : 'ASC'}`;
    }
    const top = options.limit !== undefined ? `TOP ${Math.max(1, Math.floor(options.limit))} ` : '';
    const query = `SELECT ${top}* FROM c WHERE ${clauses.join(' AND ')}${order}`;
    try {
      const { resources } = await this.container.items
        .query<Record<string, unknown>>({ query, parameters }, { partitionKey: tenantId })
        .fetchAll();
      return resources.filter((r) => r.tenantId === tenantId).map((r) => this.parse(r));
    } catch (err) {
      throw wrap(err, `query of ${this.type}`);
    }
  }
}
