import { E2E } from './harness';

/**
 * Rules that guard licences, walked in the Playground: a released seat stays reserved for its
 * 90 days (the pools card says until when).
 */

let e2e: E2E;

beforeAll(async () => {
  e2e = await E2E.start();
}, 120_000);

afterAll(async () => {
  await e2e?.stop();
}, 60_000);

test('avery releases the seat Casey got 10 days ago: it stays reserved until its 90 days are over', async () => {
  const avery = await e2e.chatAs('avery');
  await avery.say('seats');
  const pools = await avery.expectCard('Visual Studio subscriptions');
  await pools.expectText('2 of 10 used');
  const after = await pools.execute('Release seat 2');
  await after.expectText('Seat 2: reserved (released from Casey Wong');
  await after.expectText('can be given to someone else from');
  await after.expectText('1 reserved');
  await avery.shot('seat-reserved');
}, 240_000);
