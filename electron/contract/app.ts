import { z } from 'zod';
import type { KeychainStatus } from './common';

export interface AppInfo {
  readonly version: string;
  readonly mode: 'electron' | 'browser';
  readonly keychain: KeychainStatus;
}

export const appMethods = {
  'app.info': z.object({}).strict(),
} as const;

export interface AppOutputs {
  'app.info': AppInfo;
}
