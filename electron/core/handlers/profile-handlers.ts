import { recordProfileDeleted } from '../../diagnostics/key-audit';
import { normaliseBaseUrl } from '../../profiles/base-url';
import { announcing, type FeatureHandlers, type Services } from './services';

export function profileHandlers({ profiles, signals, audit }: Services): FeatureHandlers<'profiles'> {
  return {
    'profiles.list': () => profiles.list(),
    'profiles.create': (input) => announcing(signals, profiles.create(input), 'profiles-changed'),
    'profiles.update': (input) => announcing(signals, profiles.update(input.profileId, input.patch), 'profiles-changed'),
    'profiles.delete': async (input) => {
      const result = await announcing(signals, profiles.delete(input.profileId), 'profiles-changed', 'keychain-changed');
      await recordProfileDeleted(audit, result.deleted, result.keyRemoved, result.keyProblem);
      return result;
    },
    'profiles.reorder': (input) => announcing(signals, profiles.reorder(input.ids), 'profiles-changed'),
    'profiles.setActive': (input) => announcing(signals, profiles.setActive(input.profileId), 'profiles-changed'),
    'profiles.checkBaseUrl': async (input) => normaliseBaseUrl(input.baseUrl),
  };
}
