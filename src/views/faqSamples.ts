import { renderCard } from '../cards';
import { DEFAULT_ACTIVATION } from '../domain/activation';
import type { Member } from '../domain/model';
import type { Translator } from '../i18n';
import { FAQ_TOPICS } from '../nlu/intents';
import { faqAnswer } from '../nlu/faq';
import type { CardSample } from './samples';
import { clarifyView, faqView } from './faq';

/** The FAQ answer of every topic (as an employee asking) and a "did you mean…?" question. */
export function faqCardSamples(tr: Translator, employee: Member): CardSample[] {
  const button = (key: Parameters<Translator['t']>[0], command: string) => ({ title: tr.t(key), command });
  return [
    ...FAQ_TOPICS.map((topic) => ({
      id: `faq-${topic}`,
      card: renderCard(
        'faq',
        faqView(tr, faqAnswer(topic, { activation: DEFAULT_ACTIVATION }, ['assignSeat']), employee.roles, [
          button('understand.intent.listBenefits', tr.locale === 'zh-CN' ? '权益' : 'benefits'),
        ]),
      ),
    })),
    {
      id: 'clarify',
      card: renderCard(
        'clarify',
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
