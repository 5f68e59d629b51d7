import { PEOPLE_PAGE_SIZE, type HoldingsPage } from '../../domain/holdings';
import type { BenefitGroup } from '../../domain/benefits';
import type { ChannelDelivery, DeliveryReport } from '../../domain/deliveryReport';
import type { Notice } from '../../domain/model';
import type { ExpiringItem } from '../../domain/notices';
import { USAGE_DIGEST_ITEM, type UsageFigures } from '../../domain/usage';
import type { Locale } from '../../domain/model';
import { formatDate, formatDateTime, translator, type Translator } from '../../i18n';
import deliveryReportTemplate from '../../../cards/reports/deliveryReport.json';
import usageDigestTemplate from '../../../cards/reports/usageDigest.json';
import { cardTemplate, type CardRender } from '../../cards';
import { type ActionConfirmView, type PeopleTableView } from '../shared/cards';

/** The reminder delivery report: per channel its last scans, what did not arrive and why, what is next. */
export interface DeliveryReportView {
  title: string;
  notes: { text: string }[];
  channels: {
    name: string;
    state: string;
    off: { text: string }[];
    scans: { text: string }[];
    problems: {
      text: string;
      weight: 'Default' | 'Bolder';
      resend: { title: string; noticeId: string }[];
    }[];
  }[];
  nextTitle: string;
  next: { text: string }[];
  refreshTitle: string;
}

/**
 * The utilisation digest: a `Chart.Donut` per seat pool (Teams draws it; the Playground and older
 * clients show the `fallback` text with the same figures) and one section per kind of benefit.
 */
export interface UsageDigestView {
  title: string;
  seatsTitle: string;
  noPools: { text: string }[];
  pools: { name: string; chart: { legend: string; value: number; color: string }[]; text: string }[];
  sections: {
    title: string;
    lines: {
      text: string;
      weight: 'Default' | 'Bolder';
      buttons: { title: string; command: string }[];
    }[];
  }[];
}

export const renderDeliveryReport: CardRender<DeliveryReportView> = cardTemplate(deliveryReportTemplate, {
  reportDelivery: 'report.delivery',
  reportResendAsk: 'report.resendAsk',
});
export const renderUsageDigest = cardTemplate<UsageDigestView>(usageDigestTemplate);

/** View models of the admin reports. Every word is localised here; templates only bind. */

export function channelName(c: {
  ref?: ChannelDelivery['ref'];
  subscription: Pick<ChannelDelivery['subscription'], 'conversationId'>;
}): string {
  const ref = c.ref;
  if (ref?.channelName) return ref.teamName ? `${ref.teamName} › ${ref.channelName}` : ref.channelName;
  return c.subscription.conversationId;
}

/** A digest's period (`week-2026-11-23`, `month-2026-11`) in words. */
export function periodTitle(locale: Locale, period: string): string {
  const tr = translator(locale);
  if (period.startsWith('week-'))
    return tr.t('reports.usage.period.weekly', { date: formatDate(locale, period.slice(5)) });
  const month = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    new Date(`${period.slice(6)}-01T00:00:00Z`),
  );
  return tr.t('reports.usage.period.monthly', { month });
}

export function thresholdText(tr: Translator, threshold: string): string {
  if (threshold === 'expired') return tr.t('reports.delivery.thresholdExpired');
  if (/^(week|month)-/.test(threshold)) return periodTitle(tr.locale, threshold);
  if (threshold === '1') return tr.t('reports.delivery.thresholdOne');
  return tr.t('reports.delivery.threshold', { days: threshold });
}

function whyText(tr: Translator, n: Notice): string {
  if (n.state !== 'failed') return tr.t('reports.delivery.why.throttledRetried', { retries: n.retries ?? 0 });
  if (!n.outcome || n.outcome === 'delivered') return tr.t('reports.delivery.why.unknown');
  return tr.t(`reports.delivery.why.${n.outcome}`);
}

