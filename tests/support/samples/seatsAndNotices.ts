import type { Member, SeatRequest } from '../../../src/domain/model';
import type { ExpiringItem } from '../../../src/domain/notices';
import type { SeedDocuments } from '../../../src/domain/seed';
import { usageFrom, type PoolUsage } from '../../../src/domain/seats';
import type { Translator } from '../../../src/i18n';
import {
  expiryDigestView,
  expiryNoticeView,
  noticeSubscriptionView,
} from '../../../src/features/notices/views';
import type { CardSample } from './';
import {
  seatPoolsView,
  seatRequestDigestView,
  seatRequestListView,
  seatRequestView,
} from '../../../src/features/seats/views';
import {
  renderExpiryDigest,
  renderExpiryNotice,
  renderNoticeSubscription,
} from '../../../src/features/notices/views';
import {
  renderSeatPools,
  renderSeatRequest,
  renderSeatRequestDigest,
  renderSeatRequestList,
} from '../../../src/features/seats/views';

/** Seat approval cards and expiry notices, from the demo data. */
export function seatsAndNoticesSamples(docs: SeedDocuments, tr: Translator, now: Date): CardSample[] {
  const tenantId = docs.tenants[0].tenantId;
  const pool = docs.seatPools.find((p) => p.tenantId === tenantId);
  if (!pool) throw new Error('demo data has no seat pool');
  const usage: PoolUsage = usageFrom(
    pool,
    docs.seatAssignments.filter((a) => a.poolId === pool.id).map((doc) => ({ doc, etag: '' })),
    now,
  );
  const eli = docs.members.find((m) => m.name === 'Eli Park') as Member;
  const request: SeatRequest = {
    type: 'seatRequest',
    id: `seatRequest:vs-enterprise:${eli.aadObjectId}:1`,
    tenantId,
    poolId: pool.id,
    requester: eli.aadObjectId,
    requesterName: eli.name,
    justification:
      tr.locale === 'zh-CN'
        ? '为客户研讨会构建 Azure 迁移示例'
        : 'Building the Azure migration samples for a customer workshop',
    locale: tr.locale,
    status: 'pending',
    createdAt: now.toISOString(),
    cards: [],
  };
  const approved: SeatRequest = {
    ...request,
    status: 'approved',
    decision: {
      by: 'a0000000-0000-4000-8000-000000000001',
      byName: 'Avery Chen',
      at: now.toISOString(),
      seatNo: 3,
    },
  };
  const people = new Map(docs.members.map((m) => [m.aadObjectId, m]));
  const names = new Map([[pool.id, pool.subscription]]);
  const items: ExpiringItem[] = docs.benefits
    .filter((b) => b.tenantId === tenantId && b.details.category !== 'visualStudio')
    .map((b) => ({ itemId: b.id, tenantId, kind: b.details.category, name: b.name, expiresOn: b.expiresOn }));
  const soonest = [...items].sort((a, b) => a.expiresOn.localeCompare(b.expiresOn));
  const subscription = {
    type: 'noticeSubscription' as const,
    id: 'subscription:19:demo-channel-benefits@thread.tacv2',
    tenantId,
    conversationId: '19:demo-channel-benefits@thread.tacv2',
    categories: ['software', 'licence'],
    active: true,
    createdBy: 'a0000000-0000-4000-8000-000000000004',
    createdAt: now.toISOString(),
  };
  const approverIds = ['29:demo-a0000000-0000-4000-8000-000000000001'];
  return [
    {
      id: 'seat-request-approver',
      card: renderSeatRequest(
        seatRequestView(tr, { request, usage, viewerMayDecide: true, approverTeamsIds: approverIds }),
      ),
    },
    {
      id: 'seat-request-status',
      card: renderSeatRequest(
        seatRequestView(tr, { request, usage, viewerMayDecide: false, approverTeamsIds: approverIds }),
      ),
    },
    {
      id: 'seat-request-approved',
      card: renderSeatRequest(
        seatRequestView(tr, {
          request: approved,
          usage,
          viewerMayDecide: true,
          approverTeamsIds: approverIds,
        }),
      ),
    },
    { id: 'seat-pools-admin', card: renderSeatPools(seatPoolsView(tr, [usage], people, now, true)) },
    {
      id: 'seat-requests-pending',
      card: renderSeatRequestList(
        seatRequestListView(tr, tr.t('seats.list.pendingTitle'), [request], names, true),
      ),
    },
    {
      id: 'seat-requests-digest',
      card: renderSeatRequestDigest(
        seatRequestDigestView(tr, [request, { ...request, id: `${request.id}-2` }], names, true),
      ),
    },
    { id: 'expiry-notice-tomorrow', card: renderExpiryNotice(expiryNoticeView(tr, soonest[0], now)) },
    {
      id: 'expiry-notice-30-days',
      card: renderExpiryNotice(
        expiryNoticeView(tr, soonest.find((i) => i.name.startsWith('Windows')) ?? soonest[1], now),
      ),
    },
    { id: 'expiry-digest', card: renderExpiryDigest(expiryDigestView(tr, soonest.slice(0, 8), now)) },
    {
      id: 'notice-subscription',
      card: renderNoticeSubscription(noticeSubscriptionView(tr, subscription, [30, 7, 1])),
    },
  ];
}
