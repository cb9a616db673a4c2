import { describe, expect, it, vi } from 'vitest';
import { createDispatcher, maxPayloadDepth, maxPayloadNodes, type Handlers } from '../../../electron/core/dispatcher';

/** Every handler a spy: a refused payload must never reach one. */
function spyHandlers() {
  const called = vi.fn(async () => ({ ok: true }));
  return { called, handlers: new Proxy({}, { get: () => called }) as unknown as Handlers };
}

function nest(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: 1 };
  for (let i = 1; i < depth; i++) value = { a: value };
  return value;
}

describe('dispatcher: payload shape limits before validation', () => {
  it('accepts metadata nested up to the limit and refuses one level more, without calling the handler', async () => {
    const { called, handlers } = spyHandlers();
    const dispatch = createDispatcher(handlers);
    // The payload itself is one level, `metadata` a second: depth counts every object and array.
    const ok = await dispatch('memories.create', { profileId: 'p', content: 'x', metadata: nest(maxPayloadDepth - 1) });
    expect(ok.ok).toBe(true);
    expect(called).toHaveBeenCalledTimes(1);
    const deep = await dispatch('memories.create', { profileId: 'p', content: 'x', metadata: nest(maxPayloadDepth) });
    expect(deep).toEqual({ ok: false, error: { code: 'invalid-input', message: `Invalid input. The input is nested more than ${maxPayloadDepth} levels deep.` } });
    expect(called).toHaveBeenCalledTimes(1);
  });

  it('refuses 100,000 levels quickly (no recursion, no stack overflow)', async () => {
    const { called, handlers } = spyHandlers();
    const started = performance.now();
    const result = await createDispatcher(handlers)('memories.create', { profileId: 'p', content: 'x', metadata: nest(100_000) });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(called).not.toHaveBeenCalled();
  });

  it('refuses a cyclic payload (possible over IPC, where structured clone keeps cycles)', async () => {
    const { called, handlers } = spyHandlers();
    const metadata: Record<string, unknown> = {};
    metadata['self'] = metadata;
    metadata['again'] = metadata;
    const result = await createDispatcher(handlers)('memories.create', { profileId: 'p', content: 'x', metadata });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(called).not.toHaveBeenCalled();
  });

  it(`refuses more than ${maxPayloadNodes} objects and arrays`, async () => {
    const { called, handlers } = spyHandlers();
    const metadata = { many: Array.from({ length: maxPayloadNodes + 1 }, () => []) };
    const result = await createDispatcher(handlers)('memories.create', { profileId: 'p', content: 'x', metadata });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(called).not.toHaveBeenCalled();
  });

  it('names the field and never echoes the value', async () => {
    const { handlers } = spyHandlers();
    const secret = 'sk-never-echo-this-0123456789';
    const result = await createDispatcher(handlers)('keys.set', { profileId: 'p', key: 42, extra: secret });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain(secret);
  });
});
