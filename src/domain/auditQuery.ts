import type { AuditRecord } from './model';
import type { FilterValue, Repository } from './ports';

export const AUDIT_PAGE_SIZE = 20;
/** Deepest page offered: older events stay in the store but are not paged through in chat. */
export const AUDIT_MAX_OFFSET = 500;

export interface AuditFilter {
  /** aadObjectId of the person who acted. */
  person?: string;
  /** Action name, e.g. `roles.grant`. */
  action?: string;
}

export interface AuditPage {
  items: AuditRecord[];
  offset: number;
  hasMore: boolean;
}

/**
 * Newest events first, `AUDIT_PAGE_SIZE` at a time, optionally of one person or one action.
 * The offset travels in the card's data; each page is one query of at most offset + 21 rows
 * (the local store has no OFFSET), which stays cheap up to AUDIT_MAX_OFFSET.
 */
export async function auditPage(
  repo: Repository<AuditRecord>,
  tenantId: string,
  filter: AuditFilter,
  offset: number,
): Promise<AuditPage> {
  const start = Math.max(0, Math.min(AUDIT_MAX_OFFSET, Math.floor(offset)));
  const where: Record<string, FilterValue> = {};
  if (filter.person) where.actor = filter.person.toLowerCase();
  if (filter.action) where.action = filter.action;
  const rows = await repo.list(tenantId, {
    where,
    orderBy: { field: 'at', direction: 'DESC' },
    limit: start + AUDIT_PAGE_SIZE + 1,
  });
  const items = rows.slice(start, start + AUDIT_PAGE_SIZE).map((r) => r.doc);
  return {
    items,
    offset: start,
    hasMore: rows.length > start + AUDIT_PAGE_SIZE && start + AUDIT_PAGE_SIZE <= AUDIT_MAX_OFFSET,
  };
}
