import type { Member } from '../../domain/model';
import { authorize, type Action } from '../../domain/policy';
import type { MessageKey, Translator } from '../../i18n';
import helpTemplate from '../../../cards/core/help.json';
import { cardTemplate } from '../../cards';
import type { CommandId } from '../joins';

export interface HelpView {
  title: string;
  intro: string;
  commands: { command: string; description: string }[];
  footer: string;
  buttons: { title: string; command: string }[];
}

export const renderHelp = cardTemplate<HelpView>(helpTemplate);

export interface HelpEntry {
  id: string;
  phrases: { 'en-US': string[]; 'zh-CN': string[] };
  descriptionKey: MessageKey;
  action?: Action;
  hidden?: boolean;
}

/** The commands this person may use, each shown with its phrase in their language. */
export function helpView(tr: Translator, member: Member, commands: readonly HelpEntry[]): HelpView {
  const usable = usableCommands(member, commands);
  return {
    title: tr.t('help.title'),
    intro: tr.t('help.intro', { name: member.name }),
    commands: usable.map((c) => ({ command: c.phrases[tr.locale][0], description: tr.t(c.descriptionKey) })),
    footer: tr.t('help.footer'),
    buttons: usable
      .filter((c) => c.id !== 'help')
      // Teams shows actions side by side; more than three get cut off.
      .slice(0, 3)
      .map((c) => ({ title: c.phrases[tr.locale][0], command: c.phrases[tr.locale][0] })),
  };
}

function usableCommands(member: Member, commands: readonly HelpEntry[]): HelpEntry[] {
  return commands.filter(
    (c) =>
      !c.hidden &&
      (!c.action ||
        authorize(
          { tenantId: member.tenantId, aadObjectId: member.aadObjectId, roles: member.roles },
          c.action,
        ).allowed),
  );
}

/** Which role's sentence a welcome uses: the widest role held, else the employee's. */
const WELCOME_ROLE_ORDER = ['GlobalAdmin', 'UserManagementAdmin', 'MpnPartnerAdmin', 'AdminAgent'] as const;
/** The commands a welcome names: the way to everything else, and the person's own roles. */
const WELCOME_COMMANDS = new Set<string>(['help', 'myRoles'] satisfies CommandId[]);

/**
 * The welcome sent once on a personal install: what the bot does for this person's role, and
 * "help". Drawn with the help card template (fewer commands, one button).
 */
export function welcomeView(tr: Translator, member: Member, commands: readonly HelpEntry[]): HelpView {
  const role = WELCOME_ROLE_ORDER.find((r) => member.roles.includes(r));
  const shown = usableCommands(member, commands).filter((c) => WELCOME_COMMANDS.has(c.id));
  const help = shown.find((c) => c.id === 'help')?.phrases[tr.locale][0];
  return {
    title: tr.t('welcome.title'),
    intro: tr.t('welcome.intro', {
      name: member.name,
      role: tr.t(role ? `welcome.role.${role}` : 'welcome.role.none'),
    }),
    commands: shown.map((c) => ({ command: c.phrases[tr.locale][0], description: tr.t(c.descriptionKey) })),
    footer: tr.t('welcome.footer'),
    buttons: help ? [{ title: help, command: help }] : [],
  };
}
