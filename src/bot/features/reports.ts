import { z } from 'zod';
import { renderCard, type AdaptiveCard } from '../../cards';
import { deliveryReport } from '../../domain/deliveryReport';
import { conversationRefId } from '../../domain/model';
import { expiringItems } from '../../domain/notices';
import { channelName, deliveryReportView, resendConfirmView } from '../../views/reports';
import { verb, type Feature, type Handler } from '../feature';
import { sendCard } from '../reply';

/** What admins can see: the delivery report of the bot's own reminders. */

async function deliveryCard({ turn, services }: Handler, notes: string[] = []): Promise<AdaptiveCard> {
  const report = await deliveryReport(services.repos, turn.tenantId, services.clock.now());
  return renderCard('deliveryReport', deliveryReportView(turn.tr, report, notes));
}

const noticeRef = z.object({ noticeId: z.string().startsWith('notice:').max(900) }).strict();

export const reportsFeature: Feature = {
  id: 'reports',
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
  ],
  verbs: {
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
        const notice = await services.repos.notices.get(turn.tenantId, data.noticeId);
        if (!notice || notice.doc.state !== 'failed')
          return deliveryCard(h, [turn.tr.t('reports.delivery.resendNotFailed')]);
        const [items, ref] = await Promise.all([
          expiringItems(services.repos, turn.tenantId),
          services.repos.conversationRefs.get(turn.tenantId, conversationRefId(notice.doc.conversationId)),
        ]);
        const item = items.find((i) => i.itemId === notice.doc.itemId);
        const channel = channelName({
          ref: ref?.doc,
          subscription: { conversationId: notice.doc.conversationId },
        });
        return renderCard('actionConfirm', resendConfirmView(turn.tr, notice.doc, item, channel));
      },
    }),
    'report.resend': verb({
      schema: noticeRef,
      action: 'notify.resend',
      run: async (h, data) => {
        const { turn, services } = h;
        const notice = await services.repos.notices.get(turn.tenantId, data.noticeId);
        const outcome = notice ? await services.scanner.resend(turn.tenantId, data.noticeId) : 'notFailed';
        await services.audit.record({
          tenantId: turn.tenantId,
          actor: turn.actor.aadObjectId,
          action: 'notify.resend',
          target: data.noticeId,
          outcome: outcome === 'sent' ? 'success' : 'failed',
          detail: outcome,
        });
        const ref = notice
          ? await services.repos.conversationRefs.get(
              turn.tenantId,
              conversationRefId(notice.doc.conversationId),
            )
          : undefined;
        const channel = channelName({
          ref: ref?.doc,
          subscription: { conversationId: notice?.doc.conversationId ?? '' },
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
};
