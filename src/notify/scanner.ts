import { type AdaptiveCard } from '../cards';
import { ConcurrencyError } from '../domain/errors';
import { mutate, UNCHANGED } from '../domain/mutate';
import {
  conversationRefId,
  noticeId,
  type ConversationRef,
  personLocale,
  subscriptionId,
  type Notice,
  type NoticeOutcome,
  type NoticeSubscription,
} from '../domain/model';
import { DEFAULT_THRESHOLDS, dueThreshold, expiringItems, wants, type ExpiringItem } from '../domain/notices';
import type { Clock, TenantIndex, Versioned } from '../domain/ports';
import type { Repositories } from '../domain/repositories';
import { translator } from '../i18n';
import type { Logger } from '../logger';
import { expiryDigestView, expiryNoticeView } from '../features/notices/views';
import { ConnectorError } from './connector';
import type { LeaseManager } from './lease';
import type { Messenger } from './messenger';
import { renderExpiryDigest, renderExpiryNotice } from '../features/notices/views';

export const SCANNER_LEASE = 'expiry-scanner';

/**
 * A chat-triggered run covers the actor's tenant only, under its own lease. It may overlap a
 * global run: both claim each notice through its deterministic id before sending, so every notice
 * still goes out once.
 */
export const tenantScanLease = (tenantId: string): string => `${SCANNER_LEASE}:tenant:${tenantId}`;

export interface ScanScope {
  /** Only this tenant's channels and items (a run asked for in chat); omitted = every tenant. */
  tenantId?: string;
}

export interface ScanReport {
  startedAt: string;
  finishedAt: string;
  /** false when another instance held the lease: nothing was done here. */
  ran: boolean;
  tenants: number;
  channels: number;
  sent: number;
  skipped: number;
  failed: number;
  digests: number;
  disabledChannels: number;
}

export interface ScannerDeps {
  repos: Repositories;
  tenantIndex: TenantIndex;
  messenger: Messenger;
  lease: LeaseManager;
  clock: Clock;
  logger: Logger;
  /** More than this many items crossing at once in one channel go out as one digest card. */
  digestAbove: number;
  /** A pending notice claimed longer ago than this belongs to a run that died: take it over. */
  staleClaimMs: number;
}

/** One card and the notices it tells of (with the versions their claims wrote, when known). */
interface Batch {
  card: AdaptiveCard;
  notices: Notice[];
  stored?: (Versioned<Notice> | undefined)[];
  digest: boolean;
}

/** Connector failures after which the message certainly was not posted: try again next run. */
const RESENDABLE = new Set([412, 429, 502, 504]);

/** A 500 or no answer at all may have been posted: never resent without an admin's word. */
function failureOutcome(status: number): NoticeOutcome {
  if (RESENDABLE.has(status)) return 'throttled';
  if (status === 403) return 'botRemoved';
  if (status === 404) return 'conversationGone';
  if (status === 0 || status >= 500) return 'ambiguous';
  return 'rejected';
}

/**
 * Finds what crosses a threshold and tells the subscribed channels, exactly once per item,
 * threshold and channel: the notice document (deterministic id) is created before the send and
 * marked sent after it; one scanner runs at a time across instances (lease).
 */
export class ExpiryScanner {
  private last?: ScanReport;

  constructor(private readonly deps: ScannerDeps) {}

  lastReport(): ScanReport | undefined {
    return this.last;
  }

  async run(scope: ScanScope = {}): Promise<ScanReport> {
    const { deps } = this;
    const leaseName = scope.tenantId ? tenantScanLease(scope.tenantId) : SCANNER_LEASE;
    const report: ScanReport = {
      startedAt: deps.clock.now().toISOString(),
      finishedAt: '',
      ran: false,
      tenants: 0,
      channels: 0,
      sent: 0,
      skipped: 0,
      failed: 0,
      digests: 0,
      disabledChannels: 0,
    };
    if (!(await deps.lease.acquire(leaseName))) {
      report.finishedAt = deps.clock.now().toISOString();
      deps.logger.info(
        { ...report, tenant: scope.tenantId },
        'expiry scan skipped: another instance holds the lease',
      );
      return report;
    }
    report.ran = true;
    const renew = setInterval(
      () => {
        void deps.lease.renew(leaseName).catch(() => false);
      },
      Math.max(1000, deps.staleClaimMs / 3),
    );
    renew.unref();
    try {
      const tenants = scope.tenantId
        ? [scope.tenantId]
        : await deps.tenantIndex.tenantsWithNoticeSubscriptions();
      for (const tenantId of tenants) {
        report.tenants += 1;
        await this.scanTenant(tenantId, report);
      }
    } finally {
      clearInterval(renew);
      await deps.lease.release(leaseName);
    }
    report.finishedAt = deps.clock.now().toISOString();
    // The last-run report (behind the notify secret) describes global runs only.
    if (!scope.tenantId) this.last = report;
    deps.logger.info({ ...report, tenant: scope.tenantId }, 'expiry scan finished');
    return report;
  }

