import { readFile } from 'node:fs/promises';
import type { Clock } from '../domain/ports';
import type { Repositories } from '../domain/repositories';
import { seedDocuments } from '../domain/seed';

export interface SeedResult {
  created: number;
  existing: number;
}

/** Loads a seed file; documents that already exist are left as they are (idempotent). */
export async function loadSeedFile(file: string, repos: Repositories, clock: Clock): Promise<SeedResult> {
  const docs = seedDocuments(JSON.parse(await readFile(file, 'utf8')), clock.now());
  const outcomes = await Promise.all([
    ...docs.tenants.map((d) => repos.tenants.create(d)),
    ...docs.memberships.map((d) => repos.memberships.create(d)),
    ...docs.members.map((d) => repos.members.create(d)),
    ...docs.packages.map((d) => repos.packages.create(d)),
    ...docs.benefits.map((d) => repos.benefits.create(d)),
    ...docs.seatPools.map((d) => repos.seatPools.create(d)),
    ...docs.seatAssignments.map((d) => repos.seatAssignments.create(d)),
  ]);
  const created = outcomes.filter((o) => o === 'created').length;
  return { created, existing: outcomes.length - created };
}