/** The membership item is named by its level id: shown as "Membership", never the id. */
const itemName = (tr: Translator, item: ExpiringItem | undefined) =>
  item?.kind === 'membership'
    ? tr.t('notices.kind.membership')
    : (item?.name ?? tr.t('reports.delivery.unknownItem'));

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
        // Status in words and a marker, never by colour alone (Teams' status colours fail contrast).
        state: c.off ? `⚠️ ${tr.t('reports.delivery.off')}` : `✅ ${tr.t('reports.delivery.on')}`,
        off: c.off
          ? [
              {
                text: `${tr.t(`reports.delivery.offWhy.${c.off}`)} ${tr.t('reports.delivery.turnOn', {
                  addApp: c.off === 'botRemoved' ? tr.t('reports.delivery.turnOnAddApp') : '',
                })}`,
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
            name: notice.itemId === USAGE_DIGEST_ITEM ? tr.t('reports.usage.title') : itemName(tr, item),
            threshold: thresholdText(tr, notice.threshold),
            why: whyText(tr, notice),
          }),
          weight: notice.state === 'failed' ? 'Bolder' : 'Default',
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
              name: itemName(tr, n.item),
              threshold: thresholdText(tr, n.threshold),
              channels:
                n.channels === 1
                  ? tr.t('reports.delivery.channelsOne')
                  : tr.t('reports.delivery.channels', { count: n.channels }),
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

/** What a digest button does: the command phrase it sends, or nothing for people who may not. */
export type UsageAct = (act: BenefitGroup | 'requests') => { command: string } | undefined;

function durationText(tr: Translator, hours: number | undefined): string {
  if (hours === undefined) return tr.t('reports.usage.noDecisions');
  return hours < 48
    ? tr.t('reports.usage.hours', { hours: Math.round(hours) })
    : tr.t('reports.usage.days', { days: Math.round(hours / 24) });
}

export function usageDigestView(
  tr: Translator,
  u: UsageFigures,
  act: UsageAct,
  title?: string,
): UsageDigestView {
  const button = (kind: BenefitGroup | 'requests') => {
    const a = act(kind);
    return a ? [{ title: tr.t(`reports.usage.act.${kind}`), command: a.command }] : [];
  };
  const line = (
    text: string,
    buttons: { title: string; command: string }[] = [],
    weight: 'Default' | 'Bolder' = 'Default',
  ) => ({ text, weight, buttons });
  const none = [line(tr.t('reports.usage.none'))];
  return {
    title: title ?? tr.t('reports.usage.title'),
    seatsTitle: tr.t('reports.usage.seats'),
    noPools: u.pools.length === 0 ? [{ text: tr.t('reports.usage.noPools') }] : [],
    pools: u.pools.map((p) => ({
      name: p.name,
      chart: [
        { legend: tr.t('reports.usage.used'), value: p.used, color: 'categoricalBlue' },
        { legend: tr.t('reports.usage.free'), value: p.free, color: 'categoricalLavender' },
      ],
      text: tr.t('reports.usage.pool', { name: p.name, used: p.used, free: p.free, seats: p.seats }),
    })),
    sections: [
      {
        title: tr.t('reports.usage.requests'),
        lines: [
          line(
            tr.t('reports.usage.requestsLine', {
              waiting: u.requestsWaiting,
              median: durationText(tr, u.medianDecisionHours),
            }),
            u.requestsWaiting > 0 ? button('requests') : [],
          ),
        ],
      },
      {
        title: tr.t('reports.usage.credit'),
        lines: u.credit.length ? u.credit.map((c) => line(tr.t('reports.usage.creditLine', c))) : none,
      },
      {
        title: tr.t('reports.usage.software'),
        lines: [line(tr.t('reports.usage.softwareLine', u.software))],
      },
      {
        title: tr.t('reports.usage.keys'),
        lines: u.unredeemedKeys.length
          ? u.unredeemedKeys.slice(0, 8).map((k) =>
              line(
                tr.t('reports.usage.keyLine', {
                  name: k.benefitName,
                  seats: k.seats,
                  lastDay: formatDate(tr.locale, k.lastDay),
                }),
                button('licence'),
              ),
            )
          : none,
      },
      {
        title: tr.t('reports.usage.technical'),
        lines: u.technical.length
          ? u.technical.map((x) =>
              line(
                tr.t('reports.usage.technicalLine', {
                  name: x.name,
                  used: x.used,
                  allowance: x.allowance,
                  unit: tr.t(`reports.usage.unit.${x.unit}`),
                  status: tr.t(`reports.usage.status.${x.status}`),
                }),
              ),
            )
          : none,
      },
      {
        title: tr.t('reports.usage.gtm'),
        lines: [line(tr.t('reports.usage.gtmLine', u.gtm))],
      },
      {
        title: tr.t('reports.usage.risk'),
        lines: u.atRisk.length
          ? u.atRisk.slice(0, 10).map((r) =>
              line(
                tr.t('reports.usage.riskLine', {
                  name: r.name,
                  lastDay: formatDate(tr.locale, r.lastDay),
                  left:
                    r.daysLeft === 0
                      ? tr.t('reports.usage.dayLeft')
                      : r.daysLeft === 1
                        ? tr.t('reports.usage.oneDayLeft')
                        : tr.t('reports.usage.daysLeft', { days: r.daysLeft }),
                }),
                button(r.group),
                r.daysLeft <= 7 ? 'Bolder' : 'Default',
              ),
            )
          : [line(tr.t('reports.usage.riskNone'))],
      },
    ],
  };
}