  private async scanTenant(tenantId: string, report: ScanReport): Promise<void> {
    const { repos, clock } = this.deps;
    const [tenant, subs, items] = await Promise.all([
      repos.tenants.get(tenantId, 'tenant'),
      repos.noticeSubscriptions.list(tenantId, { where: { active: true } }),
      expiringItems(repos, tenantId),
    ]);
    const thresholds = tenant?.doc.noticeThresholds ?? DEFAULT_THRESHOLDS;
    const locale = tenant?.doc.locale ?? 'en-US';
    const today = clock.now();
    const due = items
      .map((item) => ({ item, threshold: dueThreshold(today, item.expiresOn, thresholds) }))
      .filter((d): d is { item: ExpiringItem; threshold: string } => d.threshold !== undefined);
    // Channels in parallel: the connector's rate limiter paces them within Teams' limits.
    await Promise.all(
      subs.map(async ({ doc: sub }) => {
        report.channels += 1;
        await this.scanChannel(
          sub,
          due.filter((d) => wants(sub.categories, d.item)),
          sub.locale ?? locale,
          report,
        );
      }),
    );
  }

  /** Claims each due notice for this channel; returns the ones this run must send. */
  private async claim(
    sub: NoticeSubscription,
    due: { item: ExpiringItem; threshold: string }[],
    report: ScanReport,
  ) {
    const { repos, clock, staleClaimMs } = this.deps;
    // With the version just written, when the store says it: marking it sent needs no read.
    const mine: { item: ExpiringItem; notice: Notice; stored?: Versioned<Notice> }[] = [];
    for (const d of due) {
      const now = clock.now();
      const notice: Notice = {
        type: 'notice',
        id: noticeId(d.item.itemId, d.threshold, sub.conversationId),
        tenantId: sub.tenantId,
        itemId: d.item.itemId,
        threshold: d.threshold,
        conversationId: sub.conversationId,
        state: 'pending',
        claimedAt: now.toISOString(),
        digest: false,
      };
      const created = repos.notices.createStored
        ? await repos.notices.createStored(notice)
        : await repos.notices.create(notice);
      if (created !== 'exists') {
        mine.push({ item: d.item, notice, stored: created === 'created' ? undefined : created });
        continue;
      }
      const existing = await repos.notices.get(sub.tenantId, notice.id);
      const e = existing?.doc;
      const resendable =
        e?.state === 'failed' && e.error !== undefined && RESENDABLE.has(Number(e.error.split(' ')[0]));
      const abandoned = e?.state === 'pending' && now.getTime() - Date.parse(e.claimedAt) > staleClaimMs;
      if (!existing || !(resendable || abandoned)) {
        report.skipped += 1;
        continue;
      }
      try {
        const taken = await repos.notices.replace(
          { ...existing.doc, state: 'pending', claimedAt: now.toISOString(), error: undefined },
          existing.etag,
        );
        mine.push({ item: d.item, notice: taken.doc, stored: taken });
      } catch (err) {
        if (!(err instanceof ConcurrencyError)) throw err;
        report.skipped += 1;
      }
    }
    return mine;
  }

  private async scanChannel(
    sub: NoticeSubscription,
    due: { item: ExpiringItem; threshold: string }[],
    locale: 'en-US' | 'zh-CN',
    report: ScanReport,
  ) {
    if (due.length === 0) return;
    const stats = { sent: 0, failed: 0, skipped: 0, retried: 0 };
    try {
      await this.sendDue(sub, due, locale, report, stats);
    } finally {
      await this.recordScan(sub, stats).catch((err: unknown) =>
        this.deps.logger.warn({ tenant: sub.tenantId, err }, 'could not record a channel scan'),
      );
    }
  }

