import { CardFactory, type TurnContext } from 'botbuilder';
import { renderCard, type AdaptiveCard } from '../cards';
import type { Action } from '../domain/policy';
import type { MessageKey } from '../i18n';
import { helpView } from '../views/help';
import { rolesView } from '../views/roles';
import type { BotServices } from './services';
import type { Turn } from './turn';

/**
 * Typed text commands, in both languages. Help lists exactly these, filtered by what the
 * person may do, so it never offers something that does not exist or that they cannot use.
 */
export interface Command {
  id: string;
  /** Lower-case phrases; a phrase in either language works for everyone. */
  phrases: { 'en-US': string[]; 'zh-CN': string[] };
  descriptionKey: MessageKey;
  /** The act it leads to; help hides commands the person may not perform. */
  action?: Action;
  run(context: TurnContext, turn: Turn, services: BotServices): Promise<void>;
}

export async function sendCard(context: TurnContext, card: AdaptiveCard): Promise<void> {
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}

export async function rolesCard(turn: Turn, services: BotServices): Promise<AdaptiveCard> {
  const tenant = await services.directory.tenant(turn.tenantId);
  return renderCard(
    'roles',
    rolesView(turn.tr, turn.member, tenant?.name ?? turn.tenantId, services.clock.now()),
  );
}

export const COMMANDS: Command[] = [
  {
    id: 'help',
    phrases: { 'en-US': ['help', '?', 'menu', 'what can you do'], 'zh-CN': ['帮助', '菜单'] },
    descriptionKey: 'help.cmd.help',
    run: async (context, turn) =>
      sendCard(context, renderCard('help', helpView(turn.tr, turn.member, COMMANDS))),
  },
  {
    id: 'myRoles',
    phrases: { 'en-US': ['my roles', 'my role', 'roles', 'who am i'], 'zh-CN': ['我的角色', '角色'] },
    descriptionKey: 'help.cmd.myRoles',
    action: 'roles.view',
    run: async (context, turn, services) => sendCard(context, await rolesCard(turn, services)),
  },
];

/** Lower-case, trimmed, inner whitespace folded, trailing punctuation dropped. */
export function normalize(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[.!?。！？]+$/u, '');
}

export function findCommand(text: string): Command | undefined {
  const n = normalize(text);
  return COMMANDS.find((c) => c.phrases['en-US'].includes(n) || c.phrases['zh-CN'].includes(n));
}
