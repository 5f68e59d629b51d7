import { z } from 'zod';
import { type AdaptiveCard } from '../../cards';
import { conversationRefId } from '../../domain/model';
import type { BenefitGroup } from '../../domain/benefits';
import type { Locale } from '../../domain/model';
import { authorize, type Action, type Actor } from '../../domain/policy';
import {
  channelName,
  deliveryReportView,
  peopleTableView,
  resendConfirmView,
  usageDigestView,
  type UsageAct,
} from './views';
import { defineFeature, verb, type Command, type Handler } from '../feature';
import { sendCard } from '../shared/reply';
import { benefitsFeature } from '../benefits/feature';
import { seatsFeature } from '../seats/feature';
import { renderDeliveryReport, renderUsageDigest } from './views';
import { renderActionConfirm, renderPeopleTable } from '../shared/cards';
import type { CommandId } from '../joins';
import { reports as reportsMessages } from './messages';

/** What admins can see: the delivery report of the bot's own reminders. */

async function deliveryCard({ turn, services }: Handler, notes: string[] = []): Promise<AdaptiveCard> {
  const report = await services.reports.delivery(turn.tenantId);
  return renderDeliveryReport(deliveryReportView(turn.tr, report, notes));
}

/** What each digest button leads to: an existing command, and the act it needs. */
const ACTS: Record<BenefitGroup | 'requests', { command: CommandId; action: Action }> = {
  software: { command: 'benefits', action: 'software.revealKeys' },
  licence: { command: 'benefits', action: 'license.redeem' },
  azureCredit: { command: 'benefits', action: 'credit.addUser' },
  visualStudio: { command: 'assignSeat', action: 'seat.assign' },
  technical: { command: 'activateSupport', action: 'support.activate' },
  gtm: { command: 'gtmOffers', action: 'gtm.activate' },
  requests: { command: 'pendingApprovals', action: 'seat.approve' },
};

/**
 * The digest's buttons: the command phrase to send. With an actor (a chat), only the buttons they
 * may use; in a channel every button is shown and its press is checked when it arrives.
 */
export function usageActs(commands: readonly Command[], locale: Locale, actor?: Actor): UsageAct {
  return (kind) => {
    const { command, action } = ACTS[kind];
    const found = commands.find((c) => c.id === command);
    if (!found || (actor && !authorize(actor, action).allowed)) return undefined;
    return { command: found.phrases[locale][0] };
  };
}

async function peopleCard({ turn, services }: Handler, offset: number): Promise<AdaptiveCard> {
  const commands = [...seatsFeature.commands, ...benefitsFeature.commands];
  const page = await services.reports.holdings(turn.actor, offset);
  const phrase = (id: CommandId, action: Action): string | undefined => {
    const c = commands.find((x) => x.id === id);
    return c && authorize(turn.actor, action).allowed ? c.phrases[turn.locale][0] : undefined;
  };
  return renderPeopleTable(
    peopleTableView(turn.tr, page, {
      manageSeats: phrase('seatPools', 'seat.assign'),
      manageCredit: phrase('benefits', 'credit.addUser'),
    }),
  );
}

const noticeRef = z.object({ noticeId: z.string().startsWith('notice:').max(900) }).strict();

const FREQUENCY: Record<string, 'weekly' | 'monthly' | 'off' | undefined> = {
  weekly: 'weekly',
  monthly: 'monthly',
  off: 'off',
  每周: 'weekly',
  每月: 'monthly',
  关闭: 'off',
};

