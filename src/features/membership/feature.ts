import { z } from 'zod';
import { type AdaptiveCard } from '../../cards';
import { RuleViolation } from '../../domain/errors';
import {
  applyForCompetency,
  decideApplication,
  findOffer,
  isEarned,
  renew,
  upgrade,
  type Holdings,
} from '../../domain/membership';
import { MEMBERSHIP_CATALOGUE } from '../../domain/membershipCatalogue';
import { isoDate, type CompetencyApplication, type Membership } from '../../domain/model';
import { formatDate, translator } from '../../i18n';
import {
  applyConfirmView,
  competencyLabel,
  levelNames,
  offerLabel,
  membershipLevelText,
  upgradeConfirmView,
} from './views';
import { explainError, localiseRule } from '../shared/errors';
import { defineFeature, verb, type Handler } from '../feature';
import { sendCard } from '../shared/reply';
import type { BotServices } from '../../services';
import { holdings, membershipCard } from './card';
import { renderActionConfirm } from '../shared/cards';
import { membership as membershipMessages } from './messages';

const catalogue = MEMBERSHIP_CATALOGUE;

/** A rule said no: the card stays, with the reason on top (and the refusal audited). */
async function refusedCard(
  h: Handler,
  err: unknown,
  action: 'membership.renew' | 'membership.upgrade',
): Promise<AdaptiveCard> {
  if (!(err instanceof RuleViolation)) throw err;
  await h.services.audit.record({
    tenantId: h.turn.tenantId,
    actor: h.turn.actor.aadObjectId,
    action,
    target: 'membership',
    outcome: 'rejected',
    detail: err.key,
  });
  const text = await explainError(
    localiseRule(err, h.turn.tr, levelNames(h.turn.tr, catalogue)),
    h.turn.tr,
    h.turn.correlationId,
    undefined,
    undefined,
  );
  return membershipCard(h.turn, h.services, [{ style: 'attention', text }]);
}

/** Re-reads the membership and writes the changed one under its ETag, retrying on a race. */
function changeMembership(
  services: BotServices,
  tenantId: string,
  change: (held: Holdings) => Membership,
): Promise<Membership> {
  return services.memberships.change(tenantId, change);
}

/** An application for a competency: confirmed, recorded as pending, decided by the programme's review. */
async function apply(h: Handler, offerId: string, confirmed: boolean): Promise<AdaptiveCard> {
  const { turn, services } = h;
  const now = services.clock.now();
  const offer = findOffer(catalogue, offerId);
  if (!offer) throw new RuleViolation('membership.upgrade.unknownOffer');
  const applicant = { aadObjectId: turn.actor.aadObjectId, locale: turn.locale };
  if (!confirmed) {
    // Checked now, so the confirmation never offers what would be refused.
    applyForCompetency(catalogue, await holdings(services, turn.tenantId), offerId, now, applicant);
    return renderActionConfirm(applyConfirmView(turn.tr, catalogue, offer));
  }
  let applicationId = '';
  await changeMembership(services, turn.tenantId, (held) => {
    const applied = applyForCompetency(catalogue, held, offerId, now, applicant);
    applicationId = applied.application.id;
    return applied.membership;
  });
  await services.audit.record({
    tenantId: turn.tenantId,
    actor: turn.actor.aadObjectId,
    action: 'membership.upgrade',
    target: applicationId,
    outcome: 'success',
    detail: `applied for ${offerId} (pending review)`,
  });
  return membershipCard(turn, services, [
    {
      style: 'good',
      text: turn.tr.t('membership.apply.sent', { offer: offerLabel(turn.tr, catalogue, offer) }),
    },
  ]);
}

/** The demo stand-in for the programme's review (local mode only); the applicant is told in their chat. */
async function review(h: Handler, applicationId: string, approved: boolean): Promise<AdaptiveCard> {
  const { turn, services } = h;
  if (services.mode !== 'local') throw new RuleViolation('membership.apply.localOnly');
  const now = services.clock.now();
  const reason = approved ? undefined : turn.tr.t('membership.apply.demoReason');
  let decided: CompetencyApplication | undefined;
  await changeMembership(services, turn.tenantId, (held) => {
    if (!held.membership) throw new RuleViolation('membership.apply.unknown');
    const result = decideApplication(catalogue, held.membership, applicationId, { approved, reason }, now);
    decided = result.application;
    return result.membership;
  });
  if (!decided) throw new RuleViolation('membership.apply.unknown');
  const application = decided;
  await services.audit.record({
    tenantId: turn.tenantId,
    actor: turn.actor.aadObjectId,
    action: 'membership.review',
    target: application.id,
    outcome: 'success',
    detail: `${application.status} (local demo review)${application.reason ? `: ${application.reason}` : ''}`,
  });
  const chat = await services.messenger.personalChat(turn.tenantId, application.appliedBy);
  if (chat) {
    const tr = translator(application.locale);
    const offer = competencyLabel(tr, catalogue, application);
    const text = approved
      ? tr.t('membership.apply.toldApproved', { offer })
      : tr.t('membership.apply.toldDeclined', { offer, reason: application.reason ?? '' });
    services.background.run('tell applicant', () => services.messenger.sendText(chat, text));
  }
  const offer = competencyLabel(turn.tr, catalogue, application);
  return membershipCard(turn, services, [
    {
      style: 'good',
      text: turn.tr.t(approved ? 'membership.apply.decidedApproved' : 'membership.apply.decidedDeclined', {
        offer,
      }),
    },
  ]);
}

