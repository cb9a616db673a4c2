import os from 'node:os';
import path from 'node:path';
import { recordKeyRemoved, recordKeySet } from '../../diagnostics/key-audit';
import { generateKey } from '../../keys/key-generator';
import { findKeyCandidates, readKeyFrom } from '../../keys/key-import';
import { checkKey } from '../../keys/key-policy';
import type { ProfileView } from '../../contract';
import { ConsoleFailure } from '../console-failure';
import { announcing, type FeatureHandlers, type Services } from './services';

export interface KeyHandlerOptions {
  /** The user's home, where the memory service keeps its key; read at call time (HOME may be set per process). */
  readonly userHome?: () => string;
  /** Root of the system-wide locations (/etc/systemd…); null skips them. */
  readonly systemRoot?: string | null;
}

/**
 * Keys cross to the renderer in exactly two answers: `keys.generate` (once, for copying onto the
 * server) and `keys.reveal` (an explicit user action). Every other answer carries fingerprints only.
 */
export function keyHandlers({ profiles, signals, audit }: Services, options: KeyHandlerOptions = {}): FeatureHandlers<'keys'> {
  const userHome = options.userHome ?? (() => os.homedir());
  const changed = <T>(change: Promise<T>) => announcing(signals, change, 'profiles-changed', 'keychain-changed');
  // Every key change goes to the audit log with fingerprints only (issue 5).
  const audited = async <T extends { readonly profile: ProfileView }>(profileId: string, change: () => Promise<T>): Promise<T> => {
    const before = await profiles.get(profileId).catch(() => null);
    const result = await changed(change());
    await recordKeySet(audit, before, result.profile);
    return result;
  };

  return {
    'keys.set': (input) => audited(input.profileId, () => profiles.setKey(input.profileId, input.key, { source: 'pasted' })),

    'keys.check': async (input) => {
      const { errors, warnings, notes } = checkKey(input.key);
      return { errors, warnings, notes };
    },

    'keys.generate': async (input) => {
      // The contract restates the generator's formats; this call is what keeps them in step.
      const key = generateKey(input.format);
      const result = await audited(input.profileId, () => profiles.setKey(input.profileId, key, { source: 'generated' }));
      return { key, result };
    },

    'keys.reveal': async (input) => {
      const key = await profiles.readKey(input.profileId);
      if (key === null) throw new ConsoleFailure('not-found', 'This server has no stored key.');
      return { key };
    },

    'keys.findCandidates': (input) =>
      findKeyCandidates({
        homeDir: userHome(),
        ...(input.extraPaths ? { extraPaths: input.extraPaths } : {}),
        ...(options.systemRoot !== undefined ? { systemRoot: options.systemRoot } : {}),
      }),

    'keys.import': async (input) => {
      if (!path.isAbsolute(input.ref.path)) throw new ConsoleFailure('invalid-input', 'Not a key location from a scan.');
      const key = await readKeyFrom(input.ref);
      return audited(input.profileId, () => profiles.setKey(input.profileId, key, { source: 'imported', importedFrom: displayPath(input.ref.path, userHome()) }));
    },

    'keys.remove': async (input) => {
      const before = await profiles.get(input.profileId).catch(() => null);
      const after = await changed(profiles.clearKey(input.profileId));
      await recordKeyRemoved(audit, before, after);
      return after;
    },

    'keys.duplicates': async () => ({ groups: await profiles.duplicateKeys() }),
  };
}

function displayPath(file: string, home: string): string {
  const relative = path.relative(home, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? `~${path.sep}${relative}` : file;
}
