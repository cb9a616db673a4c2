export const productionServiceName = 'Memory Console';
export const developmentServiceName = 'Memory Console (development)';

export interface ServiceNameOptions {
  /** Electron's `app.isPackaged`: a packaged app is production even when NODE_ENV is unset (Electron never sets it). */
  readonly packaged?: boolean;
}

/**
 * The keychain "service" all of the console's items are filed under.
 *
 * Rule: `MEMORY_CONSOLE_KEYCHAIN_SERVICE` (non-blank) wins, so tests and CI get isolated names;
 * otherwise a packaged app or `NODE_ENV=production` uses the production name, and everything else
 * (dev runs, `NODE_ENV=test`, unset) uses the development name so hacking on the console never
 * reads, overwrites or deletes the keys of an installed copy.
 */
export function keychainServiceName(
  env: Readonly<Record<string, string | undefined>>,
  options: ServiceNameOptions = {},
): string {
  const override = env['MEMORY_CONSOLE_KEYCHAIN_SERVICE']?.trim();
  if (override) return override;
  if (options.packaged === true || env['NODE_ENV'] === 'production') return productionServiceName;
  return developmentServiceName;
}
