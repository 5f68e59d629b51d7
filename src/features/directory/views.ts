import type { Holdings } from '../../domain/directoryAdmin';
import type { Invitation, Member } from '../../domain/model';
import { authorize } from '../../domain/policy';
import { toIsoDate } from '../../domain/dates';
import { formatDate, formatDateTime, joinList, type Translator } from '../../i18n';
import { roleName } from '../roleAdmin/views';
import directoryTemplate from '../../../cards/directory/directory.json';
import directoryRosterTemplate from '../../../cards/directory/directoryRoster.json';
import directoryRemoveTemplate from '../../../cards/directory/directoryRemove.json';
import { cardTemplate, type CardNotice, type Fact, type CardRender } from '../../cards';

export interface DirectoryView {
  title: string;
  notices: CardNotice[];
  countText: string;
  people: Fact[];
  notes: { text: string }[];
  pending: { title: string; lines: { text: string }[] }[];
  /** Empty unless the viewer may add people. */
  addFromTeam: {
    label: string;
    hints: { text: string }[];
    pickers: {
      teamLabel: string;
      teamPlaceholder: string;
      firstTeam: string;
      teams: Fact[];
      showTitle: string;
    }[];
  }[];
  addByEmail: {
    label: string;
    hint: string;
    nameLabel: string;
    emailLabel: string;
    guestLabel: string;
    addTitle: string;
  }[];
  /** Empty unless the viewer may remove people. */
  remove: {
    label: string;
    personLabel: string;
    personPlaceholder: string;
    people: Fact[];
    askTitle: string;
  }[];
  refreshTitle: string;
  updatedAt: string;
}

export interface DirectoryRosterView {
  title: string;
  notices: CardNotice[];
  choose: {
    label: string;
    people: Fact[];
    addTitle: string;
    data: Record<string, string>;
  }[];
  next: { title: string; data: Record<string, string> }[];
  backTitle: string;
}

export interface DirectoryRemoveView {
  title: string;
  notices: CardNotice[];
  paragraphs: { text: string }[];
  transfers: { inputId: string; label: string; people: Fact[] }[];
  warnings: { text: string }[];
  confirmTitle: string;
  confirmData: Record<string, string | boolean>;
  backTitle: string;
}

export const renderDirectory: CardRender<DirectoryView> = cardTemplate(directoryTemplate, {
  directoryInvite: 'directory.invite',
  directoryList: 'directory.list',
  directoryRemoveAsk: 'directory.removeAsk',
  directoryRoster: 'directory.roster',
});
export const renderDirectoryRoster: CardRender<DirectoryRosterView> = cardTemplate(directoryRosterTemplate, {
  directoryAddFromRoster: 'directory.addFromRoster',
  directoryList: 'directory.list',
  directoryRoster: 'directory.roster',
});
export const renderDirectoryRemove: CardRender<DirectoryRemoveView> = cardTemplate(directoryRemoveTemplate, {
  directoryList: 'directory.list',
  directoryRemove: 'directory.remove',
});

export type DirectoryNotice = DirectoryView['notices'][number];

/** People shown and offered in pickers; a longer directory says so. */
export const DIRECTORY_PICKER_LIMIT = 100;
/** Picker value of a person added by e-mail who has not talked to the bot yet. */
export const INVITE_PREFIX = 'invite:';
/** Input id of the "transfer bulk credit to" picker of one benefit. */
export const transferInputId = (benefitId: string): string => `transfer.${benefitId}`;

export interface TeamChoice {
  teamId: string;
  name: string;
}

const personLine = (tr: Translator, m: Member): string =>
  [
    m.email ?? '',
    m.guest ? tr.t('directory.guest') : '',
    m.roles.length > 0 ? m.roles.map((r) => roleName(tr, r)).join(', ') : '',
  ]
    .filter(Boolean)
    .join(' · ') || '—';