/** Membership: see it, renew it, upgrade it (card + Universal Actions). */
export const membershipFeature = defineFeature({
  id: 'membership',
  messages: membershipMessages,
  commands: [
    {
      id: 'membership',
      phrases: {
        'en-US': ['membership', 'my membership', 'membership status', 'renew', 'upgrade'],
        'zh-CN': ['会员资格', '会员', '成员身份', '续订', '升级'],
      },
      descriptionKey: 'membership.cmd.membership',
      action: 'membership.view',
      run: async ({ context, turn, services }) => {
        await sendCard(context, await membershipCard(turn, services));
      },
    },
  ],
  verbs: {
    'membership.view': verb({
      schema: z.object({}).strict(),
      action: 'membership.view',
      run: ({ turn, services }) => membershipCard(turn, services),
    }),
    'membership.renew': verb({
      schema: z.object({ expiresOn: isoDate }).strict(),
      action: 'membership.renew',
      run: async (h, data) => {
        const { turn, services } = h;
        try {
          const renewed = await changeMembership(services, turn.tenantId, (held) =>
            renew(catalogue, held.membership, data.expiresOn, services.clock.now()),
          );
          await services.audit.record({
            tenantId: turn.tenantId,
            actor: turn.actor.aadObjectId,
            action: 'membership.renew',
            target: 'membership',
            outcome: 'success',
            detail: `renewed from ${data.expiresOn} to ${renewed.expiresOn ?? ''}`,
          });
          const date = formatDate(turn.tr.locale, renewed.expiresOn ?? '');
          return membershipCard(turn, services, [
            { style: 'good', text: turn.tr.t('membership.renew.done', { date }) },
          ]);
        } catch (err) {
          return refusedCard(h, err, 'membership.renew');
        }
      },
    }),
    'membership.review': verb({
      schema: z
        .object({
          application: z.string().startsWith('application:').max(200),
          decision: z.enum(['approve', 'decline']),
        })
        .strict(),
      action: 'membership.review',
      run: async (h, data) => {
        try {
          return await review(h, data.application, data.decision === 'approve');
        } catch (err) {
          return refusedCard(h, err, 'membership.upgrade');
        }
      },
    }),
    'membership.upgrade': verb({
      schema: z
        .object({ offer: z.string().max(120).optional(), confirm: z.literal(true).optional() })
        .strict(),
      action: 'membership.upgrade',
      run: async (h, data) => {
        const { turn, services } = h;
        if (!data.offer)
          return membershipCard(turn, services, [
            { style: 'warning', text: turn.tr.t('membership.upgrade.chooseFirst') },
          ]);
        const offerId = data.offer;
        try {
          const now = services.clock.now();
          const offer = findOffer(catalogue, offerId);
          if (offer && isEarned(catalogue, offer)) return await apply(h, offerId, Boolean(data.confirm));
          if (!data.confirm) {
            // Check now, so the confirmation never offers what would be refused.
            const held = await holdings(services, turn.tenantId);
            upgrade(catalogue, held, offerId, now);
            const offer = findOffer(catalogue, offerId);
            if (!held.membership || !offer) throw new RuleViolation('membership.upgrade.unknownOffer');
            return renderActionConfirm(upgradeConfirmView(turn.tr, catalogue, held.membership, offer));
          }
          const upgraded = await changeMembership(services, turn.tenantId, (held) =>
            upgrade(catalogue, held, offerId, now),
          );
          await services.audit.record({
            tenantId: turn.tenantId,
            actor: turn.actor.aadObjectId,
            action: 'membership.upgrade',
            target: 'membership',
            outcome: 'success',
            detail: `upgraded to ${offerId}`,
          });
          return membershipCard(turn, services, [
            {
              style: 'good',
              text: turn.tr.t('membership.upgrade.done', {
                level: membershipLevelText(turn.tr, catalogue, upgraded),
              }),
            },
          ]);
        } catch (err) {
          return refusedCard(h, err, 'membership.upgrade');
        }
      },
    }),
  },
});
