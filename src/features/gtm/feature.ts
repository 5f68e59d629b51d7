import { z } from 'zod';
import {
  goToMarket,
  gtmOverviewCard,
  MARKETING_CONTACT_DIALOG,
  MarketingContactDialog,
} from '../../../dialogs/marketingContact';
import type { AdaptiveCard } from '../../cards';
import { formatDate } from '../../i18n';
import { withTierNames } from '../support/views';
import { sendCard } from '../shared/reply';
import { defineFeature, verb, type Handler } from '../feature';

const benefitData = z.object({ benefitId: z.string().startsWith('benefit:').max(200) }).strict();
const pageData = z.object({ page: z.coerce.number().int().min(0).max(1000).optional() }).strict();

const NOTICE_STYLE = {
  requested: 'good',
  completed: 'good',
  alreadyPending: 'warning',
  alreadyActive: 'good',
} as const;

async function act(
  h: Handler,
  benefitId: string,
  run: () => ReturnType<ReturnType<typeof goToMarket>['activate']>,
): Promise<AdaptiveCard> {
  const { turn, services } = h;
  let result: Awaited<ReturnType<typeof run>>;
  try {
    result = await run();
  } catch (err) {
    throw withTierNames(err, turn.tr);
  }
  const { outcome, state } = result;
  const contact = outcome === 'requested' ? await goToMarket(services).contact(turn.tenantId) : undefined;
  const d = state.benefit.details;
  const text = turn.tr.t(`gtm.notice.${outcome}`, {
    name: state.benefit.name,
    days: services.activation.gtmDays,
    contact: contact ? `${contact.name} (${contact.email})` : '',
    date: formatDate(
      turn.tr.locale,
      outcome === 'alreadyPending' && d.requestedOn ? d.requestedOn : state.expiresOn,
    ),
  });
  return gtmOverviewCard(turn, services, {
    notice: { text, style: NOTICE_STYLE[outcome] },
    focus: benefitId,
  });
}

/**
 * Go-To-Market: the offers card (status and Expires column, for everyone), the company
 * marketing contact (Global admin or MPN partner admin), and activation, refused until a
 * contact exists; pending for a few days, then active until its expiry.
 */
export const gtmFeature = defineFeature({
  id: 'gtm',
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
    'gtm.activate': verb({
      schema: benefitData,
      action: 'gtm.activate',
      run: (h, data) =>
        act(h, data.benefitId, () => goToMarket(h.services).activate(h.turn.actor, data.benefitId)),
    }),
    'gtm.complete': verb({
      schema: benefitData,
      action: 'gtm.complete',
      run: (h, data) =>
        act(h, data.benefitId, () => goToMarket(h.services).complete(h.turn.actor, data.benefitId)),
    }),
  },
  dialogs: (services) => [new MarketingContactDialog(services)],
});