export const reportsFeature = defineFeature({
  id: 'reports',
  messages: reportsMessages,
  commands: [
    {
      id: 'deliveryReport',
      phrases: {
        'en-US': ['reminder report', 'delivery report', 'reminders report'],
        'zh-CN': ['提醒报告', '送达报告'],
      },
      descriptionKey: 'reports.cmd.delivery',
      action: 'notify.report',
      run: async (h) => {
        await sendCard(h.context, await deliveryCard(h));
      },
    },
    {
      id: 'usageReport',
      phrases: {
        'en-US': ['usage report', 'usage', 'utilisation report', 'utilization report'],
        'zh-CN': ['使用情况', '使用情况报告'],
      },
      descriptionKey: 'reports.cmd.usage',
      action: 'usage.view',
      run: async ({ context, turn, services, commands }) => {
        const figures = await services.reports.usage(turn.tenantId);
        await sendCard(
          context,
          renderUsageDigest(usageDigestView(turn.tr, figures, usageActs(commands, turn.locale, turn.actor))),
        );
      },
    },
    {
      id: 'whoHasWhat',
      phrases: {
        'en-US': ['who has what', 'people table', 'who holds what'],
        'zh-CN': ['谁有什么权益', '谁有什么'],
      },
      descriptionKey: 'reports.cmd.people',
      action: 'people.view',
      run: async (h) => {
        await sendCard(h.context, await peopleCard(h, 0));
      },
    },
    {
      id: 'usageDigestFrequency',
      phrases: { 'en-US': ['usage digest'], 'zh-CN': ['使用情况摘要'] },
      takesArguments: true,
      descriptionKey: 'reports.cmd.usageDigest',
      action: 'usage.setDigest',
      run: async ({ context, turn, services, args }) => {
        const frequency = FREQUENCY[args.trim().toLowerCase()];
        if (!frequency) {
          await context.sendActivity(turn.tr.t('reports.usage.digestInvalid'));
          return;
        }
        await services.directory.updateTenant(turn.tenantId, (t) => ({ ...t, usageDigest: frequency }));
        await services.audit.record({
          tenantId: turn.tenantId,
          actor: turn.actor.aadObjectId,
          action: 'usage.setDigest',
          target: 'usageDigest',
          outcome: 'success',
          detail: frequency,
        });
        await context.sendActivity(turn.tr.t(`reports.usage.digestSet.${frequency}`));
      },
    },
  ],
  verbs: {
    'people.page': verb({
      schema: z.object({ offset: z.number().int().min(0).max(10_000) }).strict(),
      action: 'people.view',
      run: (h, data) => peopleCard(h, data.offset),
    }),
    'report.delivery': verb({
      schema: z.object({}).strict(),
      action: 'notify.report',
      run: (h) => deliveryCard(h),
    }),
    'report.resendAsk': verb({
      schema: noticeRef,
      action: 'notify.resend',
      run: async (h, data) => {
        const { turn, services } = h;
        const notice = await services.reports.notice(turn.tenantId, data.noticeId);
        if (!notice || notice.state !== 'failed')
          return deliveryCard(h, [turn.tr.t('reports.delivery.resendNotFailed')]);
        const [items, ref] = await Promise.all([
          services.reports.expiring(turn.tenantId),
          services.installations.reference(turn.tenantId, conversationRefId(notice.conversationId)),
        ]);
        const item = items.find((i) => i.itemId === notice.itemId);
        const channel = channelName({
          ref,
          subscription: { conversationId: notice.conversationId },
        });
        return renderActionConfirm(resendConfirmView(turn.tr, notice, item, channel));
      },
    }),
    'report.resend': verb({
      schema: noticeRef,
      action: 'notify.resend',
      run: async (h, data) => {
        const { turn, services } = h;
        const notice = await services.reports.notice(turn.tenantId, data.noticeId);
        const outcome = notice ? await services.scanner.resend(turn.tenantId, data.noticeId) : 'notFailed';
        // Audited when a send was attempted; nothing to send changes nothing.
        if (outcome === 'sent' || outcome === 'failed')
          await services.audit.record({
            tenantId: turn.tenantId,
            actor: turn.actor.aadObjectId,
            action: 'notify.resend',
            target: data.noticeId,
            outcome: outcome === 'sent' ? 'success' : 'failed',
            detail: outcome,
          });
        const ref = notice
          ? await services.installations.reference(turn.tenantId, conversationRefId(notice.conversationId))
          : undefined;
        const channel = channelName({
          ref,
          subscription: { conversationId: notice?.conversationId ?? '' },
        });
        const note = {
          sent: turn.tr.t('reports.delivery.resent', { channel }),
          failed: turn.tr.t('reports.delivery.resendFailed'),
          notFailed: turn.tr.t('reports.delivery.resendNotFailed'),
          channelOff: turn.tr.t('reports.delivery.resendChannelOff'),
          itemGone: turn.tr.t('reports.delivery.resendItemGone'),
        }[outcome];
        return deliveryCard(h, [note]);
      },
    }),
  },
});
