import './status.css';

/** The titlebar's way in and out of the fleet view. */
export function FleetStatusButton({ active, onToggle }: { readonly active: boolean; readonly onToggle: () => void }) {
  return (
    <button type="button" className="button fleet-status-button" aria-pressed={active} onClick={onToggle}>
      {active ? 'Back to memories' : 'Fleet status'}
    </button>
  );
}
