import { z } from 'zod';
import {
  LIST_BENEFITS_DIALOG,
  ListBenefitsDialog,
  type ListBenefitsOptions,
} from '../../../dialogs/listBenefits';
import { type AdaptiveCard } from '../../cards';
import { isCredit } from '../../domain/azureCredit';
import { RuleViolation } from '../../domain/errors';
import { REDEEM_MODES } from '../../domain/licenceTerm';
import { guid, isoDate, type Benefit } from '../../domain/model';
import { authorize, type Actor } from '../../domain/policy';
import type { BenefitActions } from '../../domain/benefitActions';
import {
  BENEFIT_VIEWS,
  cancelPackageView,
  cancelledNotice,
  creditManageView,
  licenceOptionsView,
  licenceShortTermView,
  redeemedNotice,
  softwareProductView,
  type BenefitsContext,
  type Notice,
} from './views';
import { BENEFIT_TYPES, benefitActions, benefitsContext, categoryCard, summaryCard } from './cards';
import { defineFeature, verb, type Handler } from '../feature';
import { sendCard } from '../shared/reply';
import { seatsFeature } from '../seats/feature';
import { renderBenefitsConfirm, renderCreditManage, renderSoftwareProduct } from './views';
import { benefits as benefitsMessages } from './messages';

/**
 * Benefits: the overview by category ("benefits" / "权益"), software keys, Azure credit,
 * licence keys and package cancellation. The verbs carry ids only; each handler re-reads the
 * records of the turn's tenant, the domain re-checks the rules, and the card that comes back is
 * the server's truth. The dispatcher has asked the policy table before any handler runs.
 */

const benefitId = z.string().startsWith('benefit:').max(200);
const productId = z.string().min(1).max(100);
const keyId = z.string().min(1).max(100);
/** A person picked from the directory; empty when nothing was chosen. */
const person = z.string().max(100).optional();
/**
 * Pressed in a list: post the card with inputs as a new message and keep the list (on `page`).
 * Some clients (the Agents Playground) do not submit the inputs of a card that replaced another.
 */
const post = z.literal(true).optional();
const page = z.number().int().min(0).max(1000).optional();

/** Seat commands the Visual Studio card offers (the seats capability owns them). */
const SEAT_COMMANDS = seatsFeature.commands;

async function context({ turn, services }: Handler): Promise<BenefitsContext> {
  const ctx = await benefitsContext(turn, services);
  const commandPhrase = (id: string) => {
    const c = SEAT_COMMANDS.find((x) => x.id === id);
    return c && (!c.action || authorize(turn.actor, c.action).allowed)
      ? c.phrases[turn.locale][0]
      : undefined;
  };
  return { ...ctx, commandPhrase };
}

function picked(value: string | undefined): string {
  const parsed = guid.safeParse(value);
  if (!parsed.success) throw new RuleViolation('benefits.credit.pickPerson');
  return parsed.data.toLowerCase();
}

async function creditCard(h: Handler, id: string, notice?: Notice): Promise<AdaptiveCard> {
  const ctx = await context(h);
  const benefit = ctx.snapshot.benefits.find((b) => b.id === id);
  if (!benefit || !isCredit(benefit.details)) throw new RuleViolation('benefits.notFound');
  return renderCreditManage(creditManageView(ctx, benefit, notice));
}

async function personName(h: Handler, aadObjectId: string): Promise<string> {
  const m = await h.services.directory.member(h.turn.tenantId, aadObjectId);
  return m?.doc.name ?? h.turn.tr.t('benefits.unknownPerson');
}

const changed = (text: string): Notice => ({ style: 'good', text });

function creditNotice(h: Handler, key: 'added' | 'removed' | 'transferred', name: string, benefit: Benefit) {
  return changed(h.turn.tr.t(`benefits.credit.${key}`, { name, benefit: benefit.name }));
}

/** Adding, removing or moving a person on an Azure credit: the act, then the credit's card saying so. */
function creditChange(
  action: 'credit.addUser' | 'credit.removeUser' | 'credit.transfer',
  said: 'added' | 'removed' | 'transferred',
  act: (actions: BenefitActions, actor: Actor, benefitId: string, person: string) => Promise<Benefit>,
) {
  return verb({
    schema: z.object({ benefitId, person }).strict(),
    action,
    run: async (h, data) => {
      const who = picked(data.person);
      const benefit = await act(benefitActions(h.services), h.turn.actor, data.benefitId, who);
      return creditCard(h, benefit.id, creditNotice(h, said, await personName(h, who), benefit));
    },
  });
}

