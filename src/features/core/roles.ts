import type { Member } from '../../domain/model';
import { actionsAllowed } from '../../domain/policy';
import { formatDateTime, type Translator } from '../../i18n';
import rolesTemplate from '../../../cards/core/roles.json';
import { cardTemplate, type CardRender } from '../../cards';

export interface RolesView {
  title: string;
  subtitle: string;
  heldLabel: string;
  roles: { name: string }[];
  allowsLabel: string;
  allows: { text: string }[];
  refreshTitle: string;
  updatedAt: string;
}

export const renderRoles: CardRender<RolesView> = cardTemplate(rolesTemplate, { rolesView: 'roles.view' });

export function rolesView(tr: Translator, member: Member, tenantName: string, now: Date): RolesView {
  return {
    title: tr.t('roles.title'),
    subtitle: tr.t('roles.subtitle', { name: member.name, tenant: tenantName }),
    heldLabel: tr.t('roles.held'),
    roles:
      member.roles.length > 0
        ? member.roles.map((r) => ({ name: tr.t(`role.${r}`) }))
        : [{ name: tr.t('role.none') }],
    allowsLabel: tr.t('roles.allows'),
    allows: actionsAllowed(member.roles).map((a) => ({ text: tr.t(`action.${a}`) })),
    refreshTitle: tr.t('roles.refresh'),
    updatedAt: tr.t('roles.updatedAt', { time: formatDateTime(tr.locale, now) }),
  };
}
