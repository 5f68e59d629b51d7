import type { DeliveryReport } from '../../../src/domain/deliveryReport';
import {
  conversationRefId,
  noticeId,
  subscriptionId,
  type ConversationRef,
  type Notice,
} from '../../../src/domain/model';
import type { ExpiringItem } from '../../../src/domain/notices';
import type { SeedDocuments } from '../../../src/domain/seed';
import { computeUsage } from '../../../src/domain/usage';
import type { Translator } from '../../../src/i18n';
import {
  deliveryReportView,
  peopleTableView,
  resendConfirmView,
  usageDigestView,
} from '../../../src/features/reports/views';
import type { CardSample } from './';
import { renderDeliveryReport, renderUsageDigest } from '../../../src/features/reports/views';
import { renderActionConfirm, renderPeopleTable } from '../../../src/features/shared/cards';

/**
 * The admin reports from the demo data: the delivery report after a scan in which one channel's
 * bot was removed (404) and another got an ambiguous 500, the resend confirmation, and the usage
 * digest (its `Chart.Donut` shows in Teams; this renderer, like the Playground, shows the fallback).
 */
export function reportsCardSamples(docs: SeedDocuments, tr: Translator, now: Date): CardSample[] {
  const tenant = docs.tenants[0];
  const tenantId = tenant.tenantId;
  const at = now.toISOString();
  const channel = (id: string, name: string, active: boolean, inactiveReason?: string): ConversationRef => ({
    type: 'conversationRef',
    id: conversationRefId(id),
    tenantId,
    conversationId: id,
    scope: 'channel',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    botId: '28:bot',
    teamName: 'Contoso Partners',
    channelName: name,
    active,
    inactiveReason,
    updatedAt: at,
  });
  const benefitsDesk = channel('19:benefits@thread.tacv2', 'Benefits desk', true);
  const oldProject = channel('19:old@thread.tacv2', 'Old project', false, '404 ConversationNotFound');
  const item: ExpiringItem = {
    itemId: docs.benefits[0]?.id ?? 'benefit:x',
    tenantId,
    kind: docs.benefits[0]?.details.category ?? 'software',
    name: docs.benefits[0]?.name ?? 'Windows Server 2022 Datacenter',
    expiresOn: docs.benefits[0]?.expiresOn ?? '2026-12-01',
  };
  const notice = (conversationId: string, patch: Partial<Notice>): Notice => ({
    type: 'notice',
    id: noticeId(item.itemId, '7', conversationId),
    tenantId,
    itemId: item.itemId,
    threshold: '7',
    conversationId,
    state: 'failed',
    claimedAt: at,
    digest: false,
    ...patch,
  });
  const ambiguous = notice(benefitsDesk.conversationId, {
    outcome: 'ambiguous',
    error: '500 connector answered 500',
  });
  const report: DeliveryReport = {
    channels: [
      {
        subscription: {
          type: 'noticeSubscription',
          id: subscriptionId(benefitsDesk.conversationId),
          tenantId,
          conversationId: benefitsDesk.conversationId,
          categories: [],
          active: true,
          createdBy: docs.members[0].aadObjectId,
          createdAt: at,
          recentScans: [{ at, sent: 3, failed: 1, skipped: 2, retried: 1 }],
        },
        ref: benefitsDesk,
        problems: [
          { notice: ambiguous, item },
          {
            notice: {
              ...notice(benefitsDesk.conversationId, { outcome: 'delivered', retries: 2 }),
              state: 'sent',
            },
            item,
          },
        ],
      },
      {
        subscription: {
          type: 'noticeSubscription',
          id: subscriptionId(oldProject.conversationId),
          tenantId,
          conversationId: oldProject.conversationId,
          categories: [],
          active: false,
          disabledReason: 'the bot was removed from the channel',
          createdBy: docs.members[0].aadObjectId,
          createdAt: at,
          recentScans: [{ at, sent: 0, failed: 3, skipped: 0, retried: 0 }],
        },
        ref: oldProject,
        off: 'conversationGone',
        problems: [{ notice: notice(oldProject.conversationId, { outcome: 'conversationGone' }), item }],
      },
    ],
    next: [{ item, threshold: '1', on: item.expiresOn, channels: 1 }],
  };
  const snapshot = {
    tenantId,
    packages: docs.packages.filter((p) => p.tenantId === tenantId),
    benefits: docs.benefits.filter((b) => b.tenantId === tenantId),
    pools: docs.seatPools.filter((p) => p.tenantId === tenantId),
    assignments: docs.seatAssignments.filter((a) => a.tenantId === tenantId),
    members: docs.members.filter((m) => m.tenantId === tenantId),
  };
  const figures = computeUsage(snapshot, [], now);
  const everyButton = () => ({ command: 'benefits' });
  return [
    { id: 'delivery-report', card: renderDeliveryReport(deliveryReportView(tr, report)) },
    {
      id: 'delivery-resend-confirm',
      card: renderActionConfirm(resendConfirmView(tr, ambiguous, item, 'Contoso Partners › Benefits desk')),
    },
    { id: 'usage-digest', card: renderUsageDigest(usageDigestView(tr, figures, everyButton)) },
    {
      id: 'who-has-what',
      card: renderPeopleTable(
        peopleTableView(
          tr,
          {
            everyone: true,
            offset: 0,
            total: snapshot.members.length,
            rows: snapshot.members.slice(0, 5).map((member) => ({
              member,
              seats: snapshot.assignments
                .filter((a) => a.assignee === member.aadObjectId)
                .map((a) => ({ pool: snapshot.pools[0]?.subscription ?? '', seatNo: a.seatNo })),
              credits: [],
              revealed: [],
            })),
          },
          { manageSeats: 'seats', manageCredit: 'benefits' },
        ),
      ),
    },
  ];
}
