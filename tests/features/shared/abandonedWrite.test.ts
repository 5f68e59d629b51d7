import { explainError, isExpected } from '../../../src/features/shared/errors';
import { MutationAbandonedError } from '../../../src/domain/mutate';
import { translator } from '../../../src/i18n';

/** Out of attempts (others kept changing the record) reads as "busy, try again" in both languages. */
describe('a write that ran out of attempts, in words', () => {
  const abandoned = new MutationAbandonedError('seatRequest:vs:1', 20);

  it.each([
    ['en-US', 'Someone changed this at the same moment'],
    ['zh-CN', '有人在同一时间修改了此项'],
  ] as const)(
    'says in %s that someone changed it meanwhile and to try again, with no reference id',
    async (locale, words) => {
      const text = await explainError(abandoned, translator(locale), 'corr-1', undefined, undefined);
      expect(text).toContain(words);
      expect(text).not.toContain('corr-1');
    },
  );

  it('is logged as an expected outcome (someone else was faster), not as a failure', () => {
    expect(isExpected(abandoned)).toBe(true);
  });
});
