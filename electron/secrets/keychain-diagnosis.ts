import type { KeychainStatus } from '../contract';

export type KeychainUnavailableReason =
  | 'module-load-failed'
  | 'no-session-bus'
  | 'no-secret-service'
  | 'collection-locked'
  | 'collection-missing'
  | 'access-denied'
  | 'timeout'
  | 'unknown';

export type KeychainUnavailable = Extract<KeychainStatus, { state: 'unavailable' }> & {
  readonly reason: KeychainUnavailableReason;
};

interface Rule {
  readonly reason: KeychainUnavailableReason;
  readonly test: RegExp;
}

// Matched against libsecret/GLib (Linux), Security.framework (macOS) and Credential Manager
// (Windows) messages as keytar passes them through. Order matters: the first match wins, and the
// bus/provider rules come first because a missing bus can surface inside other wording.
const rules: readonly Rule[] = [
  { reason: 'no-session-bus', test: /Cannot autolaunch D-Bus|DBUS_SESSION_BUS_ADDRESS|Could not connect: (No such file|Connection refused)|Unable to autolaunch a dbus-daemon|Error spawning command line .dbus-launch/i },
  { reason: 'no-secret-service', test: /org\.freedesktop\.secrets was not provided|ServiceUnknown|No such interface .org\.freedesktop\.Secret|Remote peer disconnected|org\.freedesktop\.DBus\.Error\.NoReply/i },
  { reason: 'collection-locked', test: /locked collection|collection is locked|keyring is locked|User interaction is not allowed|errSecInteractionNotAllowed|Cannot (unlock|prompt)|prompt (was )?(dismissed|cancelled)/i },
  { reason: 'collection-missing', test: /Object does not exist at path .*\/collection\/|No such object path|specified keychain could not be found|No keychain is available|errSecNoDefaultKeychain|NoSuchObject/i },
  { reason: 'access-denied', test: /AccessDenied|access denied|not allowed|permission denied|not authorized|errSecAuthFailed|user name or passphrase you entered is not correct/i },
];

export function classifyKeychainError(error: unknown, platform: NodeJS.Platform = process.platform): KeychainUnavailable {
  const raw = errorText(error);
  const reason = rules.find((rule) => rule.test.test(raw))?.reason ?? 'unknown';
  return describeUnavailable(reason, platform, raw);
}

export function describeKeytarLoadFailure(error: unknown, platform: NodeJS.Platform = process.platform): KeychainUnavailable {
  const raw = errorText(error);
  let fix: string;
  if (/libsecret/i.test(raw)) {
    fix = 'Install libsecret (Debian/Ubuntu: `sudo apt install libsecret-1-0`, Fedora: `sudo dnf install libsecret`), then restart Memory Console.';
  } else if (/NODE_MODULE_VERSION|invalid ELF|wrong ELF class|not a valid Win32|incompatible architecture|mach-o/i.test(raw)) {
    fix = 'The bundled keychain module was built for another system. Reinstall Memory Console for this platform; developers: run `npm rebuild keytar`.';
  } else if (/Cannot find (module|package)/i.test(raw)) {
    fix = 'The keychain module is missing from this installation. Reinstall Memory Console; developers: run `npm ci`.';
  } else {
    fix = platform === 'linux'
      ? 'Install libsecret (`sudo apt install libsecret-1-0`) and reinstall Memory Console if the problem persists.'
      : 'Reinstall Memory Console; the keychain module could not be loaded.';
  }
  return {
    state: 'unavailable',
    reason: 'module-load-failed',
    message: `The keychain module could not be loaded (${raw}). Keys can be kept for this session only.`,
    fix,
  };
}

export function describeTimeout(ms: number, platform: NodeJS.Platform = process.platform): KeychainUnavailable {
  return describeUnavailable('timeout', platform, `no answer within ${Math.round(ms / 1000)} s`);
}

function describeUnavailable(reason: KeychainUnavailableReason, platform: NodeJS.Platform, raw: string): KeychainUnavailable {
  const { message, fix } = texts(reason, platform, raw);
  return { state: 'unavailable', reason, message: `${message} Keys can be kept for this session only.`, fix };
}

function texts(reason: KeychainUnavailableReason, platform: NodeJS.Platform, raw: string): { message: string; fix: string } {
  const linux = platform === 'linux';
  switch (reason) {
    case 'no-session-bus':
      return {
        message: 'There is no D-Bus session bus, so the Secret Service keychain cannot be reached.',
        fix: 'Run Memory Console from a desktop session. On a headless machine start a session bus and keyring first: `dbus-run-session -- bash`, then `gnome-keyring-daemon --unlock --components=secrets` (type the keyring password, then Ctrl-D), and start the console from that shell.',
      };
    case 'no-secret-service':
      return {
        message: 'No Secret Service provider (such as GNOME Keyring or KeePassXC) is running on the session bus.',
        fix: 'Install and start one: `sudo apt install gnome-keyring libsecret-1-0`, then `gnome-keyring-daemon --start --components=secrets`; or enable Secret Service integration in KeePassXC.',
      };
    case 'collection-locked':
      return linux
        ? {
            message: 'Your login keyring is locked.',
            fix: 'Unlock your login keyring (open "Passwords and Keys" and unlock "Login"). On a headless machine run `gnome-keyring-daemon --unlock --components=secrets`, type the keyring password, then Ctrl-D. Then retry.',
          }
        : {
            message: 'Your keychain is locked.',
            fix: platform === 'darwin' ? 'Unlock the login keychain in Keychain Access, then retry.' : 'Sign in to Windows again or unlock your credential store, then retry.',
          };
    case 'collection-missing':
      return linux
        ? {
            message: 'The keyring daemon is running but has no unlocked login keyring (it was started without --unlock).',
            fix: 'Create and unlock it: run `gnome-keyring-daemon --unlock --components=secrets`, type a password, then Ctrl-D; or create a "Login" keyring in "Passwords and Keys" (Seahorse). Then retry.',
          }
        : {
            message: 'No default keychain was found.',
            fix: platform === 'darwin' ? 'Create or select a default keychain in Keychain Access (File > New Keychain, then Make Default), then retry.' : 'Check that Windows Credential Manager works for your account, then retry.',
          };
    case 'access-denied':
      return {
        message: 'The keychain refused access to Memory Console.',
        fix: platform === 'darwin'
          ? 'Choose "Allow" when macOS asks, or check the login keychain in Keychain Access, then retry.'
          : 'Allow Memory Console when the system asks. In a Flatpak or Snap sandbox grant the secrets/password-manager permission. Then retry.',
      };
    case 'timeout':
      return {
        message: `The keychain did not answer (${raw}); an unlock prompt may be waiting.`,
        fix: 'Look for a keychain unlock prompt and answer it, or unlock your keyring, then retry.',
      };
    case 'module-load-failed':
      return { message: `The keychain module could not be loaded (${raw}).`, fix: 'Reinstall Memory Console.' };
    case 'unknown':
      return {
        message: `The keychain failed: ${raw}.`,
        fix: linux
          ? 'Check that the keychain works from a shell (`secret-tool store --label=test service test account test`), then retry.'
          : 'Check that your system keychain works for other apps, then retry.',
      };
  }
}

/** First line, bounded: OS messages are safe to show (they never contain the secret), but can be long. */
function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : typeof error === 'string' ? error : String(error);
  const firstLine = text.split(/\r?\n/, 1)[0]?.trim() ?? '';
  const clean = firstLine.replace(/[\p{Cc}]/gu, ' ');
  if (clean.length === 0) return 'no details';
  return clean.length > 300 ? `${clean.slice(0, 300)}…` : clean;
}
