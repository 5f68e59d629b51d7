import { z } from 'zod';
import {
  gtmOverviewCard,
  MARKETING_CONTACT_DIALOG,
  MarketingContactDialog,
} from '../../../dialogs/marketingContact';
import type { GtmState } from '../../domain/gtm';
import { formatDate } from '../../i18n';
import { withTierNames } from '../support/views';
import { activationVerb, type ActivationBinding } from '../shared/activationVerbs';
import { sendCard } from '../shared/reply';
import { defineFeature, verb } from '../feature';
import { gtm as gtmMessages } from './messages';

const pageData = z.object({ page: z.coerce.number().int().min(0).max(1000).optional() }).strict();

/** Activate and Complete now (shared with technical support): the offers card, a notice on top. */
const activation: ActivationBinding<GtmState> = {
  kind: 'gtm',
  service: (services) => services.gtm,
  explain: (err, tr) => withTierNames(err, tr),
  noticeParams: async ({ turn, services }, outcome, state) => {
    const contact = outcome === 'requested' ? await services.gtm.contact(turn.tenantId) : undefined;
    const d = state.benefit.details;
    return {
      name: state.benefit.name,
      days: services.activation.gtmDays,
      contact: contact ? `${contact.name} (${contact.email})` : '',
      date: formatDate(
        turn.tr.locale,
        outcome === 'alreadyPending' && d.requestedOn ? d.requestedOn : state.expiresOn,
      ),
    };
  },
  card: ({ turn, services }, options) => gtmOverviewCard(turn, services, options),
};

/**
 * Go-To-Market: the offers card (status and Expires column, for everyone), the company
 * marketing contact (Global admin or MPN partner admin), and activation, refused until a
 * contact exists; pending for a few days, then active until its expiry.
 */
export const gtmFeature = defineFeature({
  id: 'gtm',
  messages: gtmMessages,
  commands: [
    {
      id: 'gtmOffers',
      phrases: {
        'en-US': ['go-to-market', 'go to market', 'gtm', 'go-to-market offers', 'marketing offers'],
        'zh-CN': ['市场推广', '市场推广优惠'],
      },
      descriptionKey: 'gtm.cmd.offers',
      action: 'benefits.view',
      run: async ({ context, turn, services }) => {
        await sendCard(context, await gtmOverviewCard(turn, services));
      },
    },
    {
      id: 'marketingContact',
      phrases: {
        'en-US': ['marketing contact', 'set marketing contact', 'change marketing contact'],
        'zh-CN': ['营销联系人', '设置营销联系人', '更改营销联系人'],
      },
      descriptionKey: 'gtm.cmd.contact',
      action: 'gtm.setContact',
      run: async ({ dc }) => {
        await dc.beginDialog(MARKETING_CONTACT_DIALOG);
      },
    },
  ],
  verbs: {
    'gtm.view': verb({
      schema: pageData,
      action: 'benefits.view',
      run: ({ turn, services }, data) => gtmOverviewCard(turn, services, { page: data.page }),
    }),
    'gtm.activate': activationVerb(activation, 'activate'),
    'gtm.complete': activationVerb(activation, 'complete'),
  },
  dialogs: (services) => [new MarketingContactDialog(services)],
});
