import type { ActivationSettings } from '../domain/activation';
import { BULK_CREDIT_AMOUNTS_USD } from '../domain/model';
import { CANCELLATION_WINDOW_DAYS } from '../domain/packageCancellation';
import { MAX_KEY_TO_SEATS_RATIO, MONTHS_PER_KEY_TERM } from '../domain/licenceTerm';
import { POLICY, type Action } from '../domain/policy';
import type { Role } from '../domain/roles';
import { REASSIGN_AFTER_DAYS } from '../domain/seats';
import { SUPPORT_CATALOGUE, type SupportCatalogue, type TechnicalKind } from '../domain/supportCatalogue';
import type { FaqTopic, Intent } from './intents';
import type { CommandId } from '../features/joins';

/**
 * The FAQ: answers to questions about the product's rules, built from the very constants, policy
 * table and catalogues the domain enforces (so an answer can never drift from the rule). This
 * module knows the facts; `views/faq.ts` puts them into words in the person's language.
 */

/** The acts a "which role do I need?" answer lists, in this order. */
export const ROLE_QUESTION_ACTS: readonly Action[] = [
  'seat.request',
  'seat.assign',
  'seat.approve',
  'software.revealKeys',
  'license.redeem',
  'credit.addUser',
  'package.buy',
  'package.cancel',
  'support.activate',
  'gtm.activate',
  'roles.grant',
  'roles.manageGlobalAdmin',
  'enroll.start',
];

/** What someone who asks "who may …" about an intent is asking about. */
const ACT_OF_INTENT: Partial<Record<Intent, Action>> = {
  requestSeat: 'seat.request',
  assignSeat: 'seat.assign',
  softwareKeys: 'software.revealKeys',
  redeemKey: 'license.redeem',
  azureCredits: 'credit.addUser',
  cancelPackage: 'package.cancel',
  activateSupport: 'support.activate',
  marketingContact: 'gtm.activate',
  manageRoles: 'roles.grant',
  enroll: 'enroll.start',
  membership: 'membership.renew',
  notifications: 'notify.subscribe',
};

/** Words that name an act in a role question ("who can reveal product keys?"), most specific first. */
const ACT_WORDS: readonly [RegExp, Action][] = [
  [/redeem|兑换/i, 'license.redeem'],
  [/reassign|重新分配/i, 'seat.reassign'],
  [/approve|批准|审批/i, 'seat.approve'],
  [/assign|分配/i, 'seat.assign'],
  [/release|释放/i, 'seat.release'],
  [/\bkeys?\b|密钥/i, 'software.revealKeys'],
  [/cancel|取消/i, 'package.cancel'],
  [/\bbuy|purchase|购买/i, 'package.buy'],
  [/azure|credit|额度/i, 'credit.addUser'],
  [/support|技术支持/i, 'support.activate'],
  [/go-to-market|\bgtm\b|marketing|市场推广|营销/i, 'gtm.activate'],
  [/audit|审计/i, 'audit.view'],
  [/revoke|撤销/i, 'roles.revoke'],
  [/grant|roles?\b|授予|角色/i, 'roles.grant'],
  [/enrol|注册/i, 'enroll.start'],
  [/renew|续订/i, 'membership.renew'],
  [/upgrade|升级/i, 'membership.upgrade'],
  [/reminder|提醒/i, 'notify.subscribe'],
];

/** The act a role question names in its words, if any. */
export function actOfText(text: string): Action | undefined {
  return ACT_WORDS.find(([pattern]) => pattern.test(text))?.[1];
}

/** Commands (ids) a person may want next, per topic: the answer's buttons. */
export const FAQ_NEXT_COMMANDS: Record<FaqTopic, readonly CommandId[]> = {
  reassignSeat: ['seatPools', 'assignSeat'],
  cancelPackage: ['cancelPackage', 'benefits'],
  redeemOnce: ['benefits'],
  azureCredit: ['benefits'],
  activationTime: ['support', 'gtmOffers'],
  whichRole: ['roleList', 'myRoles'],
  supportKind: ['supportRequest', 'support'],
};

export interface RoleRule {
  action: Action;
  roles: readonly Role[] | 'everyone';
}

export interface SupportRule {
  kind: TechnicalKind;
  label: { 'en-US': string; 'zh-CN': string };
  supportType: 'breakFix' | 'advisory';
  unit: 'incidents' | 'hours';
  allowances: {
    tier: { 'en-US': string; 'zh-CN': string };
    count: number | 'unlimited' | { deductedFrom: TechnicalKind };
  }[];
}

export type FaqAnswer =
  | { topic: 'reassignSeat'; days: number }
  | { topic: 'cancelPackage'; days: number }
  | { topic: 'redeemOnce'; monthsPerKey: number; maxRatio: number; maxMonths: number }
  | { topic: 'azureCredit'; bulkAmountsUsd: readonly number[] }
  | { topic: 'activationTime'; supportDays: number; gtmDays: number }
  | { topic: 'whichRole'; focus?: RoleRule; rules: RoleRule[] }
  | {
      topic: 'supportKind';
      kinds: SupportRule[];
      /** Product families whose requests need the Access ID and Contract ID. */
      idsNeededFor: { 'en-US': string; 'zh-CN': string }[];
    };

export interface FaqFacts {
  activation: Pick<ActivationSettings, 'supportDays' | 'gtmDays'>;
  catalogue?: SupportCatalogue;
}

const ruleOf = (action: Action): RoleRule => ({ action, roles: POLICY[action].allowed });

/**
 * The answer to a rule question. `about` are the other intents the question touched, best first
 * ("who can assign seats?" also reads as `assignSeat`): the act a role question is about.
 */
export function faqAnswer(
  topic: FaqTopic,
  facts: FaqFacts,
  about: readonly Intent[] = [],
  text = '',
): FaqAnswer {
  switch (topic) {
    case 'reassignSeat':
      return { topic, days: REASSIGN_AFTER_DAYS };
    case 'cancelPackage':
      return { topic, days: CANCELLATION_WINDOW_DAYS };
    case 'redeemOnce':
      return {
        topic,
        monthsPerKey: MONTHS_PER_KEY_TERM,
        maxRatio: MAX_KEY_TO_SEATS_RATIO,
        maxMonths: MAX_KEY_TO_SEATS_RATIO * MONTHS_PER_KEY_TERM,
      };
    case 'azureCredit':
      return { topic, bulkAmountsUsd: BULK_CREDIT_AMOUNTS_USD };
    case 'activationTime':
      return { topic, supportDays: facts.activation.supportDays, gtmDays: facts.activation.gtmDays };
    case 'whichRole': {
      const act = actOfText(text) ?? about.map((i) => ACT_OF_INTENT[i]).find((a) => a !== undefined);
      return { topic, focus: act ? ruleOf(act) : undefined, rules: ROLE_QUESTION_ACTS.map(ruleOf) };
    }
    case 'supportKind': {
      const catalogue = facts.catalogue ?? SUPPORT_CATALOGUE;
      const tierLabel = new Map(catalogue.tiers.map((t) => [t.id, t.label]));
      return {
        topic,
        kinds: catalogue.technical.map((t) => ({
          kind: t.kind,
          label: t.label,
          supportType: t.supportType,
          unit: t.unit,
          allowances: catalogue.tiers
            .filter((tier) => t.allowances[tier.id] !== undefined)
            .map((tier) => ({
              tier: tierLabel.get(tier.id) ?? tier.label,
              count: t.allowances[tier.id] ?? 0,
            })),
        })),
        idsNeededFor: catalogue.productFamilies.filter((f) => f.requiresIds).map((f) => f.label),
      };
    }
  }
}
