import type { CosmosClient } from '@azure/cosmos';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';

/**
 * Durability for the embedded store: the whole account is written to one JSON file (atomically:
 * temp file + rename) and read back on start. Everything goes through the public SDK, so the
 * snapshot is exactly what the bot would see.
 */

const SYSTEM_FIELDS = ['_rid', '_self', '_etag', '_ts', '_attachments'];

const snapshotSchema = z.object({
  version: z.literal(1),
  takenAt: z.string(),
  databases: z.array(
    z.object({
      id: z.string(),
      containers: z.array(
        z.object({
          id: z.string(),
          partitionKey: z.object({ paths: z.array(z.string()) }).passthrough(),
          items: z.array(z.record(z.string(), z.unknown())),
        }),
      ),
    }),
  ),
});
type Snapshot = z.infer<typeof snapshotSchema>;

function stripSystemFields(doc: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...doc };
  for (const f of SYSTEM_FIELDS) delete copy[f];
  return copy;
}

export async function takeSnapshot(client: CosmosClient): Promise<Snapshot> {
  const snapshot: Snapshot = { version: 1, takenAt: new Date().toISOString(), databases: [] };
  const { resources: dbs } = await client.databases.readAll().fetchAll();
  for (const db of dbs) {
    const database = client.database(db.id);
    const { resources: containers } = await database.containers.readAll().fetchAll();
    const entry: Snapshot['databases'][number] = { id: db.id, containers: [] };
    for (const c of containers) {
      // Whole-container dump for durability, not a tenant query.
      const { resources: items } = await database
        .container(c.id)
        .items.query<Record<string, unknown>>('SELECT * FROM c')
        .fetchAll();
      entry.containers.push({
        id: c.id,
        partitionKey: (c.partitionKey ?? {
          paths: ['/id'],
        }) as Snapshot['databases'][number]['containers'][number]['partitionKey'],
        items: items.map(stripSystemFields),
      });
    }
    snapshot.databases.push(entry);
  }
  return snapshot;
}

export async function writeSnapshot(client: CosmosClient, file: string): Promise<void> {
  const snapshot = await takeSnapshot(client);
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(snapshot));
  await rename(tmp, file);
}

/** Loads a snapshot into an empty server; returns how many documents came back. */
export async function restoreSnapshot(client: CosmosClient, file: string): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  const snapshot = snapshotSchema.parse(JSON.parse(text));
  let count = 0;
  for (const db of snapshot.databases) {
    const { database } = await client.databases.createIfNotExists({ id: db.id });
    for (const c of db.containers) {
      const { container } = await database.containers.createIfNotExists({
        id: c.id,
        partitionKey: c.partitionKey,
      });
      for (const item of c.items) {
        await container.items.create(item);
        count += 1;
      }
    }
  }
  return count;
}
