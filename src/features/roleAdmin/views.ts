import type { Member } from '../../domain/model';
import { authorize } from '../../domain/policy';
import { ROLES, type Role } from '../../domain/roles';
import { formatDateTime, joinList, type Translator } from '../../i18n';
import roleDirectoryTemplate from '../../../cards/roleAdmin/roleDirectory.json';
import { cardTemplate, type CardNotice, type Fact, type CardRender } from '../../cards';
import { type ActionConfirmView } from '../shared/cards';

export interface RoleDirectoryView {
  title: string;
  notices: CardNotice[];
  groups: { role: string; people: string }[];
  employeesText: string;
  /** Empty unless the viewer may grant or revoke roles. */
  manage: {
    label: string;
    personLabel: string;
    personPlaceholder: string;
    people: Fact[];
    notes: { text: string }[];
    roleLabel: string;
    rolePlaceholder: string;
    roles: Fact[];
    hints: { text: string }[];
    grantTitle: string;
    revokeTitle: string;
  }[];
  refreshTitle: string;
  updatedAt: string;
}

export const renderRoleDirectory: CardRender<RoleDirectoryView> = cardTemplate(roleDirectoryTemplate, {
  rolesGrant: 'roles.grant',
  rolesList: 'roles.list',
  rolesRevoke: 'roles.revoke',
});

export type RoleNotice = RoleDirectoryView['notices'][number];

/** People offered in the person picker; a longer directory says so under the list. */
export const ROLE_PICKER_LIMIT = 100;

export const roleName = (tr: Translator, role: Role): string => tr.t(`role.${role}`);

export function roleDirectoryView(
  tr: Translator,
  input: {
    tenantName: string;
    members: readonly Member[];
    viewer: Member;
    now: Date;
    notices?: RoleNotice[];
  },
): RoleDirectoryView {
  const actor = {
    tenantId: input.viewer.tenantId,
    aadObjectId: input.viewer.aadObjectId,
    roles: input.viewer.roles,
  };
  const people = [...input.members].sort((a, b) => a.name.localeCompare(b.name));
  const canManage = authorize(actor, 'roles.grant').allowed;
  const canManageGa = authorize(actor, 'roles.manageGlobalAdmin').allowed;
  const roles = ROLES.filter((r) => canManageGa || r !== 'GlobalAdmin');
  return {
    title: tr.t('roleAdmin.title', { tenant: input.tenantName }),
    notices: input.notices ?? [],
    groups: ROLES.map((role) => {
      const holders = people.filter((p) => p.roles.includes(role)).map((p) => p.name);
      return {
        role: roleName(tr, role),
        people: holders.length > 0 ? joinList(tr.locale, holders, 'and') : tr.t('roleAdmin.nobody'),
      };
    }),
    employeesText: tr.t('roleAdmin.employees', { count: people.filter((p) => p.roles.length === 0).length }),
    manage: canManage
      ? [
          {
            label: tr.t('roleAdmin.manage'),
            personLabel: tr.t('roleAdmin.person'),
            personPlaceholder: tr.t('roleAdmin.personPlaceholder'),
            people: people.slice(0, ROLE_PICKER_LIMIT).map((p) => ({
              title: p.email ? `${p.name} (${p.email})` : p.name,
              value: p.aadObjectId,
            })),
            notes:
              people.length > ROLE_PICKER_LIMIT
                ? [{ text: tr.t('roleAdmin.peopleNote', { count: ROLE_PICKER_LIMIT }) }]
                : [],
            roleLabel: tr.t('roleAdmin.role'),
            rolePlaceholder: tr.t('roleAdmin.rolePlaceholder'),
            roles: roles.map((r) => ({ title: roleName(tr, r), value: r })),
            hints: canManageGa ? [] : [{ text: tr.t('roleAdmin.gaOnlyHint') }],
            grantTitle: tr.t('roleAdmin.grant'),
            revokeTitle: tr.t('roleAdmin.revoke'),
          },
        ]
      : [],
    refreshTitle: tr.t('roleAdmin.refresh'),
    updatedAt: tr.t('roleAdmin.updatedAt', { time: formatDateTime(tr.locale, input.now) }),
  };
}

/** Granting or revoking the Global admin role is confirmed first. */
export function globalAdminConfirmView(
  tr: Translator,
  op: 'grant' | 'revoke',
  target: Member,
  self: boolean,
): ActionConfirmView {
  return {
    title: tr.t(op === 'grant' ? 'roleAdmin.confirmGrantTitle' : 'roleAdmin.confirmRevokeTitle', {
      name: target.name,
    }),
    paragraphs: [
      {
        text:
          op === 'grant'
            ? tr.t('roleAdmin.confirmGrantText')
            : tr.t('roleAdmin.confirmRevokeText', { name: target.name }),
      },
    ],
    warnings: op === 'revoke' && self ? [{ text: tr.t('roleAdmin.confirmRevokeSelf') }] : [],
    confirmTitle: tr.t('roleAdmin.confirm'),
    confirmVerb: op === 'grant' ? 'roles.grant' : 'roles.revoke',
    confirmData: { person: target.aadObjectId, role: 'GlobalAdmin', confirm: true },
    backTitle: tr.t('roleAdmin.back'),
    backVerb: 'roles.list',
  };
}
