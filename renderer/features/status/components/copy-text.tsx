import { useState } from 'react';

type CopyState = 'idle' | 'copied' | 'failed';

/** A command with a copy button; the text stays selectable when the clipboard is not available. */
export function CopyText({ text, label }: { readonly text: string; readonly label: string }) {
  const [state, setState] = useState<CopyState>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <div className="copy-text">
      <code className="copy-text__code">{text}</code>
      <button type="button" className="button copy-text__button" onClick={() => void copy()} aria-label={`Copy ${label}`}>
        {state === 'copied' ? 'Copied' : 'Copy'}
      </button>
      {state === 'failed' && (
        <span className="copy-text__note" role="status">
          Copy is not available here; select the text instead.
        </span>
      )}
    </div>
  );
}
