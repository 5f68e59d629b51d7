import { z } from 'zod';

/** The building blocks of every stored document's schema. */

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
export const isoInstant = z.iso.datetime({ offset: true });
export const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
export const localeSchema = z.enum(['en-US', 'zh-CN']);
export type Locale = z.infer<typeof localeSchema>;

/** Every document carries its tenant: the partition key. */
export const tenantScoped = { tenantId: guid };
