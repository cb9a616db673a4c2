import type { StatusReport } from '../../../../electron/contract';
import { ErrorPanel } from '../../../ui/error-panel';
import { useDistrustCertificate, useTrustCertificate } from '../api/status-mutations';
import { formatFingerprint } from '../status-view';

/**
 * The one way a self-signed certificate gets trusted: the user sees its fingerprint, compares it
 * with the server's, and trusts exactly that certificate for this profile.
 */
export function CertificateTrust({ report }: { readonly report: StatusReport }) {
  const trust = useTrustCertificate();
  const distrust = useDistrustCertificate();
  const { status } = report;
  const presented = status.kind === 'tls-problem' ? status.certSha256 : null;
  const trustable = status.kind === 'tls-problem' && (status.reason === 'self-signed' || status.reason === 'pin-mismatch') && presented !== null;

  if (!trustable && !report.trustedCertSha256) return null;
  return (
    <section className="certificate" aria-label="Server certificate">
      {status.kind === 'tls-problem' && status.reason === 'pin-mismatch' && status.trustedCertSha256 && (
        <p className="certificate__line">
          Trusted before: <code className="certificate__fingerprint">{formatFingerprint(status.trustedCertSha256)}</code>
        </p>
      )}
      {presented && (
        <p className="certificate__line">
          {status.kind === 'tls-problem' && status.reason === 'pin-mismatch' ? 'Presented now' : 'Presented'} (SHA-256):{' '}
          <code className="certificate__fingerprint" data-testid="presented-fingerprint">
            {formatFingerprint(presented)}
          </code>
        </p>
      )}
      {trustable && presented && (
        <button
          type="button"
          className="button button--warning"
          disabled={trust.isPending}
          onClick={() => trust.mutate({ profileId: report.profileId, sha256: presented })}
        >
          {trust.isPending ? 'Trusting…' : `Trust this certificate for ${report.profileName}`}
        </button>
      )}
      {!trustable && report.trustedCertSha256 && (
        <p className="certificate__line">
          This profile trusts the certificate <code className="certificate__fingerprint">{formatFingerprint(report.trustedCertSha256)}</code> and no other.{' '}
          <button type="button" className="button" disabled={distrust.isPending} onClick={() => distrust.mutate(report.profileId)}>
            Stop trusting it
          </button>
        </p>
      )}
      {trust.isError && <ErrorPanel error={trust.error} compact />}
      {distrust.isError && <ErrorPanel error={distrust.error} compact />}
    </section>
  );
}
