import { TeamsInfo, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { type AdaptiveCard } from '../../cards';
import type { DirectoryAdmin, RosterPerson } from '../../domain/directoryAdmin';
import { NotAuthorizedError, RuleViolation } from '../../domain/errors';
import { guid } from '../../domain/model';
import type { Actor } from '../../domain/policy';
import {
  directoryRemoveView,
  directoryRosterView,
  directoryView,
  INVITE_PREFIX,
  transferInputId,
  type DirectoryNotice,
  type RosterEntry,
  type TeamChoice,
} from './views';
import { explainTo } from '../shared/errors';
import { defineFeature, verb, type Handler } from '../feature';
import { sendCard } from '../shared/reply';
import type { BotServices } from '../../services';
import type { Turn } from '../shared/turn';
import { renderDirectory, renderDirectoryRemove, renderDirectoryRoster } from './views';
import { directory as directoryMessages } from './messages';

/** Members read per roster page (Teams allows up to 500; a card holds far fewer comfortably). */
const ROSTER_PAGE_SIZE = 50;
/** Pages read at most when checking the chosen people against the roster. */
const ROSTER_MAX_PAGES = 40;
const DIRECTORY_LIMIT = 500;

const admin = (s: BotServices): DirectoryAdmin => s.directoryAdmin;

/** The acting person as stored now: a role lost a moment ago no longer counts. */
async function freshActor({ turn, services }: Handler): Promise<Actor> {
  const me = await services.roleAdmin.person(turn.tenantId, turn.actor.aadObjectId);
  return { tenantId: turn.tenantId, aadObjectId: me.doc.aadObjectId, roles: me.doc.roles };
}

/** Teams of this tenant where the bot is installed (from the saved channel references). */
async function teamsOf(services: BotServices, tenantId: string): Promise<TeamChoice[]> {
  const refs = await services.installations.activeChannels(tenantId);
  const byTeam = new Map<string, TeamChoice>();
  for (const r of refs) {
    if (r.teamId && !byTeam.has(r.teamId))
      byTeam.set(r.teamId, { teamId: r.teamId, name: r.teamName ?? r.teamId });
  }
  return [...byTeam.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export async function directoryCard(
  turn: Turn,
  services: BotServices,
  notices: DirectoryNotice[] = [],
): Promise<AdaptiveCard> {
  const [tenant, members, invitations, teams] = await Promise.all([
    services.directory.tenant(turn.tenantId),
    services.directory.people(turn.tenantId, {
      orderBy: { field: 'name', direction: 'ASC' },
      limit: DIRECTORY_LIMIT,
    }),
    admin(services).invitations(turn.tenantId),
    teamsOf(services, turn.tenantId),
  ]);
  return renderDirectory(
    directoryView(turn.tr, {
      tenantName: tenant?.name ?? turn.tenantId,
      members,
      invitations,
      teams,
      viewer: turn.member,
      now: services.clock.now(),
      notices,
    }),
  );
}

async function explain(h: Handler, err: unknown): Promise<DirectoryNotice> {
  return {
    style: 'attention',
    text: await explainTo(h, err),
  };
}

const expected = (err: unknown) => err instanceof RuleViolation || err instanceof NotAuthorizedError;

/* ------------------------------------------------------------ the roster (read from Teams) */

interface RosterPage {
  people: RosterPerson[];
  continuationToken?: string;
}

async function rosterPage(context: TurnContext, teamId: string, token?: string): Promise<RosterPage> {
  const page = await TeamsInfo.getPagedTeamMembers(context, teamId, ROSTER_PAGE_SIZE, token);
  const people: RosterPerson[] = [];
  for (const m of page.members ?? []) {
    // Anonymous participants and accounts without an Entra id cannot be given benefits.
    if (!m.aadObjectId || m.userRole === 'anonymous') continue;
    people.push({
      aadObjectId: m.aadObjectId.toLowerCase(),
      name: m.name ?? m.givenName ?? m.aadObjectId,
      email: m.email ?? m.userPrincipalName ?? undefined,
      teamsUserId: m.id,
      guest: m.userRole === 'guest',
    });
  }
  return { people, continuationToken: page.continuationToken ?? undefined };
}

/** The team, if the bot is installed in it in this tenant: a team id from a card proves nothing. */
async function teamOf(h: Handler, teamId: string | undefined): Promise<TeamChoice> {
  if (!teamId) throw new RuleViolation('directory.chooseTeamFirst');
  const team = (await teamsOf(h.services, h.turn.tenantId)).find((t) => t.teamId === teamId);
  if (!team) throw new RuleViolation('directory.unknownTeam');
  return team;
}

async function rosterCard(h: Handler, teamId: string | undefined, token?: string): Promise<AdaptiveCard> {
  const { turn, services, context } = h;
  try {
    const team = await teamOf(h, teamId);
    const page = await rosterPage(context, team.teamId, token).catch((err: unknown) => {
      services.logger.warn({ err, correlationId: turn.correlationId }, 'could not read a team roster');
      throw new RuleViolation('directory.rosterUnavailable');
    });
    const known = await Promise.all(
      page.people.map((p) => services.directory.member(turn.tenantId, p.aadObjectId)),
    );
    const entries: RosterEntry[] = page.people.filter((_, i) => !known[i]);
    return renderDirectoryRoster(
      directoryRosterView(turn.tr, {
        teamName: team.name,
        teamId: team.teamId,
        entries,
        nextPage: page.continuationToken,
      }),
    );
  } catch (err) {
    if (!expected(err)) throw err;
    return directoryCard(turn, services, [await explain(h, err)]);
  }
}

/** The chosen people as Teams lists them now (their names, e-mails and guest flags come from Teams). */
async function chosenFromRoster(
  context: TurnContext,
  teamId: string,
  ids: Set<string>,
): Promise<RosterPerson[]> {
  const found: RosterPerson[] = [];
  let token: string | undefined;
  for (let pages = 0; pages < ROSTER_MAX_PAGES; pages += 1) {
    const page = await rosterPage(context, teamId, token);
    found.push(...page.people.filter((p) => ids.has(p.aadObjectId)));
    token = page.continuationToken;
    if (!token || found.length === ids.size) break;
  }
  return found;
}

/**
 * Every input of the directory card: Action.Execute sends them all with whichever button was
 * pressed, so each of its verbs accepts them (and reads only its own).
 */
const directoryCardInputs = {
  team: z.string().max(500).optional(),
  name: z.string().max(400).optional(),
  email: z.string().max(400).optional(),
  guest: z.enum(['true', 'false']).optional(),
  person: z.string().max(400).optional(),
};
/** "Show its members" on the directory card, and "Next page" on the roster card (with its picks). */
const rosterSchema = z
  .object({
    ...directoryCardInputs,
    page: z.string().max(1000).optional(),
    people: z.string().max(2400).optional(),
  })
  .strict();
const addFromRosterSchema = z
  .object({
    team: z.string().max(500),
    page: z.string().max(1000).optional(),
    people: z
      .string()
      .max(40 * 60)
      .optional(),
  })
  .strict();

async function addFromRoster(h: Handler, data: z.infer<typeof addFromRosterSchema>): Promise<AdaptiveCard> {
  const { turn, services, context } = h;
  const ids = new Set(
    (data.people ?? '')
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter((s) => guid.safeParse(s).success),
  );
  if (ids.size === 0)
    return directoryCard(turn, services, [{ style: 'warning', text: turn.tr.t('directory.chooseFirst') }]);
  try {
    const actor = await freshActor(h);
    await services.authorizer.require(actor, 'directory.addMember');
    const team = await teamOf(h, data.team);
    const people = await chosenFromRoster(context, team.teamId, ids).catch((err: unknown) => {
      services.logger.warn({ err, correlationId: turn.correlationId }, 'could not read a team roster');
      throw new RuleViolation('directory.rosterUnavailable');
    });
    const notices: DirectoryNotice[] = [];
    const added: string[] = [];
    for (const person of people) {
      try {
        const m = await admin(services).addFromRoster(actor, person);
        added.push(m.guest ? `${m.name} (${turn.tr.t('directory.guest')})` : m.name);
      } catch (err) {
        if (!expected(err)) throw err;
        notices.push(await explain(h, err));
      }
    }
    if (people.length < ids.size)
      notices.push({
        style: 'warning',
        text: turn.tr.t('directory.notOnRoster', { count: ids.size - people.length }),
      });
    if (added.length > 0) {
      notices.unshift(
        { style: 'good', text: turn.tr.t('directory.added', { names: added.join(', ') }) },
        { style: 'default', text: turn.tr.t('directory.addedNext') },
      );
    }
    return directoryCard(turn, services, notices);
  } catch (err) {
    if (!expected(err)) throw err;
    return directoryCard(turn, services, [await explain(h, err)]);
  }
}

const inviteSchema = z.object(directoryCardInputs).strict();

async function invite(h: Handler, data: z.infer<typeof inviteSchema>): Promise<AdaptiveCard> {
  const { turn, services } = h;
  try {
    const actor = await freshActor(h);
    const invitation = await admin(services).invite(actor, {
      name: data.name ?? '',
      email: data.email ?? '',
      guest: data.guest === 'true',
    });
    return directoryCard(turn, services, [
      {
        style: 'good',
        text: turn.tr.t('directory.invited', { name: invitation.name, email: invitation.email }),
      },
    ]);
  } catch (err) {
    if (!expected(err)) throw err;
    return directoryCard(turn, services, [await explain(h, err)]);
  }
}

/* ------------------------------------------------------------ removing */

const personValue = z.string().max(400);
const removeAskSchema = z.object({ ...directoryCardInputs, person: personValue.optional() }).strict();
const removeSchema = z
  .object({ person: guid, seen: z.string().max(4000), confirm: z.literal(true) })
  .catchall(z.string().max(100));

async function removeCard(
  h: Handler,
  person: string,
  notices: DirectoryNotice[] = [],
): Promise<AdaptiveCard> {
  const { turn, services } = h;
  const holdings = await admin(services).holdings(turn.tenantId, person);
  const others = await services.directory.people(turn.tenantId, {
    orderBy: { field: 'name', direction: 'ASC' },
    limit: DIRECTORY_LIMIT,
  });
  return renderDirectoryRemove(
    directoryRemoveView(turn.tr, {
      holdings,
      others,
      viewer: turn.member,
      now: services.clock.now(),
      notices,
    }),
  );
}

async function removeAsk(h: Handler, data: z.infer<typeof removeAskSchema>): Promise<AdaptiveCard> {
  const { turn, services } = h;
  if (!data.person)
    return directoryCard(turn, services, [{ style: 'warning', text: turn.tr.t('directory.chooseFirst') }]);
  try {
    const actor = await freshActor(h);
    if (data.person.startsWith(INVITE_PREFIX)) {
      const withdrawn = await admin(services).withdrawInvitation(
        actor,
        data.person.slice(INVITE_PREFIX.length),
      );
      return directoryCard(turn, services, [
        {
          style: 'good',
          text: turn.tr.t('directory.removedInvitation', { name: withdrawn.name, email: withdrawn.email }),
        },
      ]);
    }
    if (!guid.safeParse(data.person).success) throw new RuleViolation('directory.unknownPerson');
    await services.authorizer.require(actor, 'directory.removeMember', `member:${data.person}`);
    if (data.person.toLowerCase() === actor.aadObjectId) throw new RuleViolation('directory.notYourself');
    return await removeCard(h, data.person);
  } catch (err) {
    if (!expected(err)) throw err;
    return directoryCard(turn, services, [await explain(h, err)]);
  }
}

async function remove(h: Handler, data: z.infer<typeof removeSchema>): Promise<AdaptiveCard> {
  const { turn, services } = h;
  const transfers: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    if (!key.startsWith(transferInputId('')) || typeof value !== 'string') continue;
    if (guid.safeParse(value).success) transfers[key.slice(transferInputId('').length)] = value.toLowerCase();
  }
  try {
    const actor = await freshActor(h);
    const outcome = await admin(services).remove(
      actor,
      data.person,
      { seen: data.seen, transfers },
      {
        seats: services.seats,
        benefits: services.benefitActions,
        roles: services.roleAdmin,
      },
    );
    if (outcome.kind === 'changed')
      return await removeCard(h, data.person, [
        { style: 'warning', text: turn.tr.t('directory.changed', { name: outcome.holdings.member.name }) },
      ]);
    return directoryCard(turn, services, [
      { style: 'good', text: turn.tr.t('directory.removed', { name: outcome.holdings.member.name }) },
    ]);
  } catch (err) {
    if (!expected(err)) throw err;
    const notice = await explain(h, err);
    // Show the confirmation again with the reason, while the person is still there.
    const still = await services.directory.member(turn.tenantId, data.person);
    return still ? removeCard(h, data.person, [notice]) : directoryCard(turn, services, [notice]);
  }
}

/** The directory: who is in it; adding people from a team's roster or by e-mail; removing them. */
export const directoryFeature = defineFeature({
  id: 'directory',
  messages: directoryMessages,
  commands: [
    {
      id: 'people',
      phrases: {
        'en-US': ['people', 'directory', 'manage people', 'add person', 'add people', 'remove person'],
        'zh-CN': ['人员', '目录', '管理人员', '添加人员', '移除人员'],
      },
      descriptionKey: 'directory.cmd.people',
      action: 'directory.view',
      run: async ({ context, turn, services }) => {
        await sendCard(context, await directoryCard(turn, services));
      },
    },
  ],
  verbs: {
    'directory.list': verb({
      // Back and Refresh carry whatever the card they sit on holds; nothing of it is read.
      schema: z.object({}).catchall(z.string().max(2400)),
      action: 'directory.view',
      run: ({ turn, services }) => directoryCard(turn, services),
    }),
    'directory.roster': verb({
      schema: rosterSchema,
      action: 'directory.addMember',
      run: (h, data) => rosterCard(h, data.team, data.page),
    }),
    'directory.addFromRoster': verb({
      schema: addFromRosterSchema,
      action: 'directory.addMember',
      run: (h, data) => addFromRoster(h, data),
    }),
    'directory.invite': verb({
      schema: inviteSchema,
      action: 'directory.addMember',
      run: (h, data) => invite(h, data),
    }),
    'directory.removeAsk': verb({
      schema: removeAskSchema,
      action: 'directory.removeMember',
      run: (h, data) => removeAsk(h, data),
    }),
    'directory.remove': verb({
      schema: removeSchema,
      action: 'directory.removeMember',
      run: (h, data) => remove(h, data),
    }),
  },
});
