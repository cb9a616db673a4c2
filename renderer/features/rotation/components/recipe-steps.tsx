import { useState } from 'react';
import type { ServerDeployment, ServerRecipe } from '../../../../electron/contract';
import { ErrorPanel } from '../../../ui/error-panel';
import { copyText } from '../../keys/copy-text';
import type { RecipeParams } from '../api/get-rotation';
import { useRevealRecipe } from '../api/rotation-mutations';

interface RecipeStepsProps {
  readonly profileId: string;
  readonly deployment: ServerDeployment;
  readonly params: RecipeParams;
  readonly recipe: ServerRecipe;
}

/**
 * The steps, each with its own Copy. Copying a step that needs the key asks for the revealed
 * recipe, copies, and forgets it at once; "Show the key in the steps" keeps it on screen until
 * hidden. Neither is ever cached.
 */
export function RecipeSteps({ profileId, deployment, params, recipe }: RecipeStepsProps) {
  const shown = useRevealRecipe();
  const forCopy = useRevealRecipe();
  const [copied, setCopied] = useState<{ readonly index: number; readonly outcome: 'copied' | 'select-instead' } | null>(null);
  const revealed = shown.data ?? null;
  const steps = revealed?.steps ?? recipe.steps;

  const copy = async (index: number) => {
    setCopied(null);
    let text = steps[index]?.text ?? '';
    if (steps[index]?.withKey && revealed === null) {
      try {
        text = (await forCopy.mutateAsync({ profileId, deployment, ...params })).steps[index]?.text ?? '';
      } catch {
        return;
      } finally {
        forCopy.reset();
      }
    }
    const outcome = await copyText(text);
    setCopied({ index, outcome });
    // Without a clipboard the step is shown with the key so it can be selected by hand.
    if (outcome === 'select-instead' && steps[index]?.withKey) shown.mutate({ profileId, deployment, ...params });
  };

  return (
    <div className="rotation-recipe" data-testid="rotation-recipe">
      <p className="rotation-recipe__summary">{recipe.summary}</p>
      <div className="form-actions form-actions--start">
        {revealed === null ? (
          <button type="button" className="button" onClick={() => shown.mutate({ profileId, deployment, ...params })} disabled={shown.isPending}>
            Show the key in the steps
          </button>
        ) : (
          <button type="button" className="button" onClick={() => shown.reset()}>
            Hide the key
          </button>
        )}
      </div>
      <ol className="rotation-recipe__steps">
        {steps.map((step, index) => (
          <li key={`${step.title}-${index}`} className="rotation-recipe__step" data-testid="recipe-step">
            <div className="rotation-recipe__head">
              <span className="rotation-recipe__title">{step.title}</span>
              <button type="button" className="icon-button" onClick={() => void copy(index)} aria-label={`Copy: ${step.title}`}>
                Copy
              </button>
            </div>
            <pre className="rotation-recipe__text">{step.text}</pre>
            {step.note !== undefined && <p className="field__help">{step.note}</p>}
            {copied?.index === index && (
              <p className="field__help" role="status">
                {copied.outcome === 'copied' ? 'Copied to the clipboard.' : 'The clipboard is not available: select the text and copy it.'}
              </p>
            )}
          </li>
        ))}
      </ol>
      {(shown.error ?? forCopy.error) !== null && <ErrorPanel error={shown.error ?? forCopy.error} compact />}
    </div>
  );
}
