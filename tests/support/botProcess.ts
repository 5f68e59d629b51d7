import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { tsxArgs } from './storeProcess';

const ROOT = resolve(__dirname, '..', '..');

export interface BotProcess {
  /** http://127.0.0.1:<port> */
  url: string;
  pid: number;
  child: ChildProcess;
  /** Log lines (pino JSON) the process wrote to stdout, parsed. */
  logs: Record<string, unknown>[];
  /** SIGTERM: the bot finishes its turns in flight and exits. */
  stop(): Promise<number | null>;
  /** SIGKILL: no goodbye, nothing flushed (a crash, an evicted container). */
  kill(): Promise<void>;
}

/**
 * The bot as `node src/index.ts` would run it (tsx as a loader), in ONE OS process of its own, on a free port; resolves once it logs "bot listening". `env` is the whole
 * configuration on top of PATH/HOME: nothing of the test process's environment leaks in.
 */
export async function startBotProcess(env: Record<string, string>): Promise<BotProcess> {
  const child = spawn(process.execPath, tsxArgs('src/index.ts'), {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const logs: Record<string, unknown>[] = [];
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const url = await new Promise<string>((done, fail) => {
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => fail(new Error(`bot did not start in 60 s: ${stderr}`)), 60_000);
    lines.on('line', (line) => {
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return;
      }
      logs.push(parsed);
      if (parsed.msg === 'bot listening' && typeof parsed.url === 'string') {
        clearTimeout(timer);
        done(new URL(parsed.url).origin);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`bot exited (${code}) before it listened: ${stderr}`));
    });
  });
  return {
    url,
    pid: child.pid ?? 0,
    child,
    logs,
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
