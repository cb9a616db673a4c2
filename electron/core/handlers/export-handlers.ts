import { Buffer } from 'node:buffer';
import path from 'node:path';
import { writeFileAtomic } from '../../settings/atomic-write';
import { ConsoleFailure } from '../console-failure';
import type { FeatureHandlers } from './services';

/** Electron's save dialog, injected by the shell: the core itself never imports electron. */
export type ChooseSavePath = (suggestedName: string) => Promise<string | null>;

export function exportHandlers(chooseSavePath: ChooseSavePath | undefined): FeatureHandlers<'export'> {
  return {
    'export.save': async (input) => {
      if (chooseSavePath === undefined) {
        throw new ConsoleFailure('invalid-input', 'Saving through a dialog is only available in the desktop app; the browser downloads the file instead.');
      }
      // Only a path the user picked in the dialog is ever written; the renderer names none.
      const chosen = await chooseSavePath(input.suggestedName);
      if (chosen === null) return { saved: false };
      const data = Buffer.from(input.content, 'utf8');
      try {
        await writeFileAtomic(chosen, data, { mode: 0o644 });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
        throw new ConsoleFailure('internal', `The file could not be written (${code}).`, path.basename(chosen));
      }
      return { saved: true, fileName: path.basename(chosen), bytes: data.length };
    },
  };
}
