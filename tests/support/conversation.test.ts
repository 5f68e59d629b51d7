import { conversation } from './conversation';
import { FakeConnector, type ConnectorCall } from './fakeConnector';
import { AVERY, ELI } from './people';
import type { TestApp } from './testApp';

/**
 * The shared driver itself: it counts only what answered the turn, and it fails a test whose
 * invoke answer disagrees with itself instead of passing it on.
 */

/** A stand-in app: answers every post with `answer` and, for a message, sends `sends`. */
function fakeApp(
  answer: { status: number; body?: unknown },
  sends: { conversation: string; text: string }[],
) {
  const connector = new FakeConnector();
  const call = (conversationId: string, text: string): ConnectorCall => ({
    method: 'POST',
    path: `/v3/conversations/${encodeURIComponent(conversationId)}/activities`,
    body: { type: 'message', text },
    at: Date.now(),
  });
  const t = {
    connector,
    post: () => {
      for (const s of sends) connector.calls.push(call(s.conversation, s.text));
      return Promise.resolve(answer);
    },
  };
  Object.defineProperty(connector, 'url', { value: 'http://127.0.0.1:1/' });
  return t as unknown as TestApp;
}

describe('the shared conversation driver', () => {
  it('fails a press whose HTTP status disagrees with the statusCode in its body', async () => {
    const t = fakeApp(
      { status: 200, body: { statusCode: 400, type: 'application/vnd.microsoft.error', value: {} } },
      [],
    );
    await expect(conversation(t).press(AVERY, 'seat.approve', {})).rejects.toThrow();
  });

  it('passes an error invoke through when both statuses say 400', async () => {
    const t = fakeApp(
      { status: 400, body: { statusCode: 400, type: 'application/vnd.microsoft.error', value: {} } },
      [],
    );
    expect((await conversation(t).press(AVERY, 'seat.approve', {})).statusCode).toBe(400);
  });

  it('fails a message the bot answered with an HTTP error', async () => {
    const t = fakeApp({ status: 500 }, [{ conversation: `a:personal-${ELI.aadObjectId}`, text: 'hi' }]);
    await expect(conversation(t).say(ELI, 'help')).rejects.toThrow();
  });

  it("answers with what went into the person's own chat only, unless asked for everything", async () => {
    const sends = [
      { conversation: `a:personal-${AVERY.aadObjectId}`, text: 'a card for Avery' },
      { conversation: `a:personal-${ELI.aadObjectId}`, text: 'your request was sent' },
    ];
    const t = fakeApp({ status: 200 }, sends);
    const mine = await conversation(t).say(ELI, 'request visual studio');
    expect(mine.map((s) => s.text)).toEqual(['your request was sent']);
    const all = await conversation(t, { from: 'all' }).say(ELI, 'request visual studio');
    expect(all.map((s) => s.text)).toEqual(['a card for Avery', 'your request was sent']);
    expect((await conversation(t).lastReply(ELI, 'help')).text).toBe('your request was sent');
  });
});
