import { BULK_CREDIT_AMOUNTS_USD } from '../../src/domain/model';
import { CANCELLATION_WINDOW_DAYS } from '../../src/domain/packageCancellation';
import { MAX_KEY_TO_SEATS_RATIO, MONTHS_PER_KEY_TERM } from '../../src/domain/licenceTerm';
import { POLICY } from '../../src/domain/policy';
import { REASSIGN_AFTER_DAYS } from '../../src/domain/seats';
import { SUPPORT_CATALOGUE } from '../../src/domain/supportCatalogue';
import { translator } from '../../src/i18n';
import { faqAnswer, ROLE_QUESTION_ACTS } from '../../src/nlu/faq';
import { FAQ_TOPICS } from '../../src/nlu/intents';
import { faqView } from '../../src/features/faq/views';
import { cardButtons, cardText } from '../support/testApp';
import { renderFaq } from '../../src/features/faq/views';

const facts = { activation: { supportDays: 4, gtmDays: 9 } };
const en = translator('en-US');
const zh = translator('zh-CN');
const read = (tr: typeof en, topic: (typeof FAQ_TOPICS)[number], about: string[] = []) =>
  cardText(
    renderFaq(
      faqView(tr, faqAnswer(topic, facts, about as never[]), [], [{ title: 'seats', command: 'seats' }]),
    ),
  ).join('\n');

describe('FAQ answers come from the rules the domain enforces', () => {
  it('states the reassignment wait from REASSIGN_AFTER_DAYS, in both languages', () => {
    expect(faqAnswer('reassignSeat', facts)).toEqual({ topic: 'reassignSeat', days: REASSIGN_AFTER_DAYS });
    expect(read(en, 'reassignSeat')).toContain(`${REASSIGN_AFTER_DAYS} days`);
    expect(read(zh, 'reassignSeat')).toContain(`${REASSIGN_AFTER_DAYS} 天`);
  });

  it('states the cancellation window from CANCELLATION_WINDOW_DAYS', () => {
    expect(read(en, 'cancelPackage')).toContain(`${CANCELLATION_WINDOW_DAYS} days`);
    expect(read(zh, 'cancelPackage')).toContain(`${CANCELLATION_WINDOW_DAYS} 天`);
  });

  it('explains redeem-once with the term arithmetic constants', () => {
    const text = read(en, 'redeemOnce');
    expect(text).toContain('once');
    expect(text).toContain(`${MONTHS_PER_KEY_TERM} months`);
    expect(text).toContain(`${MAX_KEY_TO_SEATS_RATIO} times`);
    expect(text).toContain(`${MAX_KEY_TO_SEATS_RATIO * MONTHS_PER_KEY_TERM}-month`);
  });

  it('gives the bulk credit amounts as money in the reader’s locale', () => {
    expect(BULK_CREDIT_AMOUNTS_USD).toEqual([6000, 12000, 13000]);
    expect(read(en, 'azureCredit')).toContain('$6,000, $12,000 or $13,000 a year');
    expect(read(zh, 'azureCredit')).toContain('US$6,000');
  });

  it('takes activation times from the configured settings', () => {
    expect(read(en, 'activationTime')).toMatch(/4 days.*9 days/s);
    expect(read(zh, 'activationTime')).toMatch(/4 天.*9 天/s);
  });

  it('answers "which role" from the policy table, starting with the act asked about', () => {
    const answer = faqAnswer('whichRole', facts, ['assignSeat']);
    if (answer.topic !== 'whichRole') throw new Error('wrong topic');
    expect(answer.focus).toEqual({ action: 'seat.assign', roles: POLICY['seat.assign'].allowed });
    expect(answer.rules.map((r) => r.action)).toEqual(ROLE_QUESTION_ACTS);
    const text = read(en, 'whichRole', ['assignSeat']);
    expect(text).toContain('To assign Visual Studio seats you need the Global admin role.');
    expect(text).toContain('request a Visual Studio seat: everyone');
    expect(text).toContain('Your roles: Employee (no admin role).');
    expect(read(zh, 'whichRole', ['softwareKeys'])).toContain(
      '要查看软件产品密钥，你需要“全局管理员”或“MPN 合作伙伴管理员”角色。',
    );
  });

  it('lists the support kinds with the catalogue’s allowances and which requests need the ids', () => {
    const text = read(en, 'supportKind');
    for (const kind of SUPPORT_CATALOGUE.technical) expect(text).toContain(kind.label['en-US']);
    expect(text).toContain('Gold competency: 20 incidents');
    expect(text).toContain('Access ID and Contract ID');
    expect(read(zh, 'supportKind')).toContain('访问 ID 和合同 ID');
  });

  it('renders every topic in both languages with the buttons it was given', () => {
    for (const tr of [en, zh]) {
      for (const topic of FAQ_TOPICS) {
        const card = renderFaq(faqView(tr, faqAnswer(topic, facts), [], [{ title: 'x', command: 'x' }]));
        expect(JSON.stringify(card)).not.toContain('${');
        expect(cardButtons(card)).toEqual(['x']);
      }
    }
  });
});
