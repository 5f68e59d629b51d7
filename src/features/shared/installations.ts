import { TeamsInfo, type TurnContext } from 'botbuilder';
import {
  conversationRefId,
  memberId,
  type ConversationRef,
  type Locale,
  type Member,
} from '../../domain/model';
import { mutate, UNCHANGED } from '../../domain/mutate';
import type { BotServices } from '../../services';

/**
 * Where the bot may post proactively. References are saved from authenticated incoming
 * activities only (the bot's token goes to whatever serviceUrl is stored), when the app is
 * installed or added, and removed when it is uninstalled.
 */

type Scope = ConversationRef['scope'];

interface TeamsChannelData {
  team?: { id?: string; name?: string };
  channel?: { id?: string; name?: string };
  eventType?: string;
}

function channelDataOf(context: TurnContext): TeamsChannelData {
  return (context.activity.channelData ?? {}) as TeamsChannelData;
}

function scopeOf(context: TurnContext): Scope {
  const type = context.activity.conversation?.conversationType;
  if (type === 'channel' || channelDataOf(context).channel?.id) return 'channel';
  if (type === 'groupChat') return 'groupChat';
  return 'personal';
}

/** A channel's id without the thread suffix (`19:…@thread.tacv2;messageid=…`). */
export function conversationKey(context: TurnContext): string {
  const cd = channelDataOf(context);
  const id = context.activity.conversation.id;
  if (scopeOf(context) === 'channel') return cd.channel?.id ?? id.split(';')[0];
  return id;
}

export async function saveConversationRef(
  context: TurnContext,
  services: BotServices,
  tenantId: string,
): Promise<ConversationRef> {
  const a = context.activity;
  const cd = channelDataOf(context);
  const scope = scopeOf(context);
  const conversationId = conversationKey(context);
  const doc: ConversationRef = {
    type: 'conversationRef',
    id: conversationRefId(conversationId),
    tenantId,
    conversationId,
    scope,
    serviceUrl: a.serviceUrl,
    botId: a.recipient?.id ?? '',
    aadObjectId: scope === 'personal' ? a.from?.aadObjectId?.toLowerCase() : undefined,
    teamId: cd.team?.id,
    teamName: cd.team?.name,
    channelName:
      scope === 'channel'
        ? (cd.channel?.name ?? (conversationId === cd.team?.id ? 'General' : undefined))
        : undefined,
    active: true,
    updatedAt: services.clock.now().toISOString(),
  };
  // Created, or merged into the stored one (re-merged into the fresh version after a race). Any
  // failure (the store, attempts run out) is the caller's to report: nothing may claim it was saved.
  const saved = await mutate(services.repos.conversationRefs, tenantId, doc.id, (current) =>
    current
      ? {
          ...current,
          ...doc,
          teamName: doc.teamName ?? current.teamName,
          channelName: doc.channelName ?? current.channelName,
          aadObjectId: doc.aadObjectId ?? current.aadObjectId,
          inactiveReason: undefined,
          // A reinstall (after an uninstall, or after Teams said the bot was gone) is welcomed again.
          welcomedAt: current.active ? current.welcomedAt : undefined,
        }
      : doc,
  );
  return saved?.doc ?? doc;
}

/**
 * A renamed team: its General reference is saved, and every other channel of the team the bot
 * posts in (expiry reminders) takes the new name too, so reports and notices name it rightly.
 */
export async function renameTeam(
  context: TurnContext,
  services: BotServices,
  tenantId: string,
): Promise<void> {
  const general = await saveConversationRef(context, services, tenantId);
  if (!general.teamId || !general.teamName) return;
  const refs = await services.repos.conversationRefs.list(tenantId, { where: { teamId: general.teamId } });
  const teamName = general.teamName;
  for (const ref of refs) {
    if (ref.doc.id === general.id || ref.doc.teamName === teamName) continue;
    // Changed meanwhile (a send found the bot gone, a resubscribe): the name goes onto theirs.
    await mutate(services.repos.conversationRefs, tenantId, ref.doc.id, (current) =>
      current && current.teamName !== teamName
        ? { ...current, teamName, updatedAt: services.clock.now().toISOString() }
        : UNCHANGED,
    );
  }
}

