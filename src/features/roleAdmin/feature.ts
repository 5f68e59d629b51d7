import { z } from 'zod';
import { type AdaptiveCard } from '../../cards';
import { RuleViolation } from '../../domain/errors';
import { guid, personLocale, type Member } from '../../domain/model';
import type { Actor } from '../../domain/policy';
import { RoleAdmin, type RoleChange } from '../../domain/roleAdmin';
import { roleSchema, type Role } from '../../domain/roles';
import { translator } from '../../i18n';
import { globalAdminConfirmView, roleDirectoryView, roleName, type RoleNotice } from './views';
import { explainError } from '../shared/errors';
import { defineFeature, verb, type Handler } from '../feature';
import { sendCard } from '../shared/reply';
import type { BotServices } from '../../services';
import type { Turn } from '../shared/turn';
import { renderRoleDirectory } from './views';
import { renderActionConfirm } from '../shared/cards';
import { roleAdmin as roleAdminMessages } from './messages';

/** Directory size read for the card; the person picker shows the first ROLE_PICKER_LIMIT. */
const DIRECTORY_LIMIT = 500;

export async function roleDirectoryCard(
  turn: Turn,
  services: BotServices,
  notices: RoleNotice[] = [],
): Promise<AdaptiveCard> {
  const [tenant, members] = await Promise.all([
    services.directory.tenant(turn.tenantId),
    services.directory.people(turn.tenantId, {
      orderBy: { field: 'name', direction: 'ASC' },
      limit: DIRECTORY_LIMIT,
    }),
  ]);
  return renderRoleDirectory(
    roleDirectoryView(turn.tr, {
      tenantName: tenant?.name ?? turn.tenantId,
      members: members,
      viewer: turn.member,
      now: services.clock.now(),
      notices,
    }),
  );
}

/**
 * Tells the person whose role changed, in their own chat with the bot, if there is one. The
 * send happens after the card is answered (Teams gives an invoke only a few seconds).
 */
async function tellAffected(h: Handler, change: RoleChange): Promise<boolean> {
  const { services, turn } = h;
  const chat = await services.messenger.personalChat(turn.tenantId, change.member.aadObjectId);
  if (!chat) return false;
  const tenant = await services.directory.tenant(turn.tenantId);
  const tr = translator(personLocale(change.member, tenant?.locale ?? 'en-US'));
  const text = tr.t(change.op === 'grant' ? 'roleAdmin.youWereGranted' : 'roleAdmin.youWereRevoked', {
    actor: turn.member.name,
    role: roleName(tr, change.role),
    tenant: tenant?.name ?? turn.tenantId,
  });
  services.background.run('tell role change', () => services.messenger.sendText(chat, text));
  return true;
}

// Teams sends the card's inputs (person, role) with every button of the card, Refresh included:
// each verb reads what it uses and ignores the rest (zod strips unknown keys).
const changeSchema = z.object({
  person: guid.optional(),
  role: roleSchema.optional(),
  confirm: z.literal(true).optional(),
});

/** The acting person as stored now: a role lost a moment ago no longer counts. */
async function freshActor(h: Handler, roleAdmin: RoleAdmin): Promise<Actor> {
  const me = await roleAdmin.person(h.turn.tenantId, h.turn.actor.aadObjectId);
  return { tenantId: h.turn.tenantId, aadObjectId: me.doc.aadObjectId, roles: me.doc.roles };
}

async function changeRole(
  h: Handler,
  op: 'grant' | 'revoke',
  data: z.infer<typeof changeSchema>,
): Promise<AdaptiveCard> {
  const { turn, services } = h;
  if (!data.person || !data.role)
    return roleDirectoryCard(turn, services, [
      { style: 'warning', text: turn.tr.t('roleAdmin.chooseFirst') },
    ]);
  const role: Role = data.role;
  const roleAdmin = services.roleAdmin;
  try {
    const actor = await freshActor(h, roleAdmin);
    const action = op === 'grant' ? 'roles.grant' : 'roles.revoke';
    await services.authorizer.require(actor, action, `member:${data.person}`);
    if (role === 'GlobalAdmin')
      await services.authorizer.require(actor, 'roles.manageGlobalAdmin', `member:${data.person}`);
    // The person is re-read in the actor's own tenant: an id from a card proves nothing.
    const target = await roleAdmin.person(turn.tenantId, data.person);
    if (role === 'GlobalAdmin' && !data.confirm) {
      const needed = op === 'grant' ? !target.doc.roles.includes(role) : target.doc.roles.includes(role);
      if (needed)
        return renderActionConfirm(
          globalAdminConfirmView(turn.tr, op, target.doc, target.doc.aadObjectId === actor.aadObjectId),
        );
    }
    const change =
      op === 'grant'
        ? await roleAdmin.grant(actor, data.person, role)
        : await roleAdmin.revoke(actor, data.person, role);
    const notices: RoleNotice[] = [{ style: 'good', text: doneText(turn, change) }];
    const told = change.member.aadObjectId !== actor.aadObjectId && (await tellAffected(h, change));
    if (change.member.aadObjectId !== actor.aadObjectId)
      notices.push({
        style: told ? 'default' : 'warning',
        text: turn.tr.t(told ? 'roleAdmin.told' : 'roleAdmin.notTold', { name: change.member.name }),
      });
    return roleDirectoryCard(turn, services, notices);
  } catch (err) {
    if (!(err instanceof RuleViolation)) throw err;
    const text = await explainError(err, turn.tr, turn.correlationId, undefined, undefined);
    return roleDirectoryCard(turn, services, [{ style: 'attention', text }]);
  }
}

function doneText(turn: Turn, change: { member: Member; role: Role; op: 'grant' | 'revoke' }): string {
  return turn.tr.t(change.op === 'grant' ? 'roleAdmin.granted' : 'roleAdmin.revoked', {
    name: change.member.name,
    role: roleName(turn.tr, change.role),
  });
}

/** Who holds which role; granting and revoking them (card + Universal Actions). */
export const roleAdminFeature = defineFeature({
  id: 'roleAdmin',
  messages: roleAdminMessages,
  commands: [
    {
      id: 'roleList',
      phrases: {
        'en-US': ['who are the admins', 'admins', 'list roles', 'manage roles', 'role list'],
        'zh-CN': ['谁是管理员', '管理员', '管理角色', '角色列表'],
      },
      descriptionKey: 'roleAdmin.cmd.list',
      action: 'roles.list',
      run: async ({ context, turn, services }) => {
        await sendCard(context, await roleDirectoryCard(turn, services));
      },
    },
  ],
  verbs: {
    'roles.list': verb({
      schema: z.object({}),
      action: 'roles.list',
      run: ({ turn, services }) => roleDirectoryCard(turn, services),
    }),
    'roles.grant': verb({
      schema: changeSchema,
      action: 'roles.grant',
      run: (h, data) => changeRole(h, 'grant', data),
    }),
    'roles.revoke': verb({
      schema: changeSchema,
      action: 'roles.revoke',
      run: (h, data) => changeRole(h, 'revoke', data),
    }),
  },
});
