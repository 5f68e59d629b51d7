import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locale } from '../domain/model';
import type { Corpus } from './corpus';

/** Bump when the training settings in `trainModel` or the nlp.js version change (the corpora are hashed anyway). */
const TRAINING_VERSION = 'nlpjs-4.27.0/1';

/** Where trained models are kept between processes. */
const cacheDir = (): string => join(tmpdir(), 'partner-benefits-bot-nlu');

export const modelFile = (hash: string): string => join(cacheDir(), `model-${hash}.json`);

/** The hash of everything the model is trained from: a changed corpus is a different model. */
export function corpusHash(corpora: Record<Locale, Corpus>): string {
  return createHash('sha256')
    .update(JSON.stringify({ v: TRAINING_VERSION, corpora }))
    .digest('hex')
    .slice(0, 32);
}

/**
 * Training takes about half a second of CPU: a process trains once per corpus and keeps the
 * model on disk, named by the corpus hash; the next start (or the next process) loads it
 * instead. A missing, unreadable or foreign file means training again.
 */
export async function cachedModel<M extends { nlp: { toJSON(): unknown } }>(
  corpora: Record<Locale, Corpus>,
  train: (corpora: Record<Locale, Corpus>, trained?: unknown) => Promise<M>,
): Promise<M> {
  const hash = corpusHash(corpora);
  const file = modelFile(hash);
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { hash?: string; model?: unknown };
    if (saved.hash === hash && saved.model) return await train(corpora, saved.model);
  } catch {
    // No usable cached model: train.
  }
  const model = await train(corpora);
  try {
    mkdirSync(cacheDir(), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ hash, model: model.nlp.toJSON() }));
    renameSync(tmp, file);
  } catch {
    // A read-only disk only costs the next start its training.
  }
  return model;
}
