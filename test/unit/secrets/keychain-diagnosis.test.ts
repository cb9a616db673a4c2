import { describe, expect, it } from 'vitest';
import { classifyKeychainError, describeKeytarLoadFailure } from '../../../electron/secrets/keychain-diagnosis';

// The messages below were captured from keytar 7.9.0 + gnome-keyring on Debian 12 (see
// test/integration/keychain for the live reproductions) and from macOS Security.framework.
describe('classifyKeychainError', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'no-session-bus', /dbus-run-session/],
    ['Could not connect: No such file or directory', 'no-session-bus', /dbus-run-session/],
    ['The name org.freedesktop.secrets was not provided by any .service files', 'no-secret-service', /apt install gnome-keyring/],
    [
      'GDBus.Error:org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets was not provided by any .service files',
      'no-secret-service',
      /gnome-keyring-daemon --start/,
    ],
    ['Cannot create an item in a locked collection', 'collection-locked', /[Uu]nlock your login keyring/],
    ['Object does not exist at path “/org/freedesktop/secrets/collection/login”', 'collection-missing', /gnome-keyring-daemon --unlock/],
    ['GDBus.Error:org.freedesktop.DBus.Error.AccessDenied: Rejected send message', 'access-denied', /[Aa]llow/],
    ['Something nobody has seen before', 'unknown', /secret-tool/],
  ];
  it.each(cases)('%s → %s with an actionable fix', (message, reason, fix) => {
    const status = classifyKeychainError(new Error(message), 'linux');
    expect(status.state).toBe('unavailable');
    expect(status.reason).toBe(reason);
    expect(status.fix).toMatch(fix);
    expect(status.message).toMatch(/session only/);
  });

  it('maps macOS "User interaction is not allowed" to a locked keychain with a macOS fix', () => {
    const status = classifyKeychainError(new Error('User interaction is not allowed.'), 'darwin');
    expect(status.reason).toBe('collection-locked');
    expect(status.fix).toMatch(/Keychain Access/);
  });

  it('keeps unknown messages short and on one line', () => {
    const status = classifyKeychainError(new Error(`first line ${'x'.repeat(1000)}\nsecond line`), 'linux');
    expect(status.message).not.toContain('second line');
    expect(status.message.length).toBeLessThan(500);
  });
});

describe('describeKeytarLoadFailure', () => {
  it('tells the user to install libsecret when the shared library is missing', () => {
    const status = describeKeytarLoadFailure(new Error('libsecret-1.so.0: cannot open shared object file: No such file or directory'), 'linux');
    expect(status.reason).toBe('module-load-failed');
    expect(status.fix).toMatch(/apt install libsecret-1-0/);
    expect(status.message).toMatch(/libsecret-1\.so\.0/);
  });

  it('tells the user to reinstall on an ABI mismatch', () => {
    const status = describeKeytarLoadFailure(new Error('was compiled against a different Node.js version using NODE_MODULE_VERSION 115'), 'linux');
    expect(status.fix).toMatch(/Reinstall/);
  });
});