  private async sendDue(
    sub: NoticeSubscription,
    due: { item: ExpiringItem; threshold: string }[],
    locale: 'en-US' | 'zh-CN',
    report: ScanReport,
    stats: { sent: number; failed: number; skipped: number; retried: number },
  ) {
    const { messenger, clock } = this.deps;
    const ref = await messenger.conversation(sub.tenantId, sub.conversationId);
    if (!ref) {
      await this.disable(sub, 'conversation reference inactive', report);
      return;
    }
    const tr = translator(locale);
    if (due.length <= this.deps.digestAbove) {
      // One card per notice: each is claimed just before it is sent, so the first card goes out
      // after one write instead of after the whole channel's claims, and later claims are made
      // while earlier cards wait for their turn under Teams' limits.
      for (const [i, d] of due.entries()) {
        const [mine] = await this.claim(sub, [d], report);
        if (!mine) {
          stats.skipped += 1;
          continue;
        }
        const card = renderExpiryNotice(expiryNoticeView(tr, mine.item, clock.now()));
        const sent = await this.sendBatch(
          sub,
          ref,
          { card, notices: [mine.notice], stored: [mine.stored], digest: false },
          report,
          stats,
          // The channel with the most notices left goes first: none is left alone at the end.
          due.length - i,
        );
        if (sent === 'gone') return;
      }
      return;
    }
    const claimed = await this.claim(sub, due, report);
    stats.skipped += due.length - claimed.length;
    if (claimed.length === 0) return;
    const today = clock.now();
    const batches: Batch[] =
      claimed.length > this.deps.digestAbove
        ? [
            {
              card: renderExpiryDigest(
                expiryDigestView(
                  tr,
                  claimed.map((c) => c.item),
                  today,
                ),
              ),
              notices: claimed.map((c) => c.notice),
              stored: claimed.map((c) => c.stored),
              digest: true,
            },
          ]
        : claimed.map((c) => ({
            card: renderExpiryNotice(expiryNoticeView(tr, c.item, today)),
            notices: [c.notice],
            stored: [c.stored],
            digest: false,
          }));
    for (const [i, batch] of batches.entries()) {
      if ((await this.sendBatch(sub, ref, batch, report, stats, batches.length - i)) === 'gone') return;
    }
  }

  /** Sends one claimed card and records how it went on its notices; 'gone' when the channel is. */
  private async sendBatch(
    sub: NoticeSubscription,
    ref: ConversationRef,
    batch: Batch,
    report: ScanReport,
    stats: { sent: number; failed: number; skipped: number; retried: number },
    /** Sends this channel has left, this one included (higher waits less for a slot). */
    priority = 0,
  ): Promise<'sent' | 'failed' | 'gone'> {
    const { messenger, clock } = this.deps;
    const observe = { retries: 0, priority };
    const attemptedAt = clock.now().toISOString();
    let activityId: string | undefined;
    try {
      activityId = (await messenger.sendCard(ref, batch.card, observe))?.activityId;
    } catch (err) {
      const status = err instanceof ConnectorError ? err.status : 0;
      await this.mark(batch, {
        state: 'failed',
        error: `${status} ${(err as Error).message}`.slice(0, 300),
        outcome: failureOutcome(status),
        retries: observe.retries,
        attemptedAt,
      });
      report.failed += batch.notices.length;
      stats.failed += batch.notices.length;
      return 'failed';
    }
    if (!activityId) {
      await this.mark(batch, {
        state: 'failed',
        error: 'gone',
        outcome: await this.goneOutcome(sub),
        retries: observe.retries,
        attemptedAt,
      });
      report.failed += batch.notices.length;
      stats.failed += batch.notices.length;
      await this.disable(sub, 'the bot was removed from the channel', report);
      return 'gone';
    }
    await this.mark(batch, {
      state: 'sent',
      sentAt: clock.now().toISOString(),
      activityId,
      digest: batch.digest,
      outcome: 'delivered',
      retries: observe.retries,
      attemptedAt,
    });
    report.sent += batch.notices.length;
    stats.sent += batch.notices.length;
    if (observe.retries > 0) stats.retried += batch.notices.length;
    if (batch.digest) report.digests += 1;
    return 'sent';
  }

  /** 403 (the bot was removed or blocked) or 404 (the conversation is gone), as the messenger saw it. */
  private async goneOutcome(sub: NoticeSubscription): Promise<NoticeOutcome> {
    const ref = await this.deps.repos.conversationRefs.get(
      sub.tenantId,
      conversationRefId(sub.conversationId),
    );
    return ref?.doc.inactiveReason?.startsWith('404') ? 'conversationGone' : 'botRemoved';
  }

  /** Keeps the last five scans of a channel on its subscription (the delivery report reads them). */
  private async recordScan(
    sub: NoticeSubscription,
    stats: { sent: number; failed: number; skipped: number; retried: number },
  ): Promise<void> {
    const { repos, clock } = this.deps;
    const at = clock.now().toISOString();
    await mutate(repos.noticeSubscriptions, sub.tenantId, sub.id, (current) =>
      current
        ? { ...current, recentScans: [{ at, ...stats }, ...(current.recentScans ?? [])].slice(0, 5) }
        : UNCHANGED,
    );
  }

