import { useReminder } from '../api/get-rotation';
import { reminderBadge, reminderSentence } from '../rotation-words';
import './rotation.css';

/** Sidebar badge: key overdue or due soon, or a rotation in progress. Nothing when all is well. */
export function RotationBadge({ profileId }: { readonly profileId: string }) {
  const badge = reminderBadge(useReminder(profileId));
  if (badge === null) return null;
  return (
    <span className={`rotation-badge rotation-badge--${badge.tone}`} data-testid="rotation-badge" data-tone={badge.tone} title={badge.description}>
      {badge.label}
    </span>
  );
}

/** The key panel's line about the key's age against the schedule. */
export function RotationReminderNote({ profileId }: { readonly profileId: string }) {
  const reminder = useReminder(profileId);
  const sentence = reminderSentence(reminder);
  if (sentence === null) return null;
  const badge = reminderBadge(reminder);
  return (
    <p className={`rotation-note${badge ? ` rotation-note--${badge.tone}` : ''}`} data-testid="rotation-reminder">
      {sentence}
      {reminder?.rotation ? ' A rotation is in progress.' : ''}
    </p>
  );
}
