import { addDays, daysUntil } from './dates';
import type { ConversationRef, Notice, NoticeSubscription } from './model';
import { DEFAULT_THRESHOLDS, expiringItems, wants, type ExpiringItem } from './notices';
import type { Repositories } from './repositories';

/**
 * What became of the bot's own reminders in one tenant: per channel the last scans, the notices
 * that did not arrive (and why), channels that were turned off, and what goes out next. Every read
 * is scoped to the asking tenant (the repositories put `tenantId` in each query's WHERE clause).
 */

/** Why a channel no longer gets reminders. */
export type ChannelOff = 'botRemoved' | 'conversationGone' | 'admin' | 'inactive';

export interface ChannelDelivery {
  subscription: NoticeSubscription;
  ref?: ConversationRef;
  off?: ChannelOff;
  /** Notices of this channel that did not simply arrive (failed, or arrived after retries), newest first. */
  problems: { notice: Notice; item?: ExpiringItem }[];
}

export interface NextNotice {
  item: ExpiringItem;
  /** `'30'`, `'7'`, `'1'` … or `'expired'`. */
  threshold: string;
  /** The day (UTC) the notice is due. */
  on: string;
  channels: number;
}

export interface DeliveryReport {
  channels: ChannelDelivery[];
  next: NextNotice[];
}

const PROBLEMS_PER_CHANNEL = 5;
const NOTICES_READ = 200;
const NEXT_SHOWN = 6;

/** The next threshold an item crosses after today, and on which day. */
export function nextThreshold(
  today: Date,
  expiresOn: string,
  thresholds: readonly number[] = DEFAULT_THRESHOLDS,
): { threshold: string; on: string } | undefined {
  const left = daysUntil(today, expiresOn);
  if (left < 0) return undefined;
  const next = [...thresholds].sort((a, b) => b - a).find((t) => t < left);
  if (next === undefined) return { threshold: 'expired', on: addDays(expiresOn, 1) };
  return { threshold: String(next), on: addDays(expiresOn, -next) };
}

function offReason(sub: NoticeSubscription, ref: ConversationRef | undefined): ChannelOff | undefined {
  if (sub.active) return undefined;
  if (sub.disabledReason === 'turned off by an admin') return 'admin';
  const why = ref?.inactiveReason ?? '';
  if (why.startsWith('404')) return 'conversationGone';
  if (why.startsWith('403') || why === 'uninstalled' || /removed/.test(sub.disabledReason ?? ''))
    return 'botRemoved';
  return 'inactive';
}

export async function deliveryReport(
  repos: Repositories,
  tenantId: string,
  today: Date,
): Promise<DeliveryReport> {
  const [tenant, subs, refs, notices, items] = await Promise.all([
    repos.tenants.get(tenantId, 'tenant'),
    repos.noticeSubscriptions.list(tenantId),
    repos.conversationRefs.list(tenantId, { where: { scope: 'channel' } }),
    repos.notices.list(tenantId, { orderBy: { field: 'claimedAt', direction: 'DESC' }, limit: NOTICES_READ }),
    expiringItems(repos, tenantId),
  ]);
  const refOf = new Map(refs.map((r) => [r.doc.conversationId, r.doc]));
  const itemOf = new Map(items.map((i) => [i.itemId, i]));
  const channels = subs
    .map(({ doc: sub }) => {
      const ref = refOf.get(sub.conversationId);
      const problems = notices
        .map((n) => n.doc)
        .filter(
          (n) =>
            n.conversationId === sub.conversationId &&
            (n.state === 'failed' || (n.retries ?? 0) > 0) &&
            // Documents written before outcomes were recorded say nothing useful.
            (n.state === 'failed' || n.outcome !== undefined),
        )
        .slice(0, PROBLEMS_PER_CHANNEL)
        .map((notice) => ({ notice, item: itemOf.get(notice.itemId) }));
      return { subscription: sub, ref, off: offReason(sub, ref), problems };
    })
    .sort((a, b) => Number(a.subscription.active === false) - Number(b.subscription.active === false));
  const thresholds = tenant?.doc.noticeThresholds ?? DEFAULT_THRESHOLDS;
  const active = subs.filter((s) => s.doc.active).map((s) => s.doc);
  const next = items
    .map((item) => {
      const n = nextThreshold(today, item.expiresOn, thresholds);
      const listening = active.filter((s) => wants(s.categories, item)).length;
      return n && listening > 0 ? { item, ...n, channels: listening } : undefined;
    })
    .filter((n): n is NextNotice => n !== undefined)
    .sort((a, b) => a.on.localeCompare(b.on) || a.item.name.localeCompare(b.item.name))
    .slice(0, NEXT_SHOWN);
  return { channels, next };
}
