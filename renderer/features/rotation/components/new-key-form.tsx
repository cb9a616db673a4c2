import { useId, useState } from 'react';
import type { KeyFormat } from '../../../../electron/contract';
import { ErrorPanel } from '../../../ui/error-panel';
import { blocksSaving, usePastedKeyCheck } from '../../keys/api/use-pasted-key-check';
import { GenerateKeyField } from '../../keys/components/generate-key-field';
import { PasteKeyField } from '../../keys/components/paste-key-field';
import type { useStoreNewKey } from '../api/rotation-mutations';

interface NewKeyFormProps {
  readonly profileId: string;
  readonly store: ReturnType<typeof useStoreNewKey>;
  readonly submitLabel: string;
}

/** Generate (the keychain feature's generator) or paste from a secrets manager, checked by the guide's policy. */
export function NewKeyForm({ profileId, store, submitLabel }: NewKeyFormProps) {
  const [mode, setMode] = useState<'generate' | 'paste'>('generate');
  const [format, setFormat] = useState<KeyFormat>('base64-32');
  const [pasted, setPasted] = useState('');
  const check = usePastedKeyCheck(mode === 'paste' ? pasted : '');
  const name = useId();
  const blocked = mode === 'paste' && blocksSaving(check);
  const submit = () => {
    if (blocked) return;
    store.mutate(
      { profileId, source: mode === 'generate' ? { kind: 'generate', format } : { kind: 'paste', key: pasted } },
      // The pasted key is not kept past the call.
      { onSettled: () => setPasted('') },
    );
  };
  return (
    <div className="rotation-new-key">
      <div className="key-choice__modes" role="radiogroup" aria-label="How to make the new key">
        <label className="key-choice__mode">
          <input type="radio" name={name} checked={mode === 'generate'} onChange={() => setMode('generate')} />
          Generate a new key
        </label>
        <label className="key-choice__mode">
          <input type="radio" name={name} checked={mode === 'paste'} onChange={() => setMode('paste')} />
          Paste a key (from a secrets manager)
        </label>
      </div>
      {mode === 'generate' ? <GenerateKeyField format={format} onChange={setFormat} /> : <PasteKeyField check={check} onChange={setPasted} />}
      {store.error !== null && <ErrorPanel error={store.error} compact />}
      <div className="form-actions">
        <button type="button" className="button button--primary" disabled={blocked || store.isPending} onClick={submit}>
          {store.isPending ? 'Storing…' : submitLabel}
        </button>
      </div>
    </div>
  );
}
