import type { ZodType } from 'zod';
import { CorruptDocumentError } from '../domain/errors';

/**
 * A stored document checked against its schema, for both stores: what is read back (a document
 * that fails is corrupt, never half-trusted) and what is about to be written (a bug in our code,
 * not bad user input: user input is validated before it gets here).
 */
export function checkedDocument<T>(schema: ZodType<T>, id: unknown, raw: unknown): T {
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new CorruptDocumentError(
      String(id),
      result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  }
  return result.data;
}

/** A document about to be written: valid, and of the repository's own type. */
export function documentToWrite<T extends { id: string; type: string }>(
  schema: ZodType<T>,
  type: string,
  doc: T,
): T {
  const valid = checkedDocument(schema, doc.id, doc);
  if (valid.type !== type) throw new CorruptDocumentError(doc.id, `type ${valid.type} in ${type} repository`);
  return valid;
}
