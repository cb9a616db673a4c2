import type { FeatureHandlers, Services } from './services';

export function appHandlers({ appInfo }: Services): FeatureHandlers<'app'> {
  return {
    'app.info': async () => appInfo,
  };
}
