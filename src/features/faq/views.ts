import type { Role } from '../../domain/roles';
import { formatCurrency, joinList, roleList, type Translator } from '../../i18n';
import type { FaqAnswer, RoleRule } from '../../nlu/faq';
import faqTemplate from '../../../cards/faq/faq.json';
import { cardTemplate, type Fact } from '../../cards';
import { type ClarifyView } from '../shared/cards';

/** An answer to a question about the rules; buttons start the related command. */
export interface FaqView {
  title: string;
  paragraphs: { text: string }[];
  hasFacts: boolean;
  facts: Fact[];
  footer: string;
  buttons: { title: string; command: string }[];
}

export const renderFaq = cardTemplate<FaqView>(faqTemplate);

export interface CommandButton {
  title: string;
  command: string;
}

function rolesText(tr: Translator, roles: RoleRule['roles']): string {
  if (roles === 'everyone') return tr.t('faq.everyone');
  return roleList(
    tr.locale,
    roles.map((r) => tr.t(`role.${r}`)),
    'or',
  );
}

const actionText = (tr: Translator, rule: RoleRule) => tr.t(`action.${rule.action}`);

/** The FAQ answer in the person's language: every number comes from the answer (the domain's constants). */
export function faqView(
  tr: Translator,
  answer: FaqAnswer,
  myRoles: readonly Role[],
  buttons: CommandButton[],
  /** Names of the people of this tenant who hold the roles the question is about. */
  holders?: readonly string[],
): FaqView {
  const paragraphs: string[] = [];
  const facts: { title: string; value: string }[] = [];
  switch (answer.topic) {
    case 'reassignSeat':
      paragraphs.push(tr.t('faq.answer.reassignSeat', { days: answer.days }));
      break;
    case 'cancelPackage':
      paragraphs.push(tr.t('faq.answer.cancelPackage', { days: answer.days }));
      break;
    case 'redeemOnce':
      paragraphs.push(
        tr.t('faq.answer.redeemOnce'),
        tr.t('faq.answer.redeemTerm', {
          months: answer.monthsPerKey,
          ratio: answer.maxRatio,
          maxMonths: answer.maxMonths,
        }),
      );
      break;
    case 'azureCredit':
      paragraphs.push(
        tr.t('faq.answer.creditMonthly'),
        tr.t('faq.answer.creditBulk', {
          amounts: joinList(
            tr.locale,
            answer.bulkAmountsUsd.map((a) => formatCurrency(tr.locale, a)),
            'or',
          ),
        }),
      );
      break;
    case 'activationTime':
      paragraphs.push(
        tr.t('faq.answer.activationTime', { supportDays: answer.supportDays, gtmDays: answer.gtmDays }),
      );
      break;
    case 'whichRole': {
      const focus = answer.focus;
      if (focus) {
        paragraphs.push(
          focus.roles === 'everyone'
            ? tr.t('faq.answer.whichRoleEveryone', { action: actionText(tr, focus) })
            : tr.t('error.notAuthorized', {
                action: actionText(tr, focus),
                roles: rolesText(tr, focus.roles),
              }),
        );
        if (holders)
          paragraphs.push(
            holders.length > 0
              ? tr.t('faq.answer.whichRoleHolders', { names: joinList(tr.locale, [...holders], 'and') })
              : tr.t('faq.answer.whichRoleNoHolders'),
          );
      }
      paragraphs.push(tr.t('faq.answer.whichRole'));
      for (const rule of answer.rules)
        facts.push({ title: actionText(tr, rule), value: rolesText(tr, rule.roles) });
      paragraphs.push(
        tr.t('faq.answer.yourRoles', {
          roles:
            myRoles.length > 0
              ? joinList(
                  tr.locale,
                  myRoles.map((r) => tr.t(`role.${r}`)),
                  'and',
                )
              : tr.t('role.none'),
        }),
      );
      break;
    }
    case 'supportKind': {
      paragraphs.push(tr.t('faq.answer.supportKind'));
      for (const kind of answer.kinds) {
        facts.push({
          title: `${kind.label[tr.locale]} (${tr.t(`faq.supportType.${kind.supportType}`)})`,
          value: kind.allowances
            .map((a) =>
              typeof a.count === 'number'
                ? tr.t('faq.support.allowance', {
                    tier: a.tier[tr.locale],
                    count: a.count,
                    unit: tr.t(`faq.unit.${kind.unit}`),
                  })
                : a.count === 'unlimited'
                  ? tr.t('faq.support.unlimited', { tier: a.tier[tr.locale] })
                  : tr.t('faq.support.deducted', {
                      tier: a.tier[tr.locale],
                      from:
                        answer.kinds.find(
                          (k) => k.kind === (a.count as { deductedFrom: string }).deductedFrom,
                        )?.label[tr.locale] ?? '',
                    }),
            )
            .join(tr.t('list.and')),
        });
      }
      if (answer.idsNeededFor.length > 0)
        paragraphs.push(
          tr.t('faq.answer.supportIds', {
            families: joinList(
              tr.locale,
              answer.idsNeededFor.map((f) => f[tr.locale]),
              'and',
            ),
          }),
        );
      break;
    }
  }
  return {
    title: tr.t(`faq.question.${answer.topic}`),
    paragraphs: paragraphs.map((text) => ({ text })),
    hasFacts: facts.length > 0,
    facts,
    footer: tr.t('faq.footer'),
    buttons,
  };
}

/** "Did you mean…?" with one button per likely meaning (the question itself is the message text). */
export function clarifyView(tr: Translator, buttons: CommandButton[]): ClarifyView {
  return { title: tr.t('understand.clarify.title'), buttons };
}
