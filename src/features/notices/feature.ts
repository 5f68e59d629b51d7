import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { RuleViolation } from '../../domain/errors';
import { subscriptionId, type NoticeSubscription } from '../../domain/model';
import { DEFAULT_THRESHOLDS } from '../../domain/notices';
import type { Versioned } from '../../domain/ports';
import { NOTICE_KINDS, noticeSubscriptionView } from './views';
import { defineFeature, verb, type Handler, type MessageHandler } from '../feature';
import { conversationKey, saveConversationRef } from '../shared/installations';
import { sendCard } from '../shared/reply';
import type { BotServices } from '../../services';
import { renderNoticeSubscription } from './views';
import { renderMessage } from '../shared/cards';
import { notices as noticesMessages } from './messages';

/** Expiry reminders: a channel subscribes, picks kinds; admins set thresholds and language. */

function inChannel(context: TurnContext): boolean {
  return context.activity.conversation?.conversationType === 'channel';
}

function updateSubscription(
  services: BotServices,
  tenantId: string,
  id: string,
  patch: (s: NoticeSubscription) => NoticeSubscription,
): Promise<Versioned<NoticeSubscription>> {
  return services.noticeSubscriptions.update(tenantId, id, patch);
}

async function thresholdsOf(services: BotServices, tenantId: string): Promise<number[]> {
  return (await services.directory.tenant(tenantId))?.noticeThresholds ?? DEFAULT_THRESHOLDS;
}

async function subscribe({ context, turn, services }: MessageHandler): Promise<void> {
  if (!inChannel(context)) {
    await context.sendActivity(turn.tr.t('notices.channelOnly'));
    return;
  }
  const ref = await saveConversationRef(context, services, turn.tenantId);
  const id = subscriptionId(ref.conversationId);
  const fresh: NoticeSubscription = {
    type: 'noticeSubscription',
    id,
    tenantId: turn.tenantId,
    conversationId: ref.conversationId,
    categories: [],
    active: true,
    createdBy: turn.actor.aadObjectId,
    createdAt: services.clock.now().toISOString(),
    locale: turn.locale,
  };
  const sub = await services.noticeSubscriptions.subscribe(fresh, (s) => ({
    ...s,
    active: true,
    disabledReason: undefined,
    createdBy: turn.actor.aadObjectId,
    locale: turn.locale,
  }));
  await services.audit.record({
    tenantId: turn.tenantId,
    actor: turn.actor.aadObjectId,
    action: 'notify.subscribe',
    target: ref.conversationId,
    outcome: 'success',
  });
  await sendCard(
    context,
    renderNoticeSubscription(
      noticeSubscriptionView(turn.tr, sub, await thresholdsOf(services, turn.tenantId)),
    ),
  );
}

async function unsubscribe(h: Handler, conversationId: string): Promise<string> {
  const { turn, services } = h;
  await updateSubscription(services, turn.tenantId, subscriptionId(conversationId), (s) => ({
    ...s,
    active: false,
    disabledReason: 'turned off by an admin',
  }));
  await services.audit.record({
    tenantId: turn.tenantId,
    actor: turn.actor.aadObjectId,
    action: 'notify.unsubscribe',
    target: conversationId,
    outcome: 'success',
  });
  return turn.tr.t('notices.unsubscribed');
}

/** "30 7 1" → [30, 7, 1]; [] when invalid. */
function parseThresholds(args: string): number[] {
  const numbers = args
    .split(/[\s,，、]+/)
    .filter(Boolean)
    .map(Number);
  const valid =
    numbers.length >= 1 &&
    numbers.length <= 6 &&
    numbers.every((x) => Number.isInteger(x) && x >= 1 && x <= 365);
  return valid ? [...new Set(numbers)].sort((a, b) => b - a) : [];
}

const messageResponseText = (text: string) => renderMessage({ style: 'default', title: '', text });