/** What a person row's buttons may offer: decided by the caller from the policy table. */
export interface PeopleActs {
  /** Command phrases, only for acts the viewer may perform. */
  manageSeats?: string;
  manageCredit?: string;
}

export function peopleTableView(tr: Translator, page: HoldingsPage, acts: PeopleActs): PeopleTableView {
  const { rows, offset, total } = page;
  return {
    title: page.everyone ? tr.t('reports.people.title') : tr.t('reports.people.own'),
    subtitle: page.everyone
      ? tr.t('reports.people.subtitle', {
          from: total === 0 ? 0 : offset + 1,
          to: offset + rows.length,
          total,
        })
      : '',
    rows: rows.map((h) => {
      const lines = [
        ...h.seats.map((s) => tr.t('reports.people.seat', { pool: s.pool, seat: s.seatNo })),
        ...h.credits.map((c) =>
          tr.t(c.kind === 'monthly' ? 'reports.people.creditMonthly' : 'reports.people.creditBulk', {
            benefit: c.benefit,
          }),
        ),
        ...h.revealed.map((r) =>
          tr.t('reports.people.revealed', { benefit: r.benefit, at: formatDateTime(tr.locale, r.at) }),
        ),
      ];
      const buttons: { title: string; command: string }[] = [];
      if (acts.manageSeats)
        buttons.push(
          h.seats.length === 0
            ? {
                title: tr.t('reports.people.giveSeat'),
                // Read by the recogniser like typed text: straight to "Assign … to <name>?".
                command: tr.t('reports.people.giveSeatCommand', { name: h.member.name }),
              }
            : { title: tr.t('reports.people.manageSeats'), command: acts.manageSeats },
        );
      if (acts.manageCredit && h.credits.length > 0)
        buttons.push({ title: tr.t('reports.people.manageCredit'), command: acts.manageCredit });
      return {
        name: h.member.chineseName ? `${h.member.name} (${h.member.chineseName})` : h.member.name,
        lines: (lines.length ? lines : [tr.t('reports.people.nothing')]).map((text) => ({ text })),
        buttons,
      };
    }),
    pages: [
      ...(offset > 0
        ? [{ title: tr.t('reports.people.previous'), offset: Math.max(0, offset - PEOPLE_PAGE_SIZE) }]
        : []),
      ...(offset + rows.length < total
        ? [{ title: tr.t('reports.people.next'), offset: offset + PEOPLE_PAGE_SIZE }]
        : []),
    ],
  };
}
