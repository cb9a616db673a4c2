import type { ConfigFormat, KeyReminder, KeyVerdict, LocalServerFileKind, RotationStep, ServerDeployment } from '../../../electron/contract';

// Records, so a value added to the contract does not compile until it has words here.

export const stepTitles: readonly string[] = ['New key', 'Update the server', 'Verify the new key', 'Update clients', 'Retire the old key', 'Commit'];

export const deploymentLabels: Readonly<Record<ServerDeployment, string>> = {
  'systemd-user': 'systemd user service (~/.config/systemd/user)',
  'systemd-system': 'systemd system service (/etc/systemd/system)',
  'service-config': 'service_config.json (service installer)',
  launchd: 'macOS LaunchAgent',
  'windows-service': 'Windows service',
  dotenv: '.env file',
  docker: 'Docker container',
  compose: 'Docker Compose',
  export: 'Shell export (started by hand)',
  vault: 'HashiCorp Vault',
  'aws-secrets-manager': 'AWS Secrets Manager',
  'azure-key-vault': 'Azure Key Vault',
  'gateway-two-keys': 'Gateway accepting two keys (zero downtime)',
};

/** In the order of the labels above, which the Record type keeps complete. */
export const deploymentOrder = Object.keys(deploymentLabels) as readonly ServerDeployment[];

/** Which optional fields a deployment's recipe takes. */
export const deploymentParams: Readonly<Record<ServerDeployment, readonly ('file' | 'secretPath' | 'vaultName' | 'container')[]>> = {
  'systemd-user': ['file'],
  'systemd-system': [],
  'service-config': ['file'],
  launchd: [],
  'windows-service': [],
  dotenv: ['file'],
  docker: ['container'],
  compose: ['container'],
  export: [],
  vault: ['secretPath'],
  'aws-secrets-manager': ['secretPath'],
  'azure-key-vault': ['vaultName', 'secretPath'],
  'gateway-two-keys': [],
};

export const paramLabels = {
  file: 'File on this machine',
  secretPath: 'Secret path or name',
  vaultName: 'Key vault name',
  container: 'Container or service name',
} as const;

export const localFileLabels: Readonly<Record<LocalServerFileKind, string>> = {
  dotenv: '.env file',
  'service-config': 'service_config.json',
  'systemd-user': 'systemd user unit',
};

export const formatLabels: Readonly<Record<ConfigFormat, string>> = {
  dotenv: '.env file',
  'service-config': 'service_config.json',
  'systemd-unit': 'systemd unit',
  'launchd-plist': 'LaunchAgent plist',
  'claude-desktop': 'Claude Desktop',
  'claude-hooks': 'Claude Code hooks',
  json: 'JSON file',
  text: 'text file',
};

export const verdictWords: Readonly<Record<KeyVerdict, string>> = {
  accepted: 'accepted',
  rejected: 'refused (401)',
  unreachable: 'server unreachable',
  'tls-problem': 'TLS problem',
  'server-has-no-key': 'server has no key configured',
  'not-memory-service': 'not a memory service',
  'server-error': 'server error',
  forbidden: 'forbidden (403)',
};

export function stepIndex(step: RotationStep): number {
  switch (step) {
    case 'new-key':
      return 0;
    case 'update-server':
      return 1;
    case 'verify':
      return 2;
    case 'update-clients':
      return 3;
    case 'retire-old':
      return 4;
    case 'ready-to-commit':
    case 'committing':
    case 'rolling-back':
      return 5;
  }
}

export interface ReminderBadge {
  readonly tone: 'danger' | 'warning' | 'info';
  readonly label: string;
  readonly description: string;
}

/** The sidebar's small badge: only when something is due or under way. */
export function reminderBadge(reminder: KeyReminder | null): ReminderBadge | null {
  if (reminder === null) return null;
  if (reminder.rotation !== null) {
    return {
      tone: 'info',
      label: reminder.rotation.step === 'rolling-back' ? 'Rolling back' : `Rotating ${reminder.rotation.stepNumber}/6`,
      description: `A ${reminder.rotation.mode} key rotation is in progress (step ${reminder.rotation.stepNumber} of 6); it was saved and continues where it stopped.`,
    };
  }
  if (reminder.state === 'overdue') {
    return { tone: 'danger', label: `Key ${reminder.ageDays} d old`, description: `The key is ${reminder.ageDays} days old; this environment rotates every ${reminder.intervalDays} days. Rotate it.` };
  }
  if (reminder.state === 'due-soon') {
    return { tone: 'warning', label: `Rotate in ${reminder.dueInDays} d`, description: `The key is ${reminder.ageDays} days old; rotation is due in ${reminder.dueInDays} days (every ${reminder.intervalDays} days).` };
  }
  return null;
}

/** The sentence in the key panel and the wizard's start. */
export function reminderSentence(reminder: KeyReminder | null): string | null {
  if (reminder === null || reminder.ageDays === null) return null;
  const age = `The key is ${reminder.ageDays === 0 ? 'less than a day' : `${reminder.ageDays} day${reminder.ageDays === 1 ? '' : 's'}`} old`;
  switch (reminder.state) {
    case 'no-key':
      return null;
    case 'no-schedule':
      return `${age}; this environment has no rotation schedule (rotate as needed, e.g. after an incident).`;
    case 'ok':
      return `${age}; the next rotation is due in ${reminder.dueInDays} days (every ${reminder.intervalDays} days).`;
    case 'due-soon':
      return `${age}; rotation is due in ${reminder.dueInDays} days (every ${reminder.intervalDays} days).`;
    case 'overdue':
      return `${age}; rotation was due ${-(reminder.dueInDays ?? 0)} days ago (every ${reminder.intervalDays} days).`;
  }
}
