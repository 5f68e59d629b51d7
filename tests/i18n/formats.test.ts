import { formatCurrency } from '../../src/i18n';

describe('amounts of money', () => {
  it('are written the way each language writes them, whatever was formatted before', () => {
    expect(formatCurrency('en-US', 6000)).toBe('$6,000');
    expect(formatCurrency('zh-CN', 6000)).toBe('US$6,000');
    expect(formatCurrency('en-US', 12000, 'EUR')).toBe('€12,000');
    expect(formatCurrency('en-US', 13000)).toBe('$13,000');
    expect(formatCurrency('zh-CN', 12000, 'EUR')).toBe('€12,000');
  });
});
