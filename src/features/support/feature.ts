import { z } from 'zod';
import {
  ACTIVATE_SUPPORT_DIALOG,
  ActivateSupportDialog,
  supportBenefits,
  supportOverviewCard,
  type ActivateSupportOptions,
} from '../../../dialogs/activateSupport';
import type { AdaptiveCard } from '../../cards';
import { formatDate } from '../../i18n';
import { withTierNames } from './views';
import { defineFeature, verb, type Handler } from '../feature';

const benefitData = z.object({ benefitId: z.string().startsWith('benefit:').max(200) }).strict();
const pageData = z.object({ page: z.coerce.number().int().min(0).max(1000).optional() }).strict();

const NOTICE_STYLE = {
  requested: 'good',
  completed: 'good',
  alreadyPending: 'warning',
  alreadyActive: 'good',
} as const;

/** Runs an act of the support service and answers with the card, a notice on top saying what happened. */
async function act(
  h: Handler,
  benefitId: string,
  run: () => ReturnType<ReturnType<typeof supportBenefits>['activate']>,
): Promise<AdaptiveCard> {
  const { turn, services } = h;
  let result: Awaited<ReturnType<typeof run>>;
  try {
    result = await run();
  } catch (err) {
    throw withTierNames(err, turn.tr);
  }
  const { outcome, state } = result;
  const text = turn.tr.t(`support.notice.${outcome}`, {
    name: state.benefit.name,
    days: services.activation.supportDays,
    date: state.benefit.details.requestedOn
      ? formatDate(turn.tr.locale, state.benefit.details.requestedOn)
      : '',
  });
  return supportOverviewCard(turn, services, {
    notice: { text, style: NOTICE_STYLE[outcome] },
    focus: benefitId,
  });
}

/**
 * Technical support benefits: the card (everyone sees status and, once active, the Access ID
 * and Contract ID), activation by Global admins and MPN partner admins, completion by hand in
 * local mode, and the guided "open a support request".
 */
export const supportFeature = defineFeature({
  id: 'support',
  commands: [
    {
      id: 'support',
      phrases: {
        'en-US': ['support', 'technical support', 'technical benefits', 'support benefits'],
        'zh-CN': ['技术支持', '技术权益', '技术支持权益'],
      },
      descriptionKey: 'support.cmd.view',
      action: 'support.view',
      run: async ({ dc }) => {
        await dc.beginDialog(ACTIVATE_SUPPORT_DIALOG, { mode: 'overview' } satisfies ActivateSupportOptions);
      },
    },
    {
      id: 'activateSupport',
      phrases: {
        'en-US': ['activate support', 'activate technical support', 'activate technical benefits'],
        'zh-CN': ['激活技术支持', '激活技术权益'],
      },
      descriptionKey: 'support.cmd.activate',
      action: 'support.activate',
      run: async ({ dc }) => {
        await dc.beginDialog(ACTIVATE_SUPPORT_DIALOG, { mode: 'overview' } satisfies ActivateSupportOptions);
      },
    },
    {
      id: 'supportRequest',
      phrases: {
        'en-US': [
          'open a support request',
          'open support request',
          'support request',
          'file a support request',
        ],
        'zh-CN': ['提交支持请求', '支持请求'],
      },
      descriptionKey: 'support.cmd.request',
      action: 'support.view',
      run: async ({ dc }) => {
        await dc.beginDialog(ACTIVATE_SUPPORT_DIALOG, { mode: 'request' } satisfies ActivateSupportOptions);
      },
    },
  ],
  verbs: {
    'support.view': verb({
      schema: pageData,
      action: 'support.view',
      run: ({ turn, services }, data) => supportOverviewCard(turn, services, { page: data.page }),
    }),
    'support.activate': verb({
      schema: benefitData,
      action: 'support.activate',
      run: (h, data) =>
        act(h, data.benefitId, () => supportBenefits(h.services).activate(h.turn.actor, data.benefitId)),
    }),
    'support.complete': verb({
      schema: benefitData,
      action: 'support.complete',
      run: (h, data) =>
        act(h, data.benefitId, () => supportBenefits(h.services).complete(h.turn.actor, data.benefitId)),
    }),
  },
  dialogs: (services) => [new ActivateSupportDialog(services)],
});
