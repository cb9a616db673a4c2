import type { ProbeCheck, StatusReport } from '../../../../electron/contract';
import { CertificateTrust } from './certificate-trust';
import { CopyText } from './copy-text';
import './status.css';

/** Everything behind a status: the checks that ran and what each saw, the guide's advice, curl. */
export function TroubleshootingPanel({ report }: { readonly report: StatusReport }) {
  return (
    <div className="troubleshooting" data-testid="troubleshooting" aria-label={`Troubleshooting ${report.profileName}`} role="region">
      <CertificateTrust report={report} />

      <h3 className="troubleshooting__heading">Checks that ran</h3>
      <ol className="check-list">
        {report.checks.map((check) => (
          <CheckItem key={check.step} check={check} />
        ))}
      </ol>
      <p className="troubleshooting__note">
        {report.keyFingerprint
          ? `Stored key fingerprint ${report.keyFingerprint}: compare with printf %s "$MCP_API_KEY" | sha256sum | cut -c1-12 on the server.`
          : 'No key is stored for this server.'}{' '}
        The commands read the key from $MCP_API_KEY in your shell; the console never puts it in a command.
      </p>

      {report.advice.length > 0 && (
        <>
          <h3 className="troubleshooting__heading">What the guide advises</h3>
          {report.advice.map((advice) => (
            <section key={advice.title} className="advice">
              <h4 className="advice__title">{advice.title}</h4>
              <ul className="advice__steps">
                {advice.steps.map((step) => (
                  <li key={step}>{step}</li>
                ))}
              </ul>
              {advice.commands.map((command) => (
                <CopyText key={command} text={command} label={`command: ${command}`} />
              ))}
            </section>
          ))}
        </>
      )}
    </div>
  );
}

function CheckItem({ check }: { readonly check: ProbeCheck }) {
  const { outcome } = check;
  return (
    <li className="check" data-step={check.step}>
      <p className="check__title">{check.title}</p>
      <p className="check__seen">
        {outcome.kind === 'answered' ? (
          <>
            <span className="check__status">HTTP {outcome.httpStatus}</span>
            {outcome.contentType && <span> · {outcome.contentType}</span>}
            <span> · {outcome.elapsedMs} ms</span>
          </>
        ) : (
          <>
            <span className="check__status">{outcome.failure}</span>
            <span> · {outcome.elapsedMs} ms</span>
          </>
        )}
      </p>
      <p className="check__meaning">{check.meaning}</p>
      {outcome.kind === 'answered' && outcome.bodyExcerpt !== '' && <pre className="check__body">{outcome.bodyExcerpt}</pre>}
      {outcome.kind === 'failed' && <p className="check__body-note">{outcome.message}</p>}
      <CopyText text={check.curl} label={`curl for ${check.title}`} />
    </li>
  );
}
