import type { AppInfo, ContractMethod } from '../../contract';
import type { AuditLog } from '../../diagnostics/audit-log';
import type { ProfileStore } from '../../profiles/profile-store';
import type { SecretStore } from '../../secrets/secret-store';
import type { Handlers } from '../dispatcher';
import type { SignalHub } from '../signal-hub';

/** What handlers are built from: the console core's long-lived services. */
export interface Services {
  readonly appInfo: AppInfo;
  readonly homeDir: string;
  readonly secrets: SecretStore;
  readonly profiles: ProfileStore;
  readonly signals: SignalHub;
  /** The local audit log: `audit.record(...)` for key changes and probe failures, never a key. */
  readonly audit: AuditLog;
}

/** The handlers of one feature: the methods whose names start with `prefix.`. */
export type FeatureHandlers<Prefix extends string> = Pick<Handlers, Extract<ContractMethod, `${Prefix}.${string}`>>;

/** Runs a change, then tells every window so each refreshes what it shows. */
export async function announcing<T>(signals: SignalHub, change: Promise<T>, ...kinds: ('profiles-changed' | 'keychain-changed')[]): Promise<T> {
  const result = await change;
  for (const kind of kinds) signals.emit({ kind });
  return result;
}
