import { heapGrowthFlag } from '../src/heap';

describe('heap growth', () => {
  it('asks V8 to grow the heap by the configured share of what the last full collection kept', () => {
    expect(heapGrowthFlag(20, [])).toBe('--heap-growing-percent=20');
  });

  it("leaves V8's own rule alone at 0", () => {
    expect(heapGrowthFlag(0, ['--enable-source-maps'])).toBeUndefined();
  });

  it('never overrides a growth given on the command line or in NODE_OPTIONS', () => {
    expect(heapGrowthFlag(20, ['--heap-growing-percent=50'])).toBeUndefined();
    expect(heapGrowthFlag(20, ['--heap_growing_percent=50'])).toBeUndefined();
    expect(heapGrowthFlag(20, ['--max-old-space-size=512'])).toBe('--heap-growing-percent=20');
  });
});
