import { mutate, UNCHANGED } from '../domain/mutate';
import { addDays, toIsoDate } from '../domain/dates';
import { noticeId, type Locale, type Notice, type Tenant } from '../domain/model';
import type { Clock, TenantIndex } from '../domain/ports';
import type { Repositories } from '../domain/repositories';
import { USAGE_DIGEST_ITEM, usageFigures } from '../domain/usage';
import { translator } from '../i18n';
import type { Logger } from '../logger';
import { periodTitle, usageDigestView, type UsageAct } from '../features/reports/views';
import { ConnectorError } from './connector';
import type { Messenger } from './messenger';
import { renderUsageDigest } from '../features/reports/views';

export { USAGE_DIGEST_ITEM };

export type DigestFrequency = NonNullable<Tenant['usageDigest']>;

/** The period a day belongs to: `week-<its Monday>` or `month-<YYYY-MM>` (UTC). */
export function digestPeriod(frequency: Exclude<DigestFrequency, 'off'>, today: Date): string {
  const day = toIsoDate(today);
  if (frequency === 'monthly') return `month-${day.slice(0, 7)}`;
  const sinceMonday = (today.getUTCDay() + 6) % 7;
  return `week-${addDays(day, -sinceMonday)}`;
}

export interface UsageDigestDeps {
  repos: Repositories;
  tenantIndex: TenantIndex;
  messenger: Messenger;
  clock: Clock;
  logger: Logger;
  /** The buttons a channel's digest offers (each press is checked against the policy when it arrives). */
  channelActs: (locale: Locale) => UsageAct;
}

export interface DigestRun {
  sent: number;
  skipped: number;
  failed: number;
}

/**
 * Posts the utilisation digest to every channel that gets expiry reminders, once per period and
 * channel however many instances run it: the notice document (deterministic id from the period
 * and channel) is created before the send, and whoever did not create it sends nothing.
 */
export class UsageDigestSender {
  constructor(private readonly deps: UsageDigestDeps) {}

  async run(): Promise<DigestRun> {
    const out: DigestRun = { sent: 0, skipped: 0, failed: 0 };
    for (const tenantId of await this.deps.tenantIndex.tenantsWithNoticeSubscriptions()) {
      try {
        await this.runTenant(tenantId, out);
      } catch (err) {
        this.deps.logger.error({ tenant: tenantId, err }, 'usage digest failed for a tenant');
      }
    }
    return out;
  }

  private async runTenant(tenantId: string, out: DigestRun): Promise<void> {
    const { repos, messenger, clock } = this.deps;
    const tenant = (await repos.tenants.get(tenantId, 'tenant'))?.doc;
    const frequency = tenant?.usageDigest ?? 'weekly';
    if (frequency === 'off') return;
    const today = clock.now();
    const period = digestPeriod(frequency, today);
    const subs = await repos.noticeSubscriptions.list(tenantId, { where: { active: true } });
    if (subs.length === 0) return;
    const locale = tenant?.locale ?? 'en-US';
    const tr = translator(locale);
    const card = renderUsageDigest(
      usageDigestView(
        tr,
        await usageFigures(repos, tenantId, today),
        this.deps.channelActs(locale),
        tr.t('reports.usage.digestTitle', { period: periodTitle(locale, period) }),
      ),
    );
    for (const { doc: sub } of subs) {
      const notice: Notice = {
        type: 'notice',
        id: noticeId(USAGE_DIGEST_ITEM, period, sub.conversationId),
        tenantId,
        itemId: USAGE_DIGEST_ITEM,
        threshold: period,
        conversationId: sub.conversationId,
        state: 'pending',
        claimedAt: today.toISOString(),
        digest: true,
      };
      if ((await repos.notices.create(notice)) !== 'created') {
        out.skipped += 1;
        continue;
      }
      const ref = await messenger.conversation(tenantId, sub.conversationId);
      const observe = { retries: 0 };
      let patch: Partial<Notice>;
      try {
        const posted = ref ? await messenger.sendCard(ref, card, observe) : undefined;
        patch = posted
          ? {
              state: 'sent',
              sentAt: clock.now().toISOString(),
              activityId: posted.activityId,
              outcome: 'delivered',
            }
          : { state: 'failed', error: 'gone', outcome: 'botRemoved' };
      } catch (err) {
        const status = err instanceof ConnectorError ? err.status : 0;
        patch = {
          state: 'failed',
          error: `${status} ${(err as Error).message}`.slice(0, 300),
          outcome: status === 0 || status === 500 ? 'ambiguous' : 'throttled',
        };
      }
      if (patch.state === 'sent') out.sent += 1;
      else out.failed += 1;
      await this.mark(notice, { ...patch, retries: observe.retries, attemptedAt: today.toISOString() });
    }
  }

  private async mark(notice: Notice, patch: Partial<Notice>): Promise<void> {
    await mutate(this.deps.repos.notices, notice.tenantId, notice.id, (current) =>
      current ? { ...current, ...patch } : UNCHANGED,
    );
  }
}
