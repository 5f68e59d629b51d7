import type { ActionConfirmView, DeliveryReportView } from '../cards';
import type { ChannelDelivery, DeliveryReport } from '../domain/deliveryReport';
import type { Notice } from '../domain/model';
import type { ExpiringItem } from '../domain/notices';
import { formatDate, formatDateTime, type MessageKey, type Translator } from '../i18n';

/** View models of the admin reports. Every word is localised here; templates only bind. */

export function channelName(c: {
  ref?: ChannelDelivery['ref'];
  subscription: Pick<ChannelDelivery['subscription'], 'conversationId'>;
}): string {
  const ref = c.ref;
  if (ref?.channelName) return ref.teamName ? `${ref.teamName} › ${ref.channelName}` : ref.channelName;
  return c.subscription.conversationId;
}

export function thresholdText(tr: Translator, threshold: string): string {
  return threshold === 'expired'
    ? tr.t('reports.delivery.thresholdExpired')
    : tr.t('reports.delivery.threshold', { days: threshold });
}

function whyText(tr: Translator, n: Notice): string {
  if (n.state !== 'failed') return tr.t('reports.delivery.why.throttledRetried', { retries: n.retries ?? 0 });
  if (!n.outcome || n.outcome === 'delivered') return tr.t('reports.delivery.why.unknown');
  return tr.t(`reports.delivery.why.${n.outcome}` as MessageKey);
}

const itemName = (tr: Translator, item: ExpiringItem | undefined) =>
  item?.name ?? tr.t('reports.delivery.unknownItem');

export function deliveryReportView(
  tr: Translator,
  report: DeliveryReport,
  notes: string[] = [],
): DeliveryReportView {
  return {
    title: tr.t('reports.delivery.title'),
    notes: [...notes, ...(report.channels.length === 0 ? [tr.t('reports.delivery.none')] : [])].map(
      (text) => ({ text }),
    ),
    channels: report.channels.map((c) => {
      const scans = c.subscription.recentScans ?? [];
      return {
        name: channelName(c),
        state: c.off ? tr.t('reports.delivery.off') : tr.t('reports.delivery.on'),
        stateColor: c.off ? 'Attention' : 'Good',
        off: c.off
          ? [
              {
                text: `${tr.t(`reports.delivery.offWhy.${c.off}` as MessageKey)} ${tr.t(
                  'reports.delivery.turnOn',
                  {
                    addApp: c.off === 'botRemoved' ? tr.t('reports.delivery.turnOnAddApp') : '',
                  },
                )}`,
              },
            ]
          : [],
        scans:
          scans.length === 0
            ? [{ text: tr.t('reports.delivery.noScans') }]
            : scans.slice(0, 3).map((s) => ({
                text: tr.t(s.retried > 0 ? 'reports.delivery.scanRetried' : 'reports.delivery.scan', {
                  at: formatDateTime(tr.locale, s.at),
                  sent: s.sent,
                  failed: s.failed,
                  skipped: s.skipped,
                  retried: s.retried,
                }),
              })),
        problems: c.problems.map(({ notice, item }) => ({
          text: tr.t('reports.delivery.problem', {
            name: itemName(tr, item),
            threshold: thresholdText(tr, notice.threshold),
            why: whyText(tr, notice),
          }),
          color:
            notice.state !== 'failed' ? 'Default' : notice.outcome === 'ambiguous' ? 'Warning' : 'Attention',
          // Only a failed notice of a channel that still listens can be sent again.
          resend:
            notice.state === 'failed' && !c.off && item
              ? [{ title: tr.t('reports.delivery.resend'), noticeId: notice.id }]
              : [],
        })),
      };
    }),
    nextTitle: tr.t('reports.delivery.nextTitle'),
    next:
      report.next.length === 0
        ? [{ text: tr.t('reports.delivery.nextNone') }]
        : report.next.map((n) => ({
            text: tr.t('reports.delivery.next', {
              on: formatDate(tr.locale, n.on),
              name: n.item.name,
              threshold: thresholdText(tr, n.threshold),
              channels: n.channels,
            }),
          })),
    refreshTitle: tr.t('reports.delivery.refresh'),
  };
}

/** "Send this reminder again?", with the warning when Teams may already show it. */
export function resendConfirmView(
  tr: Translator,
  notice: Notice,
  item: ExpiringItem | undefined,
  channel: string,
): ActionConfirmView {
  return {
    title: tr.t('reports.delivery.confirmTitle'),
    paragraphs: [
      {
        text: tr.t('reports.delivery.confirmText', {
          name: itemName(tr, item),
          threshold: thresholdText(tr, notice.threshold),
          channel,
        }),
      },
    ],
    warnings: notice.outcome === 'ambiguous' ? [{ text: tr.t('reports.delivery.confirmAmbiguous') }] : [],
    confirmTitle: tr.t('reports.delivery.confirm'),
    confirmVerb: 'report.resend',
    confirmData: { noticeId: notice.id },
    backTitle: tr.t('reports.delivery.back'),
    backVerb: 'report.delivery',
  };
}
