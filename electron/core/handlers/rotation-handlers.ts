import type { RotationService } from '../../rotation/rotation-service';
import { announcing, type FeatureHandlers, type Services } from './services';

/**
 * Guided key rotation (issue 7). Every change says `profiles-changed` (the renderer keeps rotation
 * answers under the profiles' query root); the moves that change keychain items say
 * `keychain-changed` too. Keys leave here only in `rotation.newKey` (a generated key, once) and a
 * revealed `rotation.serverRecipe`.
 */
export function rotationHandlers({ signals }: Services, rotation: RotationService): FeatureHandlers<'rotation'> {
  const changed = <T>(change: Promise<T>) => announcing(signals, change, 'profiles-changed');
  const keychainChanged = <T>(change: Promise<T>) => announcing(signals, change, 'profiles-changed', 'keychain-changed');
  return {
    'rotation.get': (input) => rotation.get(input.profileId),
    'rotation.start': (input) => keychainChanged(rotation.start(input.profileId, input.mode)),
    'rotation.newKey': (input) => keychainChanged(rotation.newKey(input.profileId, input.source)),
    'rotation.back': (input) => changed(rotation.back(input.profileId)),
    'rotation.serverRecipe': (input) =>
      rotation.serverRecipe(input.profileId, input.deployment, input.reveal, {
        file: input.file,
        secretPath: input.secretPath,
        vaultName: input.vaultName,
        container: input.container,
      }),
    'rotation.previewServerFile': (input) => rotation.previewServerFile(input.profileId, input.kind, input.path),
    'rotation.applyServerFile': (input) => changed(rotation.applyServerFile(input.profileId, input.kind, input.path, input.sha256)),
    'rotation.serverUpdated': (input) => changed(rotation.serverUpdated(input.profileId, input.deployment, input.timeoutSeconds)),
    'rotation.verifyNewKey': (input) => changed(rotation.verifyNewKey(input.profileId, input.timeoutSeconds)),
    'rotation.cancelVerify': (input) => changed(rotation.cancelVerify(input.profileId)),
    'rotation.scanClients': (input) => rotation.scanClients(input.profileId, input.extraPaths),
    'rotation.updateClients': (input) => changed(rotation.updateClients(input.profileId, input.files)),
    'rotation.clientsDone': (input) => changed(rotation.clientsDone(input.profileId, input.skipped)),
    'rotation.checkOldKey': (input) => changed(rotation.checkOldKey(input.profileId)),
    'rotation.commit': (input) => keychainChanged(rotation.commit(input.profileId)),
    'rotation.rollback': (input) => keychainChanged(rotation.rollback(input.profileId, input.force)),
    'rotation.checklist': (input) => changed(rotation.checklist(input.profileId, input.item, input.done)),
    'rotation.leakScan': (input) => changed(rotation.leakScan(input.profileId, input.folders)),
    'rotation.reminders': () => rotation.reminders(),
    'rotation.setSchedule': (input) => changed(rotation.setSchedule(input.schedule)),
  };
}
