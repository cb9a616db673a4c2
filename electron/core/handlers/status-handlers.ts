import { createStatusService, type StatusServiceOptions } from '../../diagnostics/status-service';
import { announcing, type FeatureHandlers, type Services } from './services';

export type DiagnosticsHandlerOptions = Pick<StatusServiceOptions, 'timeoutMs' | 'send' | 'repeatFailureAfterMs'>;

/** Auth status, connection diagnostics and the audit log (issue 5). One status service per core. */
export function diagnosticsHandlers(services: Services, options: DiagnosticsHandlerOptions = {}): FeatureHandlers<'status'> & FeatureHandlers<'audit'> {
  const { profiles, signals, audit } = services;
  const status = createStatusService({ profiles, audit, ...options });
  return {
    'status.check': (input) => status.check(input.profileId),
    'status.trustCertificate': (input) => announcing(signals, status.trustCertificate(input.profileId, input.sha256), 'profiles-changed'),
    'status.distrustCertificate': (input) => announcing(signals, status.distrustCertificate(input.profileId), 'profiles-changed'),
    'audit.list': (input) => audit.list({ profileId: input.profileId, limit: input.limit }),
  };
}
