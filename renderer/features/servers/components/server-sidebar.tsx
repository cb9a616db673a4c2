import { lazy, Suspense, useRef, useState } from 'react';
import type { ProfileList, ProfileView } from '../../../../electron/contract';
import { ErrorPanel } from '../../../ui/error-panel';
import { useDuplicateKeys } from '../../keys/api/get-duplicate-keys';
import { DuplicateKeyWarnings } from '../../keys/components/duplicate-key-warnings';
import { moveId, useReorderProfiles } from '../api/profile-mutations';
import { DeleteServerDialog } from './delete-server-dialog';
import { ServerListItem, type ServerAction } from './server-list-item';
import './servers.css';

// Their own chunk (with the key forms): not needed to show the servers, only to add or edit one.
const AddServerDialog = lazy(() => import('./server-dialog').then((module) => ({ default: module.AddServerDialog })));
const EditServerDialog = lazy(() => import('./server-dialog').then((module) => ({ default: module.EditServerDialog })));

interface ServerSidebarProps {
  readonly list: ProfileList | undefined;
  readonly isPending: boolean;
  readonly selectedId: string | null;
  readonly onSelect: (id: string) => void;
}

type OpenDialog =
  | { readonly kind: 'add' }
  | { readonly kind: 'edit'; readonly id: string }
  // The profile itself, not its id: the dialog outlives the profile when the keychain item stays behind.
  | { readonly kind: 'delete'; readonly profile: ProfileView };

export function ServerSidebar({ list, isPending, selectedId, onSelect }: ServerSidebarProps) {
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const reorder = useReorderProfiles();
  const duplicates = useDuplicateKeys();
  const listRef = useRef<HTMLUListElement>(null);
  const editing = dialog?.kind === 'edit' ? list?.profiles.find((profile) => profile.id === dialog.id) : undefined;

  const onAction = (action: ServerAction, profile: ProfileView) => {
    switch (action) {
      case 'edit':
        setDialog({ kind: 'edit', id: profile.id });
        return;
      case 'delete':
        setDialog({ kind: 'delete', profile });
        return;
      case 'up':
      case 'down': {
        const next = list ? moveId(list.profiles.map((item) => item.id), profile.id, action) : null;
        if (next === null) return;
        reorder.mutate(next);
        // The moved server's button keeps focus, so repeated presses keep moving it.
        requestAnimationFrame(() => {
          const label = `Move ${profile.name} ${action}`;
          const buttons = [...(listRef.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
          const same = buttons.find((button) => button.getAttribute('aria-label') === label && !button.disabled);
          (same ?? listRef.current?.querySelector<HTMLButtonElement>('[aria-current="true"]'))?.focus();
        });
        return;
      }
    }
  };

  return (
    <div className="server-sidebar">
      <div className="server-sidebar__header">
        <h2 className="server-sidebar__heading" id="servers-heading">
          Servers
        </h2>
        <button type="button" className="icon-button server-sidebar__add" onClick={() => setDialog({ kind: 'add' })} disabled={list === undefined}>
          + Add server
        </button>
      </div>
      {list === undefined && isPending && (
        <p className="server-sidebar__note" role="status">
          Loading servers…
        </p>
      )}
      {/* The main area explains the failure and offers a retry; one alert is enough. */}
      {list === undefined && !isPending && <p className="server-sidebar__note">Servers could not be loaded.</p>}
      {list !== undefined && list.profiles.length === 0 && <p className="server-sidebar__note">No servers yet.</p>}
      {list !== undefined && list.profiles.length > 0 && (
        <ul ref={listRef} className="server-list" aria-labelledby="servers-heading">
          {list.profiles.map((profile, index) => (
            <ServerListItem
              key={profile.id}
              profile={profile}
              selected={profile.id === selectedId}
              isFirst={index === 0}
              isLast={index === list.profiles.length - 1}
              onSelect={onSelect}
              onAction={onAction}
            />
          ))}
        </ul>
      )}
      {reorder.error !== null && <ErrorPanel error={reorder.error} compact />}
      {duplicates.data !== undefined && <DuplicateKeyWarnings groups={duplicates.data.groups} compact />}
      {list !== undefined && list.problems.length > 0 && (
        <div className="server-sidebar__problems" role="note" aria-label="Problems in the settings files">
          <p>Some settings could not be read and were set aside:</p>
          <ul>
            {list.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      )}
      <Suspense fallback={null}>
        {dialog?.kind === 'add' && <AddServerDialog onClose={() => setDialog(null)} onAdded={onSelect} />}
        {editing !== undefined && <EditServerDialog profile={editing} onClose={() => setDialog(null)} />}
      </Suspense>
      {dialog?.kind === 'delete' && <DeleteServerDialog profile={dialog.profile} onClose={() => setDialog(null)} />}
    </div>
  );
}
