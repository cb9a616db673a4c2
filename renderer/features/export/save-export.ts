import type { ExportFormat } from '../../../electron/contract';
import { callConsole } from '../../bridge';

export type SaveOutcome = { readonly saved: true; readonly fileName: string } | { readonly saved: false };

/**
 * Electron: the privileged side shows the save dialog and writes the file. Browser mode: a
 * download from a Blob; the page only ever holds memories, never a key.
 */
export async function saveExport(mode: 'electron' | 'browser', fileName: string, format: ExportFormat, content: string): Promise<SaveOutcome> {
  if (mode === 'electron') {
    const result = await callConsole('export.save', { suggestedName: fileName, format, content });
    return result.saved ? { saved: true, fileName: result.fileName } : { saved: false };
  }
  const type = format === 'json' ? 'application/json' : 'text/markdown';
  const url = URL.createObjectURL(new Blob([content], { type: `${type};charset=utf-8` }));
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.rel = 'noopener';
    document.body.appendChild(link);
    link.click();
    link.remove();
  } finally {
    // The download has started; the URL is not needed once the click was handled.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return { saved: true, fileName };
}
