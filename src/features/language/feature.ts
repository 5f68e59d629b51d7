import type { Locale } from '../../domain/model';
import { translator } from '../../i18n';
import { defineFeature, type MessageHandler } from '../feature';
import { language as languageMessages } from './messages';

/**
 * "speak Chinese" / "说中文" and "speak English" / "用英文": the person's own choice, stored as
 * `preferredLocale` on their member document, which every later turn honours over the Teams
 * locale. Self-service: no policy row, nothing to audit.
 */
async function choose({ context, turn, services }: MessageHandler, locale: Locale): Promise<void> {
  // Only a saved choice is confirmed: a store error or a change that kept colliding reaches the
  // user as a failure, never as "I'll speak … now".
  await services.directory.choosePreferredLocale(turn.tenantId, turn.actor.aadObjectId, locale);
  await context.sendActivity(translator(locale).t('language.now'));
}

/** Registered after the main features, so help's shortcut buttons stay with them. */
export const languageFeature = defineFeature({
  id: 'language',
  messages: languageMessages,
  verbs: {},
  commands: [
    {
      id: 'speakChinese',
      phrases: {
        'en-US': ['speak chinese', 'chinese', 'switch to chinese'],
        'zh-CN': ['说中文', '用中文', '中文', '切换到中文'],
      },
      descriptionKey: 'language.cmd.chinese',
      run: (h) => choose(h, 'zh-CN'),
    },
    {
      id: 'speakEnglish',
      phrases: {
        'en-US': ['speak english', 'english', 'switch to english'],
        'zh-CN': ['用英文', '说英文', '说英语', '用英语', '英文'],
      },
      descriptionKey: 'language.cmd.english',
      run: (h) => choose(h, 'en-US'),
    },
  ],
});
