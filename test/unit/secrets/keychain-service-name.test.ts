import { describe, expect, it } from 'vitest';
import { keychainServiceName } from '../../../electron/secrets/keychain-service-name';

describe('keychainServiceName', () => {
  it('uses the override when set', () => {
    expect(keychainServiceName({ MEMORY_CONSOLE_KEYCHAIN_SERVICE: 'ci-run-42', NODE_ENV: 'production' }, { packaged: true })).toBe('ci-run-42');
  });
  it('ignores a blank override', () => {
    expect(keychainServiceName({ MEMORY_CONSOLE_KEYCHAIN_SERVICE: '  ', NODE_ENV: 'production' })).toBe('Memory Console');
  });
  it('is the production name for a packaged app even without NODE_ENV', () => {
    expect(keychainServiceName({}, { packaged: true })).toBe('Memory Console');
  });
  it('keeps development and test runs away from the installed app’s keys', () => {
    expect(keychainServiceName({})).toBe('Memory Console (development)');
    expect(keychainServiceName({ NODE_ENV: 'test' })).toBe('Memory Console (development)');
    expect(keychainServiceName({ NODE_ENV: 'development' })).toBe('Memory Console (development)');
  });
});
