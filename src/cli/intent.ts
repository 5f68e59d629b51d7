import { createInterface } from 'node:readline';
import { recognize } from '../nlu';

/**
 * `npm run -s intent -- "<text>"` prints what the recogniser makes of the text, as one JSON line.
 * With no argument it reads one utterance per line from standard input and prints one JSON line
 * per utterance (an evaluation set runs in one process, trained once). Only JSON on stdout.
 */
async function main(): Promise<void> {
  const text = process.argv.slice(2).join(' ').trim();
  if (text) {
    process.stdout.write(`${JSON.stringify(await recognize(text))}\n`);
    return;
  }
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    const utterance = line.trim();
    if (utterance)
      process.stdout.write(`${JSON.stringify({ text: utterance, ...(await recognize(utterance)) })}\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