export function directoryView(
  tr: Translator,
  input: {
    tenantName: string;
    members: readonly Member[];
    invitations: readonly Invitation[];
    teams: readonly TeamChoice[];
    viewer: Member;
    now: Date;
    notices?: DirectoryNotice[];
  },
): DirectoryView {
  const actor = {
    tenantId: input.viewer.tenantId,
    aadObjectId: input.viewer.aadObjectId,
    roles: input.viewer.roles,
  };
  const canAdd = authorize(actor, 'directory.addMember').allowed;
  const canRemove = authorize(actor, 'directory.removeMember').allowed;
  const people = [...input.members].sort((a, b) => a.name.localeCompare(b.name));
  const shown = people.slice(0, DIRECTORY_PICKER_LIMIT);
  return {
    title: tr.t('directory.title', { tenant: input.tenantName }),
    notices: input.notices ?? [],
    countText: tr.t('directory.count', { count: people.length }),
    people: shown.map((m) => ({ title: m.name, value: personLine(tr, m) })),
    notes:
      people.length > DIRECTORY_PICKER_LIMIT
        ? [{ text: tr.t('directory.peopleNote', { count: DIRECTORY_PICKER_LIMIT }) }]
        : [],
    pending:
      input.invitations.length > 0
        ? [
            {
              title: tr.t('directory.pendingTitle'),
              lines: input.invitations.map((i) => ({
                text: tr.t('directory.pendingLine', {
                  name: i.name,
                  email: i.email,
                  guest: i.guest ? ` · ${tr.t('directory.guest')}` : '',
                }),
              })),
            },
          ]
        : [],
    addFromTeam: canAdd
      ? [
          {
            label: tr.t('directory.addFromTeam'),
            hints: input.teams.length === 0 ? [{ text: tr.t('directory.noTeams') }] : [],
            pickers:
              input.teams.length > 0
                ? [
                    {
                      teamLabel: tr.t('directory.teamLabel'),
                      teamPlaceholder: tr.t('directory.teamPlaceholder'),
                      firstTeam: input.teams[0].teamId,
                      teams: input.teams.map((t) => ({ title: t.name, value: t.teamId })),
                      showTitle: tr.t('directory.showRoster'),
                    },
                  ]
                : [],
          },
        ]
      : [],
    addByEmail: canAdd
      ? [
          {
            label: tr.t('directory.addByEmail'),
            hint: tr.t('directory.addByEmailHint'),
            nameLabel: tr.t('directory.nameLabel'),
            emailLabel: tr.t('directory.emailLabel'),
            guestLabel: tr.t('directory.guestLabel'),
            addTitle: tr.t('directory.add'),
          },
        ]
      : [],
    remove: canRemove
      ? [
          {
            label: tr.t('directory.removeTitle'),
            personLabel: tr.t('directory.personLabel'),
            personPlaceholder: tr.t('directory.personPlaceholder'),
            people: [
              ...shown
                .filter((m) => m.aadObjectId !== input.viewer.aadObjectId)
                .map((m) => ({ title: m.email ? `${m.name} (${m.email})` : m.name, value: m.aadObjectId })),
              ...input.invitations.map((i) => ({
                title: `${i.name} (${i.email})`,
                value: `${INVITE_PREFIX}${i.email}`,
              })),
            ],
            askTitle: tr.t('directory.removeAsk'),
          },
        ]
      : [],
    refreshTitle: tr.t('directory.refresh'),
    updatedAt: tr.t('directory.updatedAt', { time: formatDateTime(tr.locale, input.now) }),
  };
}

export interface RosterEntry {
  aadObjectId: string;
  name: string;
  email?: string;
  guest: boolean;
}

