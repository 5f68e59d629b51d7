import type { MessagesOf } from '../../i18n/catalogues';
import { defineMessages } from '../../i18n/define';

/** Choosing the language the bot speaks with you ("speak Chinese" / "用中文"). */
export const language = defineMessages(
  {
    'language.cmd.chinese': 'talk to me in Chinese (说中文)',
    'language.cmd.english': 'talk to me in English',
    'language.now':
      'OK, I will speak English with you from now on. Type **说中文** to switch back to Chinese.',
  },
  {
    'language.cmd.chinese': '用中文和我交流',
    'language.cmd.english': '用英文和我交流（speak English）',
    'language.now': '好的，从现在起我用中文和你交流。输入 **speak English** 可切换回英文。',
  },
);

declare module '../../i18n/catalogues' {
  interface MessageRegistry extends MessagesOf<typeof language> {}
}
