import { useId, useState } from 'react';
import type { RotationView, ServerDeployment } from '../../../../electron/contract';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { ErrorPanel } from '../../../ui/error-panel';
import { useRecipe, type RecipeParams } from '../api/get-rotation';
import { useRotationStep, type useStoreNewKey } from '../api/rotation-mutations';
import { deploymentLabels, deploymentOrder, deploymentParams, paramLabels } from '../rotation-words';
import { ChangedFiles } from './changed-files';
import { LocalFileChange } from './local-file-change';
import { NewKeyForm } from './new-key-form';
import { RecipeSteps } from './recipe-steps';

/** Step 2: put the new key on the server, the way it is deployed; the console can do local files itself. */
export function StepServer({ view, store }: { readonly view: RotationView; readonly store: ReturnType<typeof useStoreNewKey> }) {
  const [deployment, setDeployment] = useState<ServerDeployment>(view.deployment ?? 'dotenv');
  const [params, setParams] = useState<RecipeParams>({});
  const settled = useDebouncedValue(params, 300);
  const recipe = useRecipe(view.profileId, deployment, settled);
  const updated = useRotationStep('rotation.serverUpdated');
  const selectId = useId();
  const serverFilesChanged = view.serverChanges.some((change) => change.state !== 'restored');
  return (
    <>
      <h3 id="rotation-step-title" className="rotation-step__title">
        2. Update the server
      </h3>
      <p>
        New key <code>{view.newKey?.fingerprint}</code> is stored as pending. Put it on the server now. The real memory service reads its key only when it starts, so
        the server must be restarted; a gateway that accepts two keys can take both for a while (zero downtime).
      </p>
      <label htmlFor={selectId} className="field__label">
        How is the server deployed?
      </label>
      <select
        id={selectId}
        className="field__input"
        value={deployment}
        onChange={(event) => {
          setDeployment(event.currentTarget.value as ServerDeployment);
          setParams({});
        }}
      >
        {deploymentOrder.map((option) => (
          <option key={option} value={option}>
            {deploymentLabels[option]}
          </option>
        ))}
      </select>
      {deploymentParams[deployment].map((param) => (
        <label key={param} className="field rotation-param">
          <span className="field__label">
            {paramLabels[param]} <span className="field__optional">(optional)</span>
          </span>
          <input
            className="field__input field__input--mono"
            value={params[param] ?? ''}
            spellCheck={false}
            onChange={(event) => {
              const value = event.currentTarget.value;
              setParams((current) => {
                const next = { ...current };
                if (value.trim() === '') delete next[param];
                else next[param] = value.trim();
                return next;
              });
            }}
          />
        </label>
      ))}
      {recipe.error !== null && <ErrorPanel error={recipe.error} compact />}
      {recipe.data !== undefined && (
        <>
          <RecipeSteps key={`${deployment}:${JSON.stringify(settled)}`} profileId={view.profileId} deployment={deployment} params={settled} recipe={recipe.data} />
          {recipe.data.localFile !== null && (
            <LocalFileChange key={`${deployment}:${recipe.data.localFile.defaultPath ?? ''}`} view={view} kind={recipe.data.localFile.kind} defaultPath={recipe.data.localFile.defaultPath} />
          )}
        </>
      )}
      <ChangedFiles changes={view.serverChanges} label="Server files changed" />
      {updated.error !== null && <ErrorPanel error={updated.error} compact />}
      <div className="form-actions">
        <button type="button" className="button button--primary" disabled={updated.isPending} onClick={() => updated.mutate({ profileId: view.profileId, deployment })}>
          I have updated the server
        </button>
      </div>
      {!serverFilesChanged && (
        <details className="rotation-other-key">
          <summary>Use another new key instead</summary>
          <NewKeyForm profileId={view.profileId} store={store} submitLabel="Replace the new key" />
        </details>
      )}
    </>
  );
}