export function directoryRosterView(
  tr: Translator,
  input: {
    teamName: string;
    teamId: string;
    entries: readonly RosterEntry[];
    nextPage?: string;
    notices?: DirectoryNotice[];
  },
): DirectoryRosterView {
  const page = (extra: Record<string, string>) => ({ team: input.teamId, ...extra });
  return {
    title: tr.t('directory.rosterTitle', { team: input.teamName }),
    notices: [
      ...(input.notices ?? []),
      ...(input.entries.length === 0
        ? [{ style: 'default' as const, text: tr.t('directory.rosterNone') }]
        : []),
    ],
    choose:
      input.entries.length > 0
        ? [
            {
              label: tr.t('directory.rosterLabel'),
              people: input.entries.map((e) => ({
                title: [e.name, e.email ? `(${e.email})` : '', e.guest ? `· ${tr.t('directory.guest')}` : '']
                  .filter(Boolean)
                  .join(' '),
                value: e.aadObjectId,
              })),
              addTitle: tr.t('directory.addSelected'),
              data: page({}),
            },
          ]
        : [],
    next: input.nextPage ? [{ title: tr.t('directory.nextPage'), data: page({ page: input.nextPage }) }] : [],
    backTitle: tr.t('directory.back'),
  };
}

/** The confirmation that says what the person holds and what becomes of it. */
export function directoryRemoveView(
  tr: Translator,
  input: {
    holdings: Holdings;
    /** People the bulk credit can go to (the directory minus the person removed). */
    others: readonly Member[];
    viewer: Member;
    now: Date;
    notices?: DirectoryNotice[];
  },
): DirectoryRemoveView {
  const h = input.holdings;
  const name = h.member.name;
  const today = toIsoDate(input.now);
  const paragraphs: { text: string }[] = [];
  for (const seat of h.seats) {
    paragraphs.push({
      text:
        seat.reservedUntil > today
          ? tr.t('directory.holdsSeat', {
              seat: seat.seatNo,
              pool: seat.subscription,
              date: formatDate(tr.locale, seat.reservedUntil),
            })
          : tr.t('directory.holdsSeatFree', { seat: seat.seatNo, pool: seat.subscription }),
    });
  }
  for (const credit of h.monthlyCredits)
    paragraphs.push({ text: tr.t('directory.holdsMonthly', { name, benefit: credit.name }) });
  for (const credit of h.bulkCredits)
    paragraphs.push({ text: tr.t('directory.holdsBulk', { benefit: credit.name }) });
  if (h.roles.length > 0)
    paragraphs.push({
      text: tr.t('directory.holdsRoles', {
        roles: joinList(
          tr.locale,
          h.roles.map((r) => roleName(tr, r)),
          'and',
        ),
      }),
    });
  if (paragraphs.length === 0) paragraphs.push({ text: tr.t('directory.holdsNothing', { name }) });
  const holdsBenefits = h.seats.length + h.monthlyCredits.length + h.bulkCredits.length > 0;
  const warnings: { text: string }[] = [];
  if (h.marketingContact) warnings.push({ text: tr.t('directory.isMarketingContact', { name }) });
  if (holdsBenefits && !input.viewer.roles.includes('GlobalAdmin'))
    warnings.push({ text: tr.t('directory.needsGlobalAdmin') });
  warnings.push({ text: tr.t('directory.comesBack') });
  const others = [...input.others]
    .filter((m) => m.aadObjectId !== h.member.aadObjectId)
    .sort((a, b) => a.name.localeCompare(b.name))
    .slice(0, DIRECTORY_PICKER_LIMIT);
  return {
    title: tr.t('directory.confirmTitle', { name }),
    notices: input.notices ?? [],
    paragraphs,
    transfers: h.bulkCredits.map((c) => ({
      inputId: transferInputId(c.benefitId),
      label: tr.t('directory.transferLabel', { benefit: c.name }),
      people: others.map((m) => ({ title: m.name, value: m.aadObjectId })),
    })),
    warnings,
    confirmTitle: tr.t('directory.confirm'),
    confirmData: { person: h.member.aadObjectId, seen: h.fingerprint, confirm: true },
    backTitle: tr.t('directory.back'),
  };
}