/**
 * Claims the welcome of an install: true for exactly one of the install events Teams sends
 * (installationUpdate and conversationUpdate, again on every Agents Playground page load), so the
 * welcome is sent once. The claim is the `welcomedAt` marker, written with the reference's ETag.
 */
export async function claimWelcome(services: BotServices, tenantId: string, refId: string): Promise<boolean> {
  let claimed = false;
  await mutate(services.repos.conversationRefs, tenantId, refId, (current) => {
    // After a lost race the fresh version says whether the other install event of the pair claimed it.
    claimed = Boolean(current?.active && !current.welcomedAt);
    return current && claimed ? { ...current, welcomedAt: services.clock.now().toISOString() } : UNCHANGED;
  });
  return claimed;
}

/** Gives a claimed welcome back when it could not be sent, so the next install event sends it. */
export async function releaseWelcome(services: BotServices, tenantId: string, refId: string): Promise<void> {
  await mutate(services.repos.conversationRefs, tenantId, refId, (current) =>
    current?.welcomedAt ? { ...current, welcomedAt: undefined } : UNCHANGED,
  );
}

/** Reads a team's roster into the directory: everyone in the team can then be picked in cards. */
export async function importTeamRoster(
  context: TurnContext,
  services: BotServices,
  tenantId: string,
): Promise<number> {
  let added = 0;
  let continuationToken: string | undefined;
  const now = services.clock.now().toISOString();
  do {
    const page = await TeamsInfo.getPagedMembers(context, 100, continuationToken);
    for (const m of page.members) {
      if (!m.aadObjectId) continue;
      const aad = m.aadObjectId.toLowerCase();
      const doc: Member = {
        type: 'member',
        id: memberId(aad),
        tenantId,
        aadObjectId: aad,
        name: m.name ?? m.givenName ?? aad,
        email: m.email ?? m.userPrincipalName ?? undefined,
        teamsUserId: m.id,
        roles: [],
        guest: m.userRole === 'guest',
        createdAt: now,
        updatedAt: now,
      };
      if ((await services.repos.members.create(doc)) === 'created') added += 1;
    }
    continuationToken = page.continuationToken;
  } while (continuationToken);
  return added;
}

/** The person's personal chat is recorded on their member document, so no extra read is needed per turn. */
export async function rememberPersonalChat(
  context: TurnContext,
  services: BotServices,
  member: Member,
): Promise<Member> {
  if (scopeOf(context) !== 'personal' || member.personalConversationId === context.activity.conversation.id)
    return member;
  await saveConversationRef(context, services, member.tenantId);
  const personalConversationId = context.activity.conversation.id;
  try {
    const stored = await mutate(services.repos.members, member.tenantId, member.id, (current) =>
      current && current.personalConversationId !== personalConversationId
        ? { ...current, personalConversationId, updatedAt: services.clock.now().toISOString() }
        : UNCHANGED,
    );
    return stored?.doc ?? member;
  } catch {
    // Best effort: the turn goes on, and the next message from this chat records it.
    return member;
  }
}

/**
 * Remembers the language a person writes in when it is not their Teams locale (`undefined`
 * forgets it), so their card presses and the notices sent to them use it too.
 */
export async function rememberLocale(
  services: BotServices,
  member: Member,
  locale: Locale | undefined,
): Promise<Member> {
  if (member.lastLocale === locale) return member;
  try {
    const stored = await mutate(
      services.repos.members,
      member.tenantId,
      memberId(member.aadObjectId),
      (current) =>
        current && current.lastLocale !== locale
          ? { ...current, lastLocale: locale, updatedAt: services.clock.now().toISOString() }
          : UNCHANGED,
    );
    return stored?.doc ?? member;
  } catch {
    // Best effort (the store, attempts run out): the next message remembers it.
    return member;
  }
}
