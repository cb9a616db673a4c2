import type {
  ConsoleError,
  ContractInput,
  ContractMethod,
  ContractOutput,
  KeyReminder,
  Result,
  RotationSchedule,
  RotationView,
} from '../../../../electron/contract';
import type { FakeCall } from './fake-console';

/**
 * The rotation methods of the fake console. `rotation.get` answers the view set per profile (none:
 * null); `rotation.reminders` the reminders set (none: an empty list). Any other method answers
 * what `answer()` gave it, or fails loudly when a test did not fake it.
 */

interface Shared {
  readonly calls: FakeCall[];
  readonly failures: Map<ContractMethod, ConsoleError>;
}

type RotationMethod = Extract<ContractMethod, `rotation.${string}`>;
type Answer<M extends RotationMethod> = ContractOutput<M> | ((input: ContractInput<M>) => ContractOutput<M>);

export const defaultFakeSchedule: RotationSchedule = { development: null, staging: 30, production: 90, custom: null };

export function createRotationFakes({ calls, failures }: Shared) {
  const views = new Map<string, RotationView>();
  let reminders: KeyReminder[] = [];
  let schedule: RotationSchedule = defaultFakeSchedule;
  const answers = new Map<RotationMethod, unknown>();

  const respond = <M extends RotationMethod>(method: M, input: ContractInput<M>, fallback?: () => ContractOutput<M>): Promise<Result<ContractOutput<M>>> => {
    calls.push({ method, input });
    const failure = failures.get(method);
    if (failure) return Promise.resolve({ ok: false, error: failure });
    const answer = answers.get(method) as Answer<M> | undefined;
    if (answer !== undefined) {
      const value = typeof answer === 'function' ? (answer as (input: ContractInput<M>) => ContractOutput<M>)(input) : answer;
      return Promise.resolve({ ok: true, value });
    }
    if (fallback) return Promise.resolve({ ok: true, value: fallback() });
    return Promise.resolve({ ok: false, error: { code: 'internal', message: `${method} is not faked in this test` } });
  };

  const method = <M extends RotationMethod>(name: M, fallback?: (input: ContractInput<M>) => ContractOutput<M>) =>
    (input: ContractInput<M>) => respond(name, input, fallback ? () => fallback(input) : undefined);

  const methods = {
    'rotation.get': method('rotation.get', (input) => views.get(input.profileId) ?? null),
    'rotation.start': method('rotation.start'),
    'rotation.newKey': method('rotation.newKey'),
    'rotation.back': method('rotation.back'),
    'rotation.serverRecipe': method('rotation.serverRecipe'),
    'rotation.previewServerFile': method('rotation.previewServerFile'),
    'rotation.applyServerFile': method('rotation.applyServerFile'),
    'rotation.serverUpdated': method('rotation.serverUpdated'),
    'rotation.verifyNewKey': method('rotation.verifyNewKey'),
    'rotation.cancelVerify': method('rotation.cancelVerify'),
    'rotation.scanClients': method('rotation.scanClients'),
    'rotation.updateClients': method('rotation.updateClients'),
    'rotation.clientsDone': method('rotation.clientsDone'),
    'rotation.checkOldKey': method('rotation.checkOldKey'),
    'rotation.commit': method('rotation.commit'),
    'rotation.rollback': method('rotation.rollback'),
    'rotation.checklist': method('rotation.checklist'),
    'rotation.leakScan': method('rotation.leakScan'),
    'rotation.reminders': method('rotation.reminders', () => ({ schedule, reminders })),
    'rotation.setSchedule': method('rotation.setSchedule'),
  } satisfies { [M in RotationMethod]: (input: ContractInput<M>) => Promise<Result<ContractOutput<M>>> };

  return {
    methods,
    control: {
      setView: (profileId: string, view: RotationView | null) => {
        if (view === null) views.delete(profileId);
        else views.set(profileId, view);
      },
      setReminders: (next: readonly KeyReminder[], nextSchedule: RotationSchedule = schedule) => {
        reminders = [...next];
        schedule = nextSchedule;
      },
      answer: <M extends RotationMethod>(name: M, value: Answer<M> | undefined) => {
        if (value === undefined) answers.delete(name);
        else answers.set(name, value);
      },
    },
  };
}
