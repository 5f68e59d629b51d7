import type { HelpView } from '../cards';
import type { Member } from '../domain/model';
import { authorize, type Action } from '../domain/policy';
import type { MessageKey, Translator } from '../i18n';

export interface HelpEntry {
  id: string;
  phrases: { 'en-US': string[]; 'zh-CN': string[] };
  descriptionKey: MessageKey;
  action?: Action;
  hidden?: boolean;
}

/** The commands this person may use, each shown with its phrase in their language. */
export function helpView(tr: Translator, member: Member, commands: readonly HelpEntry[]): HelpView {
  const usable = commands.filter(
    (c) =>
      !c.hidden &&
      (!c.action ||
        authorize(
          { tenantId: member.tenantId, aadObjectId: member.aadObjectId, roles: member.roles },
          c.action,
        ).allowed),
  );
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
