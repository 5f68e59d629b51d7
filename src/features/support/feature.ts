import { z } from 'zod';
import {
  ACTIVATE_SUPPORT_DIALOG,
  ActivateSupportDialog,
  supportOverviewCard,
  type ActivateSupportOptions,
} from '../../../dialogs/activateSupport';
import type { TechnicalState } from '../../domain/support';
import { formatDate } from '../../i18n';
import { withTierNames } from './views';
import { activationVerb, type ActivationBinding } from '../shared/activationVerbs';
import { defineFeature, verb } from '../feature';
import { support as supportMessages } from './messages';

const pageData = z.object({ page: z.coerce.number().int().min(0).max(1000).optional() }).strict();

/** Activate and Complete now (shared with Go-To-Market): the support card, a notice on top. */
const activation: ActivationBinding<TechnicalState> = {
  kind: 'support',
  service: (services) => services.support,
  explain: (err, tr) => withTierNames(err, tr),
  noticeParams: ({ turn, services }, _outcome, state) => ({
    name: state.benefit.name,
    days: services.activation.supportDays,
    date: state.benefit.details.requestedOn
      ? formatDate(turn.tr.locale, state.benefit.details.requestedOn)
      : '',
  }),
  card: ({ turn, services }, options) => supportOverviewCard(turn, services, options),
};

/**
 * Technical support benefits: the card (everyone sees status and, once active, the Access ID
 * and Contract ID), activation by Global admins and MPN partner admins, completion by hand in
 * local mode, and the guided "open a support request".
 */
export const supportFeature = defineFeature({
  id: 'support',
  messages: supportMessages,
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
    'support.activate': activationVerb(activation, 'activate'),
    'support.complete': activationVerb(activation, 'complete'),
  },
  dialogs: (services) => [new ActivateSupportDialog(services)],
});
