import { openMemoryStore } from '../../src/store/memory';
import { describeRepositoryContract } from './repositoryContract';

describeRepositoryContract('in memory', () => Promise.resolve(openMemoryStore()));

describe('the in-memory store', () => {
  it('keeps two stores apart: what one holds the other does not', async () => {
    const one = openMemoryStore();
    const two = openMemoryStore();
    const tenantId = 'c3000000-0000-4000-8000-000000000001';
    await one.repos.tenants.create({
      type: 'tenant',
      id: 'tenant',
      tenantId,
      name: 'Only in one',
      locale: 'en-US',
      createdAt: '2026-11-24T09:00:00.000Z',
    });
    expect((await one.repos.tenants.get(tenantId, 'tenant'))?.doc.name).toBe('Only in one');
    expect(await two.repos.tenants.get(tenantId, 'tenant')).toBeUndefined();
  });

  it('keeps dialog state, and refuses a state write with a stale etag', async () => {
    const { state } = openMemoryStore();
    await state.write({ 'conv/1': { step: 1, eTag: '*' } });
    const read = (await state.read(['conv/1']))['conv/1'] as { step: number; eTag: string };
    expect(read.step).toBe(1);
    await state.write({ 'conv/1': { step: 2, eTag: read.eTag } });
    await expect(state.write({ 'conv/1': { step: 3, eTag: read.eTag } })).rejects.toThrow();
    expect(((await state.read(['conv/1']))['conv/1'] as { step: number }).step).toBe(2);
  });
});
