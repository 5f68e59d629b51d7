import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '../cards';
import { personLocale, type ConversationRef } from '../domain/model';
import { renderHelp, welcomeView } from '../features/core/help';
import type { Command } from '../features/feature';
import { renderMessage } from '../features/shared/cards';
import {
  claimWelcome,
  importTeamRoster,
  releaseWelcome,
  rememberPersonalChat,
  saveConversationRef,
} from '../features/shared/installations';
import { sendCard } from '../features/shared/reply';
import { resolveLocale, translator } from '../i18n';
import type { BotServices } from '../services';

/**
 * The app was installed or added (Teams sends both installationUpdate and conversationUpdate,
 * the Agents Playground on every page load): the reference is saved (re-activated on a
 * reinstall), a personal chat is linked to the person who installed it so proactive messages
 * reach them before they ever type, and the install is welcomed once.
 */
export async function installed(
  context: TurnContext,
  services: BotServices,
  tenantId: string,
  commands: readonly Command[],
): Promise<void> {
  const ref = await saveConversationRef(context, services, tenantId);
  if (ref.scope === 'personal') {
    await welcomePerson(context, services, tenantId, ref, commands);
    return;
  }
  if (ref.scope === 'channel' && ref.teamId) {
    const added = await importTeamRoster(context, services, tenantId).catch((err: unknown) => {
      services.logger.warn({ err }, 'could not read the team roster');
      return 0;
    });
    services.logger.info({ tenant: tenantId, added }, 'team roster imported');
    // The team's General channel (whose id is the team's) is told how reminders are turned on.
    if (ref.conversationId === ref.teamId) await welcomeTeam(context, services, tenantId, ref);
  }
}

async function welcomePerson(
  context: TurnContext,
  services: BotServices,
  tenantId: string,
  ref: ConversationRef,
  commands: readonly Command[],
): Promise<void> {
  const from = context.activity.from;
  if (!from?.aadObjectId) return;
  const resolved = await services.directory.resolve({
    tenantId,
    aadObjectId: from.aadObjectId,
    name: from.name ?? '',
    teamsUserId: from.id,
    emails: async () => {
      const account = await TeamsInfo.getMember(context, from.id);
      return [account.email, account.userPrincipalName].filter((e): e is string => Boolean(e));
    },
  });
  const member = await rememberPersonalChat(context, services, resolved.doc);
  if (!(await claimWelcome(services, tenantId, ref.id))) return;
  const tr = translator(
    member.preferredLocale ?? personLocale(member, resolveLocale(context.activity.locale)),
  );
  await sendWelcome(context, services, tenantId, ref, renderHelp(welcomeView(tr, member, commands)));
}

async function welcomeTeam(
  context: TurnContext,
  services: BotServices,
  tenantId: string,
  ref: ConversationRef,
): Promise<void> {
  if (!(await claimWelcome(services, tenantId, ref.id))) return;
  // A channel's notices speak the organisation's language (the installer's until it has one).
  const tenant = await services.directory.tenant(tenantId);
  const tr = translator(tenant?.locale ?? resolveLocale(context.activity.locale));
  const card = renderMessage({
    style: 'emphasis',
    title: tr.t('welcome.channel.title'),
    text: tr.t('welcome.channel.text'),
  });
  await sendWelcome(context, services, tenantId, ref, card);
}

async function sendWelcome(
  context: TurnContext,
  services: BotServices,
  tenantId: string,
  ref: ConversationRef,
  card: AdaptiveCard,
): Promise<void> {
  try {
    await sendCard(context, card);
  } catch (err) {
    // Not sent: the next install event (or page load) may send it.
    await releaseWelcome(services, tenantId, ref.id).catch(() => undefined);
    throw err;
  }
}
