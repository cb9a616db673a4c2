import path from 'node:path';
import { z } from 'zod';
import { environments, type Environment, type ProfileView } from '../contract/common';
import type { KeyReminder, RotationSchedule } from '../contract/rotation';
import { ConsoleFailure } from '../core/console-failure';
import { writeFileAtomic } from '../settings/atomic-write';
import { withFileLock } from '../settings/file-lock';
import { ensureConsoleHome } from '../settings/paths';
import { readVersionedJson } from '../settings/versioned-json';
import { stepNumbers, type RotationFile } from './rotation-state';

/**
 * The guide's "Recommended Rotation Schedule": development as needed, staging monthly, production
 * quarterly, as days per environment the user can change. A key's age counts from its last
 * rotation, or from when it was added to the console.
 */

export const defaultSchedule: RotationSchedule = { development: null, staging: 30, production: 90, custom: null };

export const scheduleFileName = 'rotation-schedule.json';
const scheduleVersion = 1;
const interval = z.number().int().min(1).max(3650).nullable();
const scheduleFileSchema = z.looseObject({
  version: z.literal(scheduleVersion),
  intervals: z.looseObject(Object.fromEntries(environments.map((env) => [env, interval.optional()])) as Record<Environment, z.ZodOptional<typeof interval>>),
});

export interface ScheduleStore {
  read(): Promise<{ readonly schedule: RotationSchedule; readonly problem: string | null }>;
  write(schedule: RotationSchedule): Promise<RotationSchedule>;
}

export function createScheduleStore(homeDir: string): ScheduleStore {
  const file = path.join(homeDir, scheduleFileName);
  const read = async () => {
    const result = await readVersionedJson(file, { schema: scheduleFileSchema, currentVersion: scheduleVersion });
    if (result.kind === 'missing') return { schedule: defaultSchedule, problem: null, writable: true };
    if (result.kind !== 'ok') return { schedule: defaultSchedule, problem: `${result.message} The default schedule is used.`, writable: result.kind === 'corrupt' };
    const intervals = result.value.intervals;
    const schedule = Object.fromEntries(environments.map((env) => [env, intervals[env] === undefined ? defaultSchedule[env] : intervals[env]])) as Record<Environment, number | null>;
    return { schedule, problem: null, writable: true };
  };
  return {
    read: async () => {
      const { schedule, problem } = await read();
      return { schedule, problem };
    },
    write: async (schedule) => {
      await ensureConsoleHome(homeDir);
      return withFileLock(`${file}.lock`, async () => {
        const current = await read();
        if (!current.writable) throw new ConsoleFailure('conflict', current.problem ?? 'The schedule file cannot be replaced.');
        await writeFileAtomic(file, `${JSON.stringify({ version: scheduleVersion, intervals: schedule }, null, 2)}\n`, { mode: 0o600 });
        return schedule;
      });
    },
  };
}

const dayMs = 86_400_000;

/** How many days before the due date a key counts as "due soon". */
export function dueSoonDays(intervalDays: number): number {
  return Math.min(7, Math.max(1, Math.ceil(intervalDays * 0.2)));
}

export function reminderFor(profile: ProfileView, schedule: RotationSchedule, now: Date, rotation: RotationFile | null): KeyReminder {
  const inProgress = rotation ? { step: rotation.step, stepNumber: stepNumbers[rotation.step], mode: rotation.mode } : null;
  const base = { profileId: profile.id, rotation: inProgress };
  if (profile.key === null) return { ...base, state: 'no-key', since: null, ageDays: null, intervalDays: null, dueInDays: null };
  const since = profile.key.rotatedAt ?? profile.key.addedAt;
  const sinceMs = Date.parse(since);
  const ageDays = Number.isNaN(sinceMs) ? null : Math.max(0, Math.floor((now.getTime() - sinceMs) / dayMs));
  const intervalDays = schedule[profile.environment];
  if (intervalDays === null || ageDays === null) return { ...base, state: 'no-schedule', since, ageDays, intervalDays, dueInDays: null };
  const dueInDays = intervalDays - ageDays;
  const state = dueInDays <= 0 ? 'overdue' : dueInDays <= dueSoonDays(intervalDays) ? 'due-soon' : 'ok';
  return { ...base, state, since, ageDays, intervalDays, dueInDays };
}
