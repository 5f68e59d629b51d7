import type { EnrollmentField } from '../../domain/enrollment';
import type { Enrollment } from '../../domain/model';
import { formatDateTime, type Translator } from '../../i18n';
import enrollDetailsTemplate from '../../../cards/enroll/enrollDetails.json';
import enrollQuestionTemplate from '../../../cards/enroll/enrollQuestion.json';
import enrollCodeTemplate from '../../../cards/enroll/enrollCode.json';
import enrollAgreementTemplate from '../../../cards/enroll/enrollAgreement.json';
import { cardTemplate, type ButtonStyle, type CardNotice, type Fact } from '../../cards';

export interface EnrollDetailsView {
  title: string;
  intro: string;
  facts: Fact[];
  problems: { label: string; items: { text: string }[] }[];
  companyLabel: string;
  companyFields: { id: string; label: string; value: string; maxLength: number }[];
  contactLabel: string;
  contactHint: string;
  contactFields: { id: string; label: string; value: string; maxLength: number; style: 'text' | 'email' }[];
  submitTitle: string;
}

export interface EnrollQuestionView {
  title: string;
  text: string;
  buttons: { title: string; style: ButtonStyle; answer: string }[];
}

export interface EnrollCodeView {
  title: string;
  text: string;
  notices: CardNotice[];
  codeLabel: string;
  codePlaceholder: string;
  confirmTitle: string;
  resendTitle: string;
  editTitle: string;
}

export interface EnrollAgreementView {
  title: string;
  intro: string;
  terms: { text: string }[];
  problems: { text: string }[];
  authorityLabel: string;
  acceptLabel: string;
  acceptTitle: string;
  declineTitle: string;
}

export const renderEnrollDetails = cardTemplate<EnrollDetailsView>(enrollDetailsTemplate);
export const renderEnrollQuestion = cardTemplate<EnrollQuestionView>(enrollQuestionTemplate);
export const renderEnrollCode = cardTemplate<EnrollCodeView>(enrollCodeTemplate);
export const renderEnrollAgreement = cardTemplate<EnrollAgreementView>(enrollAgreementTemplate);

/** Values shown in the details form: what was typed (after a failed check) or what is stored. */
export type DetailsValues = Partial<Record<EnrollmentField, string>>;

export function storedDetails(e: Enrollment | undefined): DetailsValues {
  return {
    legalName: e?.company?.legalName,
    street: e?.company?.street,
    city: e?.company?.city,
    region: e?.company?.region,
    postalCode: e?.company?.postalCode,
    country: e?.company?.country,
    contactName: e?.contact?.name,
    contactEmail: e?.contact?.email,
  };
}

const COMPANY: { id: EnrollmentField; max: number }[] = [
  { id: 'legalName', max: 200 },
  { id: 'street', max: 200 },
  { id: 'city', max: 100 },
  { id: 'region', max: 100 },
  { id: 'postalCode', max: 20 },
  { id: 'country', max: 100 },
];

export function enrollDetailsView(
  tr: Translator,
  input: {
    tenantId: string;
    tenantName: string;
    enrollingName: string;
    values: DetailsValues;
    problems: EnrollmentField[];
  },
): EnrollDetailsView {
  const label = (f: EnrollmentField) => tr.t(`enroll.field.${f}`);
  const items = input.problems.map((f) => ({
    text: f === 'contactEmail' ? tr.t('enroll.details.badEmail') : label(f),
  }));
  return {
    title: tr.t('enroll.details.title', { tenant: input.tenantName }),
    intro: tr.t('enroll.details.intro'),
    facts: [
      { title: tr.t('enroll.details.tenant'), value: input.tenantId },
      { title: tr.t('enroll.details.organisation'), value: input.tenantName },
      {
        title: tr.t('enroll.details.signedInAs'),
        value: tr.t('enroll.details.signedInAsValue', { name: input.enrollingName }),
      },
    ],
    problems: items.length > 0 ? [{ label: tr.t('enroll.details.problems'), items }] : [],
    companyLabel: tr.t('enroll.details.company'),
    companyFields: COMPANY.map((f) => ({
      id: f.id,
      label: label(f.id),
      value: input.values[f.id] ?? '',
      maxLength: f.max,
    })),
    contactLabel: tr.t('enroll.details.contact'),
    contactHint: tr.t('enroll.details.contactHint'),
    contactFields: [
      {
        id: 'contactName',
        label: label('contactName'),
        value: input.values.contactName ?? '',
        maxLength: 200,
        style: 'text',
      },
      {
        id: 'contactEmail',
        label: label('contactEmail'),
        value: input.values.contactEmail ?? '',
        maxLength: 320,
        style: 'email',
      },
    ],
    submitTitle: tr.t('enroll.details.continue'),
  };
}

