import { z } from 'zod';

export const exportFormats = ['json', 'markdown'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export type ExportSaved =
  | { readonly saved: true; readonly fileName: string; readonly bytes: number }
  | { readonly saved: false };

/** A file name without directories: the user picks the folder in the save dialog. */
const suggestedName = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^/\\:*?"<>|\p{Cc}]+$/u, 'a file name cannot contain / \\ : * ? " < > | or control characters');

export const exportMethods = {
  /**
   * Electron only: shows the save dialog and writes what the renderer assembled (memories it was
   * shown, never a key) to the file the user chose. Browser mode downloads from the page instead.
   */
  'export.save': z
    .object({
      suggestedName,
      format: z.enum(exportFormats),
      // 256 MiB of text: ~500,000 typical memories.
      content: z.string().max(256 * 1024 * 1024),
    })
    .strict(),
} as const;

export interface ExportOutputs {
  'export.save': ExportSaved;
}
