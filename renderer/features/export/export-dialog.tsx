import { useEffect, useId, useRef, useState } from 'react';
import type { ExportFormat, Memory } from '../../../electron/contract';
import { ErrorPanel } from '../../ui/error-panel';
import { Modal } from '../../ui/modal';
import { useAppInfo } from '../app-info/api/get-app-info';
import { getMemoryPage } from '../memories/api/get-memory-pages';
import type { MemoryListFilter } from '../memories/api/memory-keys';
import { collectAllPages, type CollectProgress } from './collect-memories';
import { exportFileName, formatExport } from './export-format';
import { saveExport } from './save-export';

export type ExportSource =
  | { readonly kind: 'list'; readonly filter: MemoryListFilter }
  /** A search answer is complete already (the server does not page searches). */
  | { readonly kind: 'search'; readonly memories: readonly Memory[] };

interface ExportDialogProps {
  readonly profileId: string;
  readonly serverName: string;
  readonly view: string;
  readonly source: ExportSource;
  readonly onClose: () => void;
}

type Phase =
  | { readonly step: 'choose' }
  | { readonly step: 'running'; readonly progress: CollectProgress }
  | { readonly step: 'done'; readonly fileName: string; readonly count: number }
  | { readonly step: 'not-saved' }
  | { readonly step: 'cancelled'; readonly loaded: number }
  | { readonly step: 'failed'; readonly error: unknown };

const countFormat = new Intl.NumberFormat();

export function ExportDialog({ profileId, serverName, view, source, onClose }: ExportDialogProps) {
  const formatName = useId();
  const appInfo = useAppInfo();
  const [format, setFormat] = useState<ExportFormat>('json');
  const [phase, setPhase] = useState<Phase>({ step: 'choose' });
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const start = async () => {
    const abort = new AbortController();
    controller.current = abort;
    setPhase({ step: 'running', progress: { loaded: 0, total: source.kind === 'search' ? source.memories.length : 0 } });
    let loaded = 0;
    try {
      const memories =
        source.kind === 'search'
          ? [...source.memories]
          : await collectAllPages(
              (page) => getMemoryPage({ profileId, page, filter: source.filter }),
              (progress) => {
                loaded = progress.loaded;
                setPhase({ step: 'running', progress });
              },
              abort.signal,
            );
      const at = new Date();
      const content = formatExport(format, { serverName, view, exportedAt: at }, memories);
      const outcome = await saveExport(appInfo.data?.mode ?? 'browser', exportFileName(serverName, format, at), format, content);
      if (abort.signal.aborted) return;
      setPhase(outcome.saved ? { step: 'done', fileName: outcome.fileName, count: memories.length } : { step: 'not-saved' });
    } catch (error) {
      if (abort.signal.aborted) setPhase({ step: 'cancelled', loaded });
      else setPhase({ step: 'failed', error });
    }
  };

  const cancel = () => controller.current?.abort();
  const running = phase.step === 'running';

  return (
    <Modal title="Export the current view" onClose={running ? undefined : onClose}>
      <p>
        {view} on {serverName}
        {source.kind === 'search' ? ` (${countFormat.format(source.memories.length)} results)` : ', every page'}.
      </p>
      {phase.step === 'choose' && (
        <fieldset className="export-dialog__formats">
          <legend>Format</legend>
          <label>
            <input type="radio" name={formatName} value="json" checked={format === 'json'} onChange={() => setFormat('json')} /> JSON (exactly as the server
            returns memories)
          </label>
          <label>
            <input type="radio" name={formatName} value="markdown" checked={format === 'markdown'} onChange={() => setFormat('markdown')} /> Markdown
            (readable, one section per memory)
          </label>
        </fieldset>
      )}
      {running && (
        <div className="progress-block" role="status" aria-live="polite">
          <progress
            aria-label="Export progress"
            max={Math.max(1, phase.progress.total)}
            value={phase.progress.total === 0 ? undefined : phase.progress.loaded}
          />
          <span data-testid="export-progress">
            {countFormat.format(phase.progress.loaded)} of {countFormat.format(phase.progress.total)} memories fetched
          </span>
        </div>
      )}
      {phase.step === 'done' && (
        <p role="status" data-testid="export-done">
          Exported {countFormat.format(phase.count)} memories to {phase.fileName}.
        </p>
      )}
      {phase.step === 'not-saved' && <p role="status">Not saved: the save dialog was closed.</p>}
      {phase.step === 'cancelled' && (
        <p role="status" data-testid="export-cancelled">
          Export cancelled after {countFormat.format(phase.loaded)} memories; no file was written.
        </p>
      )}
      {phase.step === 'failed' && <ErrorPanel error={phase.error} compact />}
      <div className="form-actions">
        {(phase.step === 'choose' || phase.step === 'failed' || phase.step === 'cancelled' || phase.step === 'not-saved') && (
          <button type="button" className="button button--primary" onClick={() => void start()} data-autofocus>
            {phase.step === 'choose' ? 'Export' : 'Export again'}
          </button>
        )}
        {running ? (
          <button type="button" className="button" onClick={cancel}>
            Cancel export
          </button>
        ) : (
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
        )}
      </div>
    </Modal>
  );
}