export function enrollFreeMailView(tr: Translator, email: string): EnrollQuestionView {
  return {
    title: tr.t('enroll.freeMail.title'),
    text: tr.t('enroll.freeMail.text', { email }),
    buttons: [
      { title: tr.t('enroll.freeMail.change'), style: 'positive', answer: 'edit' },
      { title: tr.t('enroll.freeMail.keep'), style: 'default', answer: 'keepFreeMail' },
    ],
  };
}

export function enrollAdminAgentView(tr: Translator): EnrollQuestionView {
  return {
    title: tr.t('enroll.adminAgent.title'),
    text: tr.t('enroll.adminAgent.text'),
    buttons: [
      { title: tr.t('enroll.adminAgent.add'), style: 'positive', answer: 'addAdminAgent' },
      { title: tr.t('enroll.adminAgent.skip'), style: 'default', answer: 'skipAdminAgent' },
    ],
  };
}

export type CodeNotice = { kind: 'local'; code: string } | { kind: 'problem'; text: string };

export function enrollCodeView(
  tr: Translator,
  input: {
    email: string;
    contactName: string;
    /** Just sent: explain the code; otherwise say whether one is still waiting. */
    justSent: boolean;
    live?: { expiresAt: string };
    minutes: number;
    attempts: number;
    notices: CodeNotice[];
  },
): EnrollCodeView {
  const text = input.justSent
    ? tr.t('enroll.code.sent', {
        email: input.email,
        name: input.contactName,
        minutes: input.minutes,
        attempts: input.attempts,
      })
    : input.live
      ? tr.t('enroll.code.waiting', {
          email: input.email,
          time: formatDateTime(tr.locale, input.live.expiresAt),
        })
      : tr.t('enroll.code.noneWaiting', { email: input.email });
  return {
    title: tr.t('enroll.code.title'),
    text,
    notices: input.notices.map((n) =>
      n.kind === 'local'
        ? { style: 'accent' as const, text: tr.t('enroll.code.local', { email: input.email, code: n.code }) }
        : { style: 'attention' as const, text: n.text },
    ),
    codeLabel: tr.t('enroll.code.label'),
    codePlaceholder: tr.t('enroll.code.placeholder'),
    confirmTitle: tr.t('enroll.code.confirm'),
    resendTitle: tr.t('enroll.code.resend'),
    editTitle: tr.t('enroll.code.edit'),
  };
}

export function enrollAgreementView(
  tr: Translator,
  input: { company: string; version: string; problem?: string },
): EnrollAgreementView {
  return {
    title: tr.t('enroll.agreement.title', { version: input.version }),
    intro: tr.t('enroll.agreement.intro', { company: input.company }),
    terms: (['term1', 'term2', 'term3', 'term4'] as const).map((k) => ({
      text: tr.t(`enroll.agreement.${k}`),
    })),
    problems: input.problem ? [{ text: input.problem }] : [],
    authorityLabel: tr.t('enroll.agreement.authority', { company: input.company }),
    acceptLabel: tr.t('enroll.agreement.accept', { version: input.version }),
    acceptTitle: tr.t('enroll.agreement.acceptButton'),
    declineTitle: tr.t('enroll.agreement.declineButton'),
  };
}
