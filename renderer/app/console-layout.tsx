import { lazy, Suspense, useState } from 'react';
import { AppVersion } from '../features/app-info/components/app-version';
import { KeychainBanner } from '../features/app-info/components/keychain-banner';
import { useProfiles } from '../features/servers/api/get-profiles';
import { ServerSidebar } from '../features/servers/components/server-sidebar';
import { useSelectedProfile } from '../features/servers/use-selected-profile';
import { FleetStatusButton } from '../features/status/components/fleet-status-button';
import { ErrorBoundary } from './error-boundary';
import { MainContent } from './main-content';
import './styles/layout.css';

// Its own chunk: the console opens on a server's memories, not on the fleet.
const FleetOverview = lazy(() => import('../features/status/components/fleet-overview').then((module) => ({ default: module.FleetOverview })));

export function ConsoleLayout() {
  const profiles = useProfiles();
  const [selected, select] = useSelectedProfile(profiles.data);
  const [fleetView, setFleetView] = useState(false);
  const showServer = (id: string) => {
    select(id);
    setFleetView(false);
  };
  return (
    <div className="console">
      <header className="console__header">
        <div className="console__titlebar">
          <span className="console__brand">Memory Console</span>
          <AppVersion />
          <FleetStatusButton active={fleetView} onToggle={() => setFleetView((open) => !open)} />
        </div>
        <KeychainBanner />
      </header>
      <nav className="console__sidebar" aria-label="Servers">
        <ErrorBoundary>
          <ServerSidebar
            list={profiles.data}
            isPending={profiles.isPending}
            selectedId={selected?.id ?? null}
            onSelect={showServer}
          />
        </ErrorBoundary>
      </nav>
      <main className="console__main">
        {/* Keyed so a crash while viewing one server clears when another is chosen. */}
        <ErrorBoundary key={fleetView ? 'fleet' : (selected?.id ?? 'none')}>
          {fleetView && profiles.data !== undefined ? (
            <Suspense fallback={null}>
              <FleetOverview list={profiles.data} />
            </Suspense>
          ) : (
            <MainContent profiles={profiles} selected={selected} />
          )}
        </ErrorBoundary>
      </main>
    </div>
  );
}
