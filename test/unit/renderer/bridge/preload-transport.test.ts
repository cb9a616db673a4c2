import { describe, expect, it } from 'vitest';
import { callConsole, createPreloadTransport, installConsoleTransport, type PreloadApi } from '../../../../renderer/bridge';
import { createFakeConsole } from '../support/fake-console';

describe('preload transport', () => {
  it('calls the one function the preload exposes for the method', async () => {
    const fake = createFakeConsole();
    const uninstall = installConsoleTransport(createPreloadTransport(fake.api));
    await callConsole('profiles.list', {});
    expect(fake.calls.map((call) => call.method)).toEqual(['profiles.list']);
    uninstall();
  });

  it('reports a preload that lacks a method (mismatched builds) as internal', async () => {
    const { 'memories.list': _missing, ...older } = createFakeConsole().api;
    const uninstall = installConsoleTransport(createPreloadTransport(older as PreloadApi));
    await expect(callConsole('memories.list', { profileId: 'x' })).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringContaining('memories.list'),
    });
    uninstall();
  });
});
