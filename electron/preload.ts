import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ChangeSignal, ConsoleApi, ContractMethod, MemoryConsoleBridge } from './contract';
import { BRIDGE_KEY, SIGNAL_CHANNEL, methodChannel } from './shell/channels';

/**
 * Runs in the sandboxed renderer: it may require only `electron`, so it is bundled into one file
 * and imports nothing but types from the contract (no zod in the page). The page gets one function
 * per contract method and never `ipcRenderer` itself or a way to name an arbitrary channel.
 */

function call<M extends ContractMethod>(method: M): ConsoleApi[M] {
  const channel = methodChannel(method);
  const invoke = (input: unknown): Promise<unknown> => ipcRenderer.invoke(channel, input);
  return invoke as ConsoleApi[M];
}

function onSignal(listener: (signal: ChangeSignal) => void): () => void {
  // The IPC event object (with `sender`) stays here; the page sees only the signal.
  const forward = (_event: IpcRendererEvent, signal: ChangeSignal): void => listener(signal);
  ipcRenderer.on(SIGNAL_CHANNEL, forward);
  return () => {
    ipcRenderer.removeListener(SIGNAL_CHANNEL, forward);
  };
}

// Listed by hand so that a contract method without a bridge function is a type error.
const bridge: MemoryConsoleBridge = {
  'app.info': call('app.info'),
  'profiles.list': call('profiles.list'),
  'profiles.create': call('profiles.create'),
  'profiles.update': call('profiles.update'),
  'profiles.delete': call('profiles.delete'),
  'profiles.reorder': call('profiles.reorder'),
  'profiles.setActive': call('profiles.setActive'),
  'profiles.checkBaseUrl': call('profiles.checkBaseUrl'),
  'keys.set': call('keys.set'),
  'keys.check': call('keys.check'),
  'keys.generate': call('keys.generate'),
  'keys.reveal': call('keys.reveal'),
  'keys.findCandidates': call('keys.findCandidates'),
  'keys.import': call('keys.import'),
  'keys.remove': call('keys.remove'),
  'keys.duplicates': call('keys.duplicates'),
  'memories.list': call('memories.list'),
  'memories.get': call('memories.get'),
  'memories.search': call('memories.search'),
  'memories.searchByTag': call('memories.searchByTag'),
  'memories.searchByTime': call('memories.searchByTime'),
  'memories.cancel': call('memories.cancel'),
  'memories.create': call('memories.create'),
  'memories.update': call('memories.update'),
  'memories.delete': call('memories.delete'),
  'memories.bulkDeleteByTag': call('memories.bulkDeleteByTag'),
  'memories.tags': call('memories.tags'),
  'memories.types': call('memories.types'),
  'analytics.growth': call('analytics.growth'),
  'analytics.tagUsage': call('analytics.tagUsage'),
  'live.follow': call('live.follow'),
  'live.status': call('live.status'),
  'export.save': call('export.save'),
  'status.check': call('status.check'),
  'status.trustCertificate': call('status.trustCertificate'),
  'status.distrustCertificate': call('status.distrustCertificate'),
  'audit.list': call('audit.list'),
  'rotation.get': call('rotation.get'),
  'rotation.start': call('rotation.start'),
  'rotation.newKey': call('rotation.newKey'),
  'rotation.back': call('rotation.back'),
  'rotation.serverRecipe': call('rotation.serverRecipe'),
  'rotation.previewServerFile': call('rotation.previewServerFile'),
  'rotation.applyServerFile': call('rotation.applyServerFile'),
  'rotation.serverUpdated': call('rotation.serverUpdated'),
  'rotation.verifyNewKey': call('rotation.verifyNewKey'),
  'rotation.cancelVerify': call('rotation.cancelVerify'),
  'rotation.scanClients': call('rotation.scanClients'),
  'rotation.updateClients': call('rotation.updateClients'),
  'rotation.clientsDone': call('rotation.clientsDone'),
  'rotation.checkOldKey': call('rotation.checkOldKey'),
  'rotation.commit': call('rotation.commit'),
  'rotation.rollback': call('rotation.rollback'),
  'rotation.checklist': call('rotation.checklist'),
  'rotation.leakScan': call('rotation.leakScan'),
  'rotation.reminders': call('rotation.reminders'),
  'rotation.setSchedule': call('rotation.setSchedule'),
  onSignal,
};

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
