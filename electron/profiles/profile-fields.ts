// No Node APIs here: the contract may lift these schemas for the profiles.* methods.
import { z } from 'zod';
import { environments } from '../contract';
import { normaliseBaseUrl } from './base-url';

// Control characters other than tab and line breaks.
const controlExceptNewlines = /[^\P{Cc}\t\n\r]/u;

export const profileNameSchema = z
  .string()
  .transform((name) => name.trim().normalize('NFC'))
  .pipe(
    z
      .string()
      .min(1, 'Enter a name.')
      .max(80, 'A name can have at most 80 characters.')
      .refine((name) => !/\p{Cc}/u.test(name), 'A name cannot contain control characters.'),
  );

export const baseUrlSchema = z.string().transform((input, context) => {
  const result = normaliseBaseUrl(input);
  if (!result.ok) {
    context.addIssue({ code: 'custom', message: result.message });
    return z.NEVER;
  }
  return result.url;
});

export const customEnvironmentSchema = z
  .string()
  .transform((label) => label.trim())
  .pipe(z.string().min(1, 'Name the custom environment.').max(40, 'An environment label can have at most 40 characters.').refine((label) => !/\p{Cc}/u.test(label), 'No control characters.'));

export const notesSchema = z
  .string()
  .transform((notes) => notes.trimEnd())
  .pipe(z.string().max(2000, 'Notes can have at most 2000 characters.').refine((notes) => !controlExceptNewlines.test(notes), 'Notes cannot contain control characters.'));

/** A certificate's SHA-256, as hex with or without colons (the way browsers and openssl show it). */
export const certSha256Schema = z
  .string()
  .transform((value) => value.trim().replace(/:/g, '').toLowerCase())
  .pipe(z.string().regex(/^[0-9a-f]{64}$/, 'A certificate fingerprint is 64 hex digits (SHA-256).'));

export const environmentSchema = z.enum(environments);

export const profileInputSchema = z
  .object({
    name: profileNameSchema,
    baseUrl: baseUrlSchema,
    environment: environmentSchema,
    customEnvironment: customEnvironmentSchema.optional(),
    notes: notesSchema.optional(),
    trustedCertSha256: certSha256Schema.optional(),
  })
  .strict()
  .superRefine((input, context) => {
    if (input.environment === 'custom' && input.customEnvironment === undefined) {
      context.addIssue({ code: 'custom', path: ['customEnvironment'], message: 'Name the custom environment.' });
    }
  });

/** For update: every field optional; `null` clears an optional field. */
export const profilePatchSchema = z
  .object({
    name: profileNameSchema.optional(),
    baseUrl: baseUrlSchema.optional(),
    environment: environmentSchema.optional(),
    customEnvironment: customEnvironmentSchema.nullable().optional(),
    notes: notesSchema.nullable().optional(),
    trustedCertSha256: certSha256Schema.nullable().optional(),
  })
  .strict();

export type ProfileInput = z.input<typeof profileInputSchema>;
export type ProfilePatch = z.input<typeof profilePatchSchema>;
export type ValidProfileInput = z.output<typeof profileInputSchema>;
export type ValidProfilePatch = z.output<typeof profilePatchSchema>;