export const noticesFeature = defineFeature({
  id: 'notices',
  messages: noticesMessages,
  commands: [
    {
      id: 'noticesSubscribe',
      phrases: {
        'en-US': ['post expiry reminders here', 'expiry reminders here', 'subscribe to expiry reminders'],
        'zh-CN': ['在这个频道发送到期提醒', '在此频道发送到期提醒', '到期提醒'],
      },
      descriptionKey: 'notices.cmd.subscribe',
      action: 'notify.subscribe',
      scope: 'channel',
      run: subscribe,
    },
    {
      id: 'noticesUnsubscribe',
      phrases: { 'en-US': ['stop expiry reminders', 'stop reminders'], 'zh-CN': ['停止到期提醒'] },
      descriptionKey: 'notices.cmd.unsubscribe',
      action: 'notify.unsubscribe',
      scope: 'channel',
      run: async (h) => {
        if (!inChannel(h.context)) {
          await h.context.sendActivity(h.turn.tr.t('notices.channelOnly'));
          return;
        }
        await h.context.sendActivity(await unsubscribe(h, conversationKey(h.context)));
      },
    },
    {
      id: 'noticesRun',
      phrases: { 'en-US': ['check expiry now', 'run expiry check'], 'zh-CN': ['立即检查到期'] },
      descriptionKey: 'notices.cmd.run',
      action: 'notify.run',
      run: async ({ context, turn, services }) => {
        // The actor's tenant only: one tenant's admin never posts into, or counts, another's channels.
        const report = await services.scanner.run({ tenantId: turn.tenantId });
        await context.sendActivity(
          report.ran
            ? turn.tr.t('notices.ran', { sent: report.sent, skipped: report.skipped, failed: report.failed })
            : turn.tr.t('notices.busy'),
        );
      },
    },
    {
      id: 'noticesThresholds',
      phrases: { 'en-US': ['reminder days'], 'zh-CN': ['提醒天数'] },
      takesArguments: true,
      descriptionKey: 'notices.cmd.thresholds',
      action: 'notify.subscribe',
      run: async ({ context, turn, services, args }) => {
        const thresholds = parseThresholds(args);
        if (thresholds.length === 0) {
          await context.sendActivity(turn.tr.t('notices.thresholdsInvalid'));
          return;
        }
        await services.directory.updateTenant(turn.tenantId, (t) => ({ ...t, noticeThresholds: thresholds }));
        await services.audit.record({
          tenantId: turn.tenantId,
          actor: turn.actor.aadObjectId,
          action: 'notify.subscribe',
          target: 'thresholds',
          outcome: 'success',
          detail: thresholds.join(','),
        });
        await context.sendActivity(turn.tr.t('notices.thresholdsSet', { thresholds: thresholds.join(', ') }));
      },
    },
    {
      id: 'noticesLanguageZh',
      phrases: { 'en-US': ['reminders in Chinese'], 'zh-CN': ['提醒使用中文'] },
      descriptionKey: 'notices.cmd.languageZh',
      action: 'notify.subscribe',
      run: async ({ context, turn, services }) => {
        await services.directory.updateTenant(turn.tenantId, (t) => ({ ...t, locale: 'zh-CN' }));
        await context.sendActivity(turn.tr.t('notices.languageSetZh'));
      },
    },
    {
      id: 'noticesLanguageEn',
      phrases: { 'en-US': ['reminders in English'], 'zh-CN': ['提醒使用英文'] },
      descriptionKey: 'notices.cmd.languageEn',
      action: 'notify.subscribe',
      run: async ({ context, turn, services }) => {
        await services.directory.updateTenant(turn.tenantId, (t) => ({ ...t, locale: 'en-US' }));
        await context.sendActivity(turn.tr.t('notices.languageSetEn'));
      },
    },
  ],
  verbs: {
    'notify.categories': verb({
      schema: z
        .object({
          subscriptionId: z.string().startsWith('subscription:').max(600),
          categories: z.string().max(500).optional(),
        })
        .strict(),
      action: 'notify.subscribe',
      run: async ({ turn, services }, data) => {
        const chosen = (data.categories ?? '')
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean);
        if (!chosen.every((c) => (NOTICE_KINDS as readonly string[]).includes(c)))
          throw new RuleViolation('error.invalidAction');
        const sub = await updateSubscription(services, turn.tenantId, data.subscriptionId, (s) => ({
          ...s,
          categories: chosen,
        }));
        await services.audit.record({
          tenantId: turn.tenantId,
          actor: turn.actor.aadObjectId,
          action: 'notify.subscribe',
          target: data.subscriptionId,
          outcome: 'success',
          detail: chosen.join(',') || 'all',
        });
        return renderNoticeSubscription(
          noticeSubscriptionView(turn.tr, sub.doc, await thresholdsOf(services, turn.tenantId)),
        );
      },
    }),
    'notify.unsubscribe': verb({
      schema: z
        .object({
          subscriptionId: z.string().startsWith('subscription:').max(600),
          categories: z.string().max(500).optional(),
        })
        .strict(),
      action: 'notify.unsubscribe',
      run: async (h, data) => {
        const sub = await h.services.noticeSubscriptions.get(h.turn.tenantId, data.subscriptionId);
        if (!sub) throw new RuleViolation('notices.notSubscribed');
        return messageResponseText(await unsubscribe(h, sub.conversationId));
      },
    }),
  },
});