  /**
   * Sends one failed notice again, on an admin's word from the delivery report. The notice is taken
   * back with its ETag first, so two admins pressing at once (or a scan meanwhile) send it once.
   */
  async resend(
    tenantId: string,
    id: string,
  ): Promise<'sent' | 'failed' | 'notFailed' | 'channelOff' | 'itemGone'> {
    const { repos, messenger, clock } = this.deps;
    const existing = await repos.notices.get(tenantId, id);
    if (!existing || existing.doc.state !== 'failed') return 'notFailed';
    const notice = existing.doc;
    const sub = await repos.noticeSubscriptions.get(tenantId, subscriptionId(notice.conversationId));
    const ref = sub?.doc.active ? await messenger.conversation(tenantId, notice.conversationId) : undefined;
    if (!sub?.doc.active || !ref) return 'channelOff';
    const item = (await expiringItems(repos, tenantId)).find((i) => i.itemId === notice.itemId);
    if (!item) return 'itemGone';
    const now = clock.now().toISOString();
    let taken: Notice;
    try {
      taken = (await repos.notices.replace({ ...notice, state: 'pending', claimedAt: now }, existing.etag))
        .doc;
    } catch (err) {
      if (err instanceof ConcurrencyError) return 'notFailed';
      throw err;
    }
    const tenant = await repos.tenants.get(tenantId, 'tenant');
    const tr = translator(tenant?.doc.locale ?? 'en-US');
    const observe = { retries: 0 };
    try {
      const posted = await messenger.sendCard(
        ref,
        renderExpiryNotice(expiryNoticeView(tr, item, clock.now())),
        observe,
      );
      if (!posted) {
        await this.mark(
          { notices: [taken] },
          {
            state: 'failed',
            error: 'gone',
            outcome: await this.goneOutcome(sub.doc),
            retries: observe.retries,
            attemptedAt: now,
          },
        );
        return 'failed';
      }
      await this.mark(
        { notices: [taken] },
        {
          state: 'sent',
          sentAt: clock.now().toISOString(),
          activityId: posted.activityId,
          outcome: 'delivered',
          error: undefined,
          retries: observe.retries,
          attemptedAt: now,
        },
      );
      return 'sent';
    } catch (err) {
      const status = err instanceof ConnectorError ? err.status : 0;
      await this.mark(
        { notices: [taken] },
        {
          state: 'failed',
          error: `${status} ${(err as Error).message}`.slice(0, 300),
          outcome: failureOutcome(status),
          retries: observe.retries,
          attemptedAt: now,
        },
      );
      return 'failed';
    }
  }

  /** Records how a send went on its notices, each from the version the claim wrote when it is known. */
  private async mark(
    { notices, stored = [] }: Pick<Batch, 'notices' | 'stored'>,
    patch: Partial<Notice>,
  ): Promise<void> {
    const { repos } = this.deps;
    await Promise.all(
      notices.map((n, i) =>
        // Out of attempts throws: the caller must not report an outcome the notice does not record.
        mutate(
          repos.notices,
          n.tenantId,
          n.id,
          (current) => (current ? { ...current, ...patch } : UNCHANGED),
          stored[i],
        ),
      ),
    );
  }

  /** Stops a channel's reminders and tells the admin who turned them on, in their own chat. */
  private async disable(sub: NoticeSubscription, reason: string, report: ScanReport): Promise<void> {
    const { repos, messenger } = this.deps;
    const current = await repos.noticeSubscriptions.get(sub.tenantId, sub.id);
    if (!current?.doc.active) return;
    try {
      await repos.noticeSubscriptions.replace(
        { ...current.doc, active: false, disabledReason: reason },
        current.etag,
      );
    } catch (err) {
      if (err instanceof ConcurrencyError) return;
      throw err;
    }
    report.disabledChannels += 1;
    const ref = await repos.conversationRefs.get(sub.tenantId, conversationRefId(sub.conversationId));
    const channel = ref?.doc.channelName
      ? `${ref.doc.teamName ?? ''} › ${ref.doc.channelName}`
      : sub.conversationId;
    const chat = await messenger.personalChat(sub.tenantId, sub.createdBy);
    if (chat) {
      const admin = await repos.members.get(sub.tenantId, `member:${sub.createdBy}`);
      const tr = translator(personLocale(admin?.doc, 'en-US'));
      await messenger.sendText(chat, tr.t('notices.disabledTold', { channel })).catch(() => undefined);
    }
    this.deps.logger.warn({ tenant: sub.tenantId, reason }, 'expiry reminders disabled for a channel');
  }
}
