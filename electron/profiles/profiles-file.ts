import { z } from 'zod';
import { environments } from '../contract';

export const profilesFileName = 'profiles.json';
export const profilesFileVersion = 1;

// Loose objects keep fields this version does not know, so a newer console's additional field
// survives an edit made by this one (DESIGN rule 3: nothing is lost).
const storedKeySchema = z.looseObject({
  prefix: z.string().max(16),
  fingerprint: z.string().regex(/^sha256:[0-9a-f]{12}$/),
  keyHash: z.string().regex(/^hmac-sha256:[0-9a-f]{64}$/),
  source: z.enum(['pasted', 'generated', 'imported']),
  importedFrom: z.string().max(4096).optional(),
  addedAt: z.string(),
  rotatedAt: z.string().optional(),
  rotatedFrom: z.string().regex(/^sha256:[0-9a-f]{12}$/).optional(),
});

const storedProfileSchema = z.looseObject({
  id: z.string().regex(/^[a-z0-9-]{1,64}$/),
  name: z.string().min(1).max(80),
  baseUrl: z.string().min(1).max(2048),
  environment: z.enum(environments),
  customEnvironment: z.string().max(40).optional(),
  notes: z.string().max(2000).optional(),
  trustedCertSha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  key: storedKeySchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const profilesFileSchema = z
  .looseObject({
    version: z.literal(profilesFileVersion),
    activeId: z.string().nullable(),
    /** Base64 salt for keyHash (see keys/key-fingerprint.ts); created with the first stored key. */
    keySalt: z.string().regex(/^[A-Za-z0-9+/]{22,}={0,2}$/).optional(),
    profiles: z.array(storedProfileSchema).max(1000),
  })
  .refine((file) => new Set(file.profiles.map((profile) => profile.id)).size === file.profiles.length, {
    message: 'two profiles share an id',
    path: ['profiles'],
  });

export type ProfilesFile = z.output<typeof profilesFileSchema>;
export type StoredProfile = ProfilesFile['profiles'][number];
export type StoredKey = NonNullable<StoredProfile['key']>;

export function emptyProfilesFile(): ProfilesFile {
  return { version: profilesFileVersion, activeId: null, profiles: [] };
}
