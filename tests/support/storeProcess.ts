import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

/**
 * Node arguments that run a TypeScript entry point in ONE process (tsx as a loader). tsx's own
 * CLI runs the script in a second, child process: a SIGKILL sent to the CLI would leave the real
 * program running as an orphan, so a "kill -9" would kill nothing.
 */
export function tsxArgs(script: string): string[] {
  return ['--import', 'tsx', join(ROOT, script)];
}

export interface StoreProcess {
  endpoint: string;
  port: number;
  child: ChildProcess;
  /** SIGTERM: the store writes its snapshot and exits. */
  stop(): Promise<number | null>;
  /** SIGKILL: no snapshot (a crash). */
  kill(): Promise<void>;
}

/**
 * `npm run store` as a child process: the same script the README documents, started through
 * tsx, waited for on its ready line. `dataDir` undefined keeps the data in memory only.
 */
export async function startStoreProcess(
  options: { port?: number; dataDir?: string; env?: Record<string, string> } = {},
): Promise<StoreProcess> {
  const args = tsxArgs('src/cli/store.ts');
  args.push('--port', String(options.port ?? 0));
  if (options.dataDir) args.push('--data-dir', options.dataDir);
  else args.push('--memory');
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const endpoint = await new Promise<string>((done, fail) => {
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => fail(new Error(`store did not start in 30 s: ${stderr}`)), 30_000);
    lines.on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as { store?: string; endpoint?: string };
        if (parsed.store === 'ready' && parsed.endpoint) {
          clearTimeout(timer);
          done(parsed.endpoint);
        }
      } catch {
        // Log lines and anything else: not the ready line.
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`store exited (${code}) before it was ready: ${stderr}`));
    });
  });
  return {
    endpoint,
    port: Number(new URL(endpoint).port),
    child,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
