import { ConcurrencyError } from '../../domain/errors';
import { memberId, type Locale } from '../../domain/model';
import { translator } from '../../i18n';
import { defineFeature, type MessageHandler } from '../feature';

const MAX_TRIES = 4;

/**
 * "speak Chinese" / "说中文" and "speak English" / "用英文": the person's own choice, stored as
 * `preferredLocale` on their member document, which every later turn honours over the Teams
 * locale. Self-service: no policy row, nothing to audit.
 */
async function choose({ context, turn, services }: MessageHandler, locale: Locale): Promise<void> {
  await saveLocale(services, turn.tenantId, turn.actor.aadObjectId, locale);
  await context.sendActivity(translator(locale).t('language.now'));
}

/**
 * Saves the choice under the member's ETag. Only a saved choice is confirmed: a store error or a
 * change that kept colliding reaches the user as a failure, never as "I'll speak … now".
 */
async function saveLocale(
  services: MessageHandler['services'],
  tenantId: string,
  aadObjectId: string,
  locale: Locale,
): Promise<void> {
  for (let attempt = 0; attempt < MAX_TRIES; attempt += 1) {
    const current = await services.repos.members.get(tenantId, memberId(aadObjectId));
    // The turn resolved the member a moment ago; gone now means someone removed them.
    if (!current) throw new ConcurrencyError(memberId(aadObjectId));
    if (current.doc.preferredLocale === locale) return;
    try {
      await services.repos.members.replace(
        { ...current.doc, preferredLocale: locale, updatedAt: services.clock.now().toISOString() },
        current.etag,
      );
      return;
    } catch (err) {
      if (!(err instanceof ConcurrencyError)) throw err;
    }
  }
  throw new ConcurrencyError(memberId(aadObjectId));
}

/** Registered after the main features, so help's shortcut buttons stay with them. */
export const languageFeature = defineFeature({
  id: 'language',
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
