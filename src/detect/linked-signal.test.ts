import { describe, expect, it } from 'vitest';
import { linkedSignal } from './linked-signal.js';

describe('linkedSignal', () => {
  it('aborts with the reason of the source that aborted first', () => {
    const run = new AbortController();
    const deadline = new AbortController();
    const { signal } = linkedSignal([run.signal, deadline.signal]);
    expect(signal.aborted).toBe(false);
    deadline.abort(new Error('late'));
    run.abort(new Error('stop'));
    expect(signal.aborted).toBe(true);
    expect((signal.reason as Error).message).toBe('late');
  });

  it('starts aborted when a source already is', () => {
    const run = new AbortController();
    run.abort('gone');
    const { signal } = linkedSignal([run.signal, new AbortController().signal]);
    expect(signal.reason).toBe('gone');
  });

  it('after dispose, a source aborting no longer reaches the linked signal', () => {
    const run = new AbortController();
    const linked = linkedSignal([run.signal]);
    linked.dispose();
    run.abort('later');
    expect(linked.signal.aborted).toBe(false);
  });
});
