import { announcing, type FeatureHandlers, type Services } from './services';

export function keyHandlers({ profiles, signals }: Services): FeatureHandlers<'keys'> {
  return {
    'keys.set': (input) =>
      announcing(signals, profiles.setKey(input.profileId, input.key, { source: 'pasted' }), 'profiles-changed', 'keychain-changed'),
  };
}
