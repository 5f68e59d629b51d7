import type { ExpiringItem } from '../../../src/domain/notices';
import { translator } from '../../../src/i18n';
import { expiryDigestView, expiryNoticeView } from '../../../src/features/notices/views';
import { CONTOSO } from '../../support/people';
import { FIXED_NOW } from '../../support/testApp';

/** The membership expiry notice names the level the way the reader's language does, never by its id. */
const item = (membership: ExpiringItem['membership']): ExpiringItem => ({
  itemId: 'membership',
  tenantId: CONTOSO,
  kind: 'membership',
  name: membership?.level ?? 'network',
  expiresOn: '2026-12-01',
  membership,
});

describe('membership expiry notices name the level in the reader’s language', () => {
  it('names a competency membership by its competencies (Silver Cloud Platform / 银牌能力 wording), not "competency"', () => {
    const competency = item({
      level: 'competency',
      competencies: [{ area: 'Cloud Platform', tier: 'silver' }],
    });
    const en = expiryNoticeView(translator('en-US'), competency, FIXED_NOW);
    const zh = expiryNoticeView(translator('zh-CN'), competency, FIXED_NOW);
    expect(en.name).toBe('Silver Cloud Platform');
    expect(zh.name).toBe('云平台银牌能力');
    expect(`${en.name}${zh.name}`).not.toMatch(/competency/);
  });

  it('names an Action Pack membership by its localised level, in the digest too', () => {
    const pack = item({ level: 'actionPack', competencies: [] });
    expect(expiryNoticeView(translator('en-US'), pack, FIXED_NOW).name).toBe('Action Pack subscription');
    expect(expiryDigestView(translator('zh-CN'), [pack], FIXED_NOW).rows[0].name).toBe(
      'Action Pack 订阅成员身份',
    );
  });
});
