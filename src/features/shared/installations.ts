import { TeamsInfo, type TurnContext } from 'botbuilder';
import {
  conversationRefId,
  memberId,
  type ConversationRef,
  type Locale,
  type Member,
} from '../../domain/model';
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
  return services.installations.saveReference(doc);
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
  await services.installations.renameTeam(general);
}

/**
 * Claims the welcome of an install: true for exactly one of the install events Teams sends
 * (installationUpdate and conversationUpdate, again on every Agents Playground page load), so the
 * welcome is sent once. The claim is the `welcomedAt` marker, written with the reference's ETag.
 */
export async function claimWelcome(services: BotServices, tenantId: string, refId: string): Promise<boolean> {
  return services.installations.claimWelcome(tenantId, refId);
}

/** Gives a claimed welcome back when it could not be sent, so the next install event sends it. */
export async function releaseWelcome(services: BotServices, tenantId: string, refId: string): Promise<void> {
  await services.installations.releaseWelcome(tenantId, refId);
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
      if (await services.installations.addFromRoster(doc)) added += 1;
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
  return services.installations.rememberPersonalChat(member, context.activity.conversation.id);
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
  return services.installations.rememberLocale(member, locale);
}
