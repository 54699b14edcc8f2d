import { describe, expect, it } from 'vitest';
import { defineLifecycle } from './lifecycle.ts';

const door = defineLifecycle<'open' | 'closed' | 'gone', 'close' | 'open' | 'remove'>({
  name: 'door',
  states: ['open', 'closed', 'gone'],
  transitions: { open: { close: 'closed' }, closed: { open: 'open', remove: 'gone' }, gone: {} },
});

describe('defineLifecycle', () => {
  it('moves along the table', () => {
    expect(door.transition('open', 'close')).toEqual({ ok: true, value: 'closed' });
    expect(door.transition('closed', 'remove')).toEqual({ ok: true, value: 'gone' });
  });
  it('refuses every move not in the table with INVALID_TRANSITION and where it stood', () => {
    expect(door.transition('open', 'remove')).toEqual({
      ok: false,
      error: { code: 'INVALID_TRANSITION', details: { from: 'open', command: 'remove' } },
    });
    expect(door.can('gone', 'open')).toBe(false);
  });
  it('lists commands and final states', () => {
    expect(door.commandsFrom('closed').sort()).toEqual(['open', 'remove']);
    expect(door.finalStates()).toEqual(['gone']);
  });
});
