import { readFile } from 'node:fs/promises';
import type { Clock } from '../domain/ports';
import type { Repositories } from '../domain/repositories';
import { seedDocuments } from '../domain/seed';

export interface SeedResult {
  created: number;
  existing: number;
}

/**
 * Documents written at once while seeding. All at once, each write opened a connection of its
 * own to the store (over TLS to the local one: one handshake each, the larger part of seeding a
 * fresh local store at start); a few writers reuse a few connections and are no slower.
 */
export const SEED_WRITERS = 4;

/** Loads a seed file; documents that already exist are left as they are (idempotent). */
export async function loadSeedFile(file: string, repos: Repositories, clock: Clock): Promise<SeedResult> {
  const docs = seedDocuments(JSON.parse(await readFile(file, 'utf8')), clock.now());
  const writes: (() => Promise<'created' | 'exists'>)[] = [
    ...docs.tenants.map((d) => () => repos.tenants.create(d)),
    ...docs.memberships.map((d) => () => repos.memberships.create(d)),
    ...docs.members.map((d) => () => repos.members.create(d)),
    ...docs.packages.map((d) => () => repos.packages.create(d)),
    ...docs.benefits.map((d) => () => repos.benefits.create(d)),
    ...docs.seatPools.map((d) => () => repos.seatPools.create(d)),
    ...docs.seatAssignments.map((d) => () => repos.seatAssignments.create(d)),
  ];
  let next = 0;
  let created = 0;
  const writer = async () => {
    while (next < writes.length) if ((await writes[next++]()) === 'created') created += 1;
  };
  await Promise.all(Array.from({ length: Math.min(SEED_WRITERS, writes.length) }, writer));
  return { created, existing: writes.length - created };
}
