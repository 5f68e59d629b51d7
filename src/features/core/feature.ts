import { z } from 'zod';
import { type AdaptiveCard } from '../../cards';
import { helpView } from './help';
import { rolesView } from './roles';
import { sendCard } from '../shared/reply';
import type { BotServices } from '../../services';
import { defineFeature, verb } from '../feature';
import type { Turn } from '../shared/turn';
import { renderHelp } from './help';
import { renderRoles } from './roles';

export async function rolesCard(turn: Turn, services: BotServices): Promise<AdaptiveCard> {
  const tenant = await services.directory.tenant(turn.tenantId);
  return renderRoles(rolesView(turn.tr, turn.member, tenant?.name ?? turn.tenantId, services.clock.now()));
}

/** Help and "who am I". */
export const coreFeature = defineFeature({
  id: 'core',
  commands: [
    {
      id: 'help',
      phrases: { 'en-US': ['help', '?', 'menu', 'what can you do'], 'zh-CN': ['帮助', '菜单'] },
      descriptionKey: 'help.cmd.help',
      run: async ({ context, turn, commands }) => {
        await sendCard(context, renderHelp(helpView(turn.tr, turn.member, commands)));
      },
    },
    {
      // The "No" of a confirmation ("Do you want to request a Visual Studio seat?").
      id: 'dismiss',
      phrases: { 'en-US': ['no thanks', 'never mind'], 'zh-CN': ['不用了', '算了'] },
      descriptionKey: 'understand.confirm.no',
      hidden: true,
      run: async ({ context, turn }) => {
        await context.sendActivity(turn.tr.t('understand.confirm.declined'));
      },
    },
    {
      id: 'myRoles',
      phrases: { 'en-US': ['my roles', 'my role', 'roles', 'who am i'], 'zh-CN': ['我的角色', '角色'] },
      descriptionKey: 'help.cmd.myRoles',
      action: 'roles.view',
      run: async ({ context, turn, services }) => {
        await sendCard(context, await rolesCard(turn, services));
      },
    },
  ],
  verbs: {
    'roles.view': verb({
      schema: z.object({}).strict(),
      action: 'roles.view',
      run: ({ turn, services }) => rolesCard(turn, services),
    }),
  },
});
