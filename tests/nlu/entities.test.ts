import { recognize } from '../../src/nlu';
import { daysIn, matchPeople } from '../../src/nlu/entities';

const DIRECTORY = [
  { aadObjectId: '1', name: 'Fang Wu', chineseName: '吴芳' },
  { aadObjectId: '2', name: 'Eli Park' },
  { aadObjectId: '3', name: 'Fang Li' },
  { aadObjectId: '4', name: 'Bo Li', chineseName: '李博' },
];

describe('details said alongside the intent', () => {
  it('reads the person and the subscription from "give Fang a Visual Studio seat"', async () => {
    const rec = await recognize('give Fang a Visual Studio seat');
    expect(rec.intent).toBe('assignSeat');
    expect(rec.entities).toMatchObject({ person: 'Fang', subscription: 'Visual Studio' });
  });

  it('names the full subscription when the pool is said', async () => {
    const rec = await recognize('assign Visual Studio Enterprise to Fang Wu');
    expect(rec.entities).toMatchObject({ person: 'Fang Wu', subscription: 'Visual Studio Enterprise' });
  });

  it('reads a Chinese name in a Chinese sentence', async () => {
    const rec = await recognize('把 Visual Studio 席位分配给吴芳');
    expect(rec.intent).toBe('assignSeat');
    expect(rec.entities).toMatchObject({ person: '吴芳', subscription: 'Visual Studio' });
  });

  it('reads a product by its display name', async () => {
    expect((await recognize('assign a Power BI licence to Bo')).entities.subscription).toBe('Power BI');
  });

  it('reads numbers of days in either language, and none without a word for days', async () => {
    expect((await recognize('remind us 14 and 3 days before')).entities.days).toEqual([14, 3]);
    expect(daysIn('提前14天和3天提醒')).toEqual([14, 3]);
    expect(daysIn('give Fang 2 seats')).toBeUndefined();
    expect(daysIn('remind us 0 and 900 days before')).toBeUndefined();
  });
});

describe('names matched against the directory', () => {
  it('matches a full display name exactly, even when the given name is shared', () => {
    expect(matchPeople('Fang Wu', DIRECTORY).map((p) => p.aadObjectId)).toEqual(['1']);
  });
  it('offers every person a shared given name can mean', () => {
    expect(matchPeople('fang', DIRECTORY).map((p) => p.aadObjectId)).toEqual(['1', '3']);
  });
  it('matches a Chinese name only for people who have one', () => {
    expect(matchPeople('吴芳', DIRECTORY).map((p) => p.aadObjectId)).toEqual(['1']);
    expect(matchPeople('帕克', DIRECTORY)).toEqual([]);
  });
  it('matches nobody for an unknown or partial-word name (never a guess)', () => {
    expect(matchPeople('Zoltan', DIRECTORY)).toEqual([]);
    expect(matchPeople('Fan', DIRECTORY)).toEqual([]);
  });
});