export const benefitsFeature = defineFeature({
  id: 'benefits',
  messages: benefitsMessages,
  commands: [
    {
      id: 'benefits',
      phrases: {
        'en-US': ['benefits', 'my benefits', 'list benefits', 'show benefits', 'show my benefits'],
        'zh-CN': ['权益', '我的权益', '查看权益', '权益列表'],
      },
      descriptionKey: 'benefits.cmd.list',
      action: 'benefits.view',
      reads: BENEFIT_TYPES,
      run: async ({ dc }) => {
        const options: ListBenefitsOptions = { view: 'summary' };
        await dc.beginDialog(LIST_BENEFITS_DIALOG, options);
      },
    },
    {
      id: 'cancelPackage',
      phrases: {
        'en-US': ['cancel package', 'cancel a package', 'cancel benefit package', 'refund package'],
        'zh-CN': ['取消权益包', '退订权益包'],
      },
      descriptionKey: 'benefits.cmd.cancelPackage',
      action: 'package.cancel',
      run: async ({ dc }) => {
        const options: ListBenefitsOptions = { view: 'packages' };
        await dc.beginDialog(LIST_BENEFITS_DIALOG, options);
      },
    },
  ],
  verbs: {
    'benefits.summary': verb({
      schema: z.object({}).strict(),
      action: 'benefits.view',
      run: async (h) => summaryCard(await context(h)),
    }),

    'benefits.category': verb({
      schema: z.object({ category: z.enum(BENEFIT_VIEWS), page }).strict(),
      action: 'benefits.view',
      run: async (h, data) => categoryCard(await context(h), data.category, data.page ?? 0),
    }),

    /* Software: product details with masked key; the language/OS choice; the reveal. */
    'software.product': verb({
      schema: z.object({ benefitId, productId, post, page }).strict(),
      action: 'benefits.view',
      run: async (h, data) => {
        const found = await benefitActions(h.services).softwareProduct(
          h.turn.tenantId,
          data.benefitId,
          data.productId,
        );
        const ctx = await context(h);
        const card = renderSoftwareProduct(softwareProductView(ctx, found.benefit, found.product));
        if (!data.post) return card;
        await sendCard(h.context, card);
        const notice = h.turn.tr.t('benefits.key.posted', { product: found.product.name });
        return categoryCard(ctx, 'software', data.page ?? 0, { style: 'accent', text: notice });
      },
    }),

    'software.revealKeys': verb({
      schema: z
        .object({
          benefitId,
          productId,
          language: z.string().max(20).optional(),
          osType: z.string().max(50).optional(),
        })
        .strict(),
      action: 'software.revealKeys',
      run: async (h, { language, osType, ...ids }) => {
        // Both are chosen in the card; an empty choice is answered in words, not as bad data.
        if (!language || !osType) throw new RuleViolation('benefits.key.pickBoth');
        const revealed = await benefitActions(h.services).revealKey(h.turn.actor, {
          ...ids,
          language,
          osType,
        });
        return renderSoftwareProduct(
          softwareProductView(await context(h), revealed.benefit, revealed.product, revealed),
        );
      },
    }),

    /* Azure credit: the people of one credit benefit; add, remove, transfer. */
    'credit.view': verb({
      schema: z.object({ benefitId, post, page }).strict(),
      action: 'benefits.view',
      run: async (h, data) => {
        const card = await creditCard(h, data.benefitId);
        if (!data.post) return card;
        await sendCard(h.context, card);
        const ctx = await context(h);
        const benefit = ctx.snapshot.benefits.find((b) => b.id === data.benefitId);
        const notice = h.turn.tr.t('benefits.credit.posted', { benefit: benefit?.name ?? '' });
        return categoryCard(ctx, 'azureCredit', data.page ?? 0, { style: 'accent', text: notice });
      },
    }),

    'credit.addUser': creditChange('credit.addUser', 'added', (a, actor, id, who) =>
      a.addCreditUser(actor, id, who),
    ),
    'credit.removeUser': creditChange('credit.removeUser', 'removed', (a, actor, id, who) =>
      a.removeCreditUser(actor, id, who),
    ),
    'credit.transfer': creditChange('credit.transfer', 'transferred', (a, actor, id, who) =>
      a.transferCredit(actor, id, who),
    ),

    /* Licence keys: both outcomes side by side, then the redemption (twice for a short term). */
    'license.options': verb({
      schema: z.object({ benefitId, keyId }).strict(),
      action: 'license.redeem',
      run: async (h, data) => {
        const actions = benefitActions(h.services);
        const options = await actions.redemptionOptions(h.turn.tenantId, data.benefitId, data.keyId);
        // The key is redeemed in the Microsoft 365 admin centre: the person who may redeem sees it here.
        const key = await actions.revealLicenceKey(h.turn.actor, data.benefitId, data.keyId);
        return renderBenefitsConfirm(
          licenceOptionsView(await context(h), options.benefit, data.keyId, options.plans, false, key),
        );
      },
    }),

    'license.redeem': verb({
      schema: z
        .object({
          benefitId,
          keyId,
          mode: z.enum(REDEEM_MODES),
          expectEndDate: isoDate,
          acceptShortTerm: z.literal(true).optional(),
        })
        .strict(),
      action: 'license.redeem',
      run: async (h, data) => {
        const actions = benefitActions(h.services);
        const outcome = await actions.redeem(h.turn.actor, {
          ...data,
          acceptShortTerm: data.acceptShortTerm === true,
        });
        const ctx = await context(h);
        switch (outcome.kind) {
          case 'redeemed':
            return categoryCard(ctx, 'licence', 0, redeemedNotice(ctx, outcome.benefit, outcome.plan));
          case 'confirmShortTerm':
            return renderBenefitsConfirm(licenceShortTermView(ctx, outcome.benefit, outcome.plan));
          case 'changed': {
            const options = await actions.redemptionOptions(h.turn.tenantId, data.benefitId, data.keyId);
            return renderBenefitsConfirm(
              licenceOptionsView(ctx, options.benefit, data.keyId, options.plans, true),
            );
          }
        }
      },
    }),

    /* Package cancellation: what blocks it or a confirmation, then the cancellation. */
    'package.cancel': verb({
      schema: z
        .object({
          packageId: z.string().startsWith('package:').max(200),
          confirmed: z.literal(true).optional(),
        })
        .strict(),
      action: 'package.cancel',
      run: async (h, data) => {
        const actions = benefitActions(h.services);
        if (!data.confirmed) {
          const { pkg, blocks } = await actions.cancellation(h.turn.tenantId, data.packageId);
          return renderBenefitsConfirm(cancelPackageView(await context(h), pkg.doc, blocks));
        }
        const cancelled = await actions.cancelPackage(h.turn.actor, data.packageId);
        const ctx = await context(h);
        return categoryCard(ctx, 'packages', 0, cancelledNotice(ctx, cancelled));
      },
    }),
  },
  dialogs: (services) => [new ListBenefitsDialog(services)],
});
