import { DEFAULT_ACTIVATION } from '../../../src/domain/activation';
import type { Member } from '../../../src/domain/model';
import type { Translator } from '../../../src/i18n';
import { FAQ_TOPICS } from '../../../src/nlu/intents';
import { faqAnswer } from '../../../src/nlu/faq';
import type { CardSample } from './';
import { clarifyView, faqView } from '../../../src/features/faq/views';
import { renderFaq } from '../../../src/features/faq/views';
import { renderClarify } from '../../../src/features/shared/cards';

/** The FAQ answer of every topic (as an employee asking) and a "did you mean…?" question. */
export function faqCardSamples(tr: Translator, employee: Member): CardSample[] {
  const button = (key: Parameters<Translator['t']>[0], command: string) => ({ title: tr.t(key), command });
  return [
    ...FAQ_TOPICS.map((topic) => ({
      id: `faq-${topic}`,
      card: renderFaq(
        faqView(tr, faqAnswer(topic, { activation: DEFAULT_ACTIVATION }, ['assignSeat']), employee.roles, [
          button('understand.intent.listBenefits', tr.locale === 'zh-CN' ? '权益' : 'benefits'),
        ]),
      ),
    })),
    {
      id: 'clarify',
      card: renderClarify(
        clarifyView(tr, [
          button(
            'understand.intent.requestSeat',
            tr.locale === 'zh-CN' ? '申请 visual studio' : 'request visual studio',
          ),
          button('understand.intent.softwareKeys', tr.t('understand.phrase.softwareKeys')),
          button('understand.intent.help', tr.locale === 'zh-CN' ? '帮助' : 'help'),
        ]),
      ),
    },
  ];
}
