import type { Feature } from './feature';
import type { FEATURES } from './index';

/**
 * The names that join cards, the intent map and help to the features, as types derived from the
 * registered features (src/features/index.ts): a card view model's verb field is a `Verb`, an
 * intent names a `CommandId`, so a typo or a removed verb is a compile error, not a 400 in Teams.
 * tests/features/joins.test.ts checks the same joins at run time on every rendered card.
 */
type Registered = (typeof FEATURES)[number];
type VerbOf<F> = F extends Feature<infer V, string> ? V : never;
type CommandOf<F> = F extends Feature<string, infer C> ? C : never;

/** A verb of `Action.Execute` that some feature handles. */
export type Verb = VerbOf<Registered>;
/** The id of a command some feature defines. */
export type CommandId = CommandOf<Registered>;
