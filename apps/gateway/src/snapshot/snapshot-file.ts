import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { GatewayConfig } from '@margay/config';

/** What is kept on local disk: the last configuration that was validated and served. */
export interface SavedSnapshot {
  readonly format: 1;
  readonly revision: number;
  readonly savedAt: string;
  readonly config: GatewayConfig;
}

/**
 * Writes atomically (temporary file + rename), readable by the owner only: the file holds
 * provider secrets, since a gateway started from it must authenticate as before.
 */
let saveCounter = 0;

export async function saveSnapshotFile(path: string, revision: number, config: GatewayConfig): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const saved: SavedSnapshot = { format: 1, revision, savedAt: new Date().toISOString(), config };
  const temporary = `${path}.${process.pid}.${(saveCounter++).toString(36)}.tmp`;
  await writeFile(temporary, JSON.stringify(saved), { mode: 0o600 });
  await rename(temporary, path);
}

/** The saved snapshot, or undefined when there is none; throws when the file is unreadable JSON. */
export async function readSnapshotFile(path: string): Promise<SavedSnapshot | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const saved = JSON.parse(text) as Partial<SavedSnapshot>;
  if (saved.format !== 1 || typeof saved.revision !== 'number' || typeof saved.config !== 'object' || saved.config === null) {
    throw new Error(`${path} is not a Margay snapshot file (format 1)`);
  }
  return saved as SavedSnapshot;
}
