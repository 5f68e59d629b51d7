import { CORPORA } from '../../src/nlu/corpus';
import { rmSync } from 'node:fs';
import { cachedModel, corpusHash, modelFile } from '../../src/nlu/modelCache';
import { trainModel } from '../../src/nlu/recognizer';

describe('the trained recogniser is kept on disk, named by the hash of its corpus', () => {
  it('a second start loads the saved model instead of training, and it reads messages the same', async () => {
    await cachedModel(CORPORA, trainModel);
    const calls: boolean[] = [];
    const loaded = await cachedModel(CORPORA, (corpora, trained) => {
      calls.push(trained !== undefined);
      return trainModel(corpora, trained);
    });
    expect(calls).toEqual([true]);
    const fresh = await trainModel(CORPORA);
    for (const text of [
      'show my benefits',
      'I need a visual studio seat',
      '我的权益',
      'who are the admins',
    ]) {
      const [a, b] = await Promise.all([loaded.nlp.process('en', text), fresh.nlp.process('en', text)]);
      expect(a.classifications[0]).toEqual(b.classifications[0]);
    }
  });

  it('a changed corpus is a different model: it is trained, not loaded', async () => {
    const changed = {
      ...CORPORA,
      'en-US': { ...CORPORA['en-US'], intents: { ...CORPORA['en-US'].intents } },
    } as typeof CORPORA;
    (changed['en-US'] as unknown as { extra: string }).extra = 'changed';
    expect(corpusHash(changed)).not.toBe(corpusHash(CORPORA));
    rmSync(modelFile(corpusHash(changed)), { force: true });
    const calls: boolean[] = [];
    await cachedModel(changed, (corpora, trained) => {
      calls.push(trained !== undefined);
      return trainModel(corpora, trained);
    });
    expect(calls).toEqual([false]);
  });
});
