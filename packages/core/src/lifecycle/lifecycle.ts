import { err, ok, type Result } from '../result.ts';

/**
 * One mechanism for every lifecycle of the house (claims, enrolment batches, payouts, relief, gig enrolments):
 * a table `state → command → next state`. An illegal move is a `INVALID_TRANSITION` domain error, never a write.
 */
export interface Lifecycle<S extends string, C extends string> {
  readonly name: string;
  readonly states: readonly S[];
  /** The next state, or INVALID_TRANSITION with `{ from, command }`. */
  transition(from: S, command: C): Result<S>;
  /** Whether `command` is allowed from `from`. */
  can(from: S, command: C): boolean;
  /** The commands allowed from a state (for buttons and tests). */
  commandsFrom(from: S): C[];
  /** The states with no way out. */
  finalStates(): S[];
}

export function defineLifecycle<const S extends string, C extends string>(def: {
  name: string;
  states: readonly S[];
  transitions: Record<S, Partial<Record<C, S>>>;
}): Lifecycle<S, C> {
  const { name, states, transitions } = def;
  const to = (from: S, command: C): S | undefined => transitions[from]?.[command];
  return {
    name,
    states,
    transition: (from, command) => {
      const next = to(from, command);
      return next ? ok(next) : err('INVALID_TRANSITION', { from, command });
    },
    can: (from, command) => to(from, command) !== undefined,
    commandsFrom: (from) => Object.keys(transitions[from] ?? {}) as C[],
    finalStates: () => states.filter((s) => Object.keys(transitions[s] ?? {}).length === 0),
  };
}
