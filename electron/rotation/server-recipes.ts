import path from 'node:path';
import type { LocalServerFileKind, RecipeStep, ServerDeployment, ServerRecipe } from '../contract/rotation';

/**
 * Step 2: the exact steps that put the new key on the server, one recipe per way of deploying it
 * (authentication.md "Updating API Keys" and "Integration with Secrets Management",
 * memory-service-api.md §1.4 for where the installer leaves the key). The real server reads
 * MCP_API_KEY once at start-up, so every recipe ends in a restart.
 *
 * Secret managers get the key on stdin or from an owner-only file, never as a command argument
 * (which `ps` and shell history would show); `printf` is a shell builtin, so it starts no process.
 */

export interface RecipeInput {
  readonly deployment: ServerDeployment;
  /** The new key, or null for a recipe with placeholders (the routine, unrevealed answer). */
  readonly newKey: string | null;
  readonly homeDir: string;
  readonly file?: string | undefined;
  readonly secretPath?: string | undefined;
  readonly vaultName?: string | undefined;
  readonly container?: string | undefined;
}

export const newKeyPlaceholder = '‹new key — Copy or “Show the key” fills it in›';

/** POSIX shell single quotes: the only character needing care is the quote itself. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A systemd `Environment=` assignment: `%` is a specifier, quotes and spaces need a quoted word. */
export function systemdAssignment(name: string, value: string): string {
  const escaped = value.replace(/%/g, '%%');
  if (/^[A-Za-z0-9\-._~+/=:@,%]*$/.test(escaped)) return `Environment=${name}=${escaped}`;
  return `Environment="${name}=${escaped.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** A python-dotenv line the server reads back exactly. */
export function dotenvAssignment(name: string, value: string): string {
  if (/^[A-Za-z0-9\-._~+/=:@,]*$/.test(value)) return `${name}=${value}`;
  if (!value.includes("'")) return `${name}='${value}'`;
  return `${name}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function xmlEscape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function buildRecipe(input: RecipeInput): ServerRecipe {
  const revealed = input.newKey !== null;
  // Each format quotes the key its own way; unrevealed, the placeholder stands as it is.
  const key = (quote: (value: string) => string) => (input.newKey === null ? newKeyPlaceholder : quote(input.newKey));
  const step = (title: string, text: string, withKey: boolean, note?: string): RecipeStep => ({ title, text, withKey, ...(note ? { note } : {}) });
  const home = (...parts: string[]) => path.join(input.homeDir, ...parts);
  const tilde = (...parts: string[]) => ['~', ...parts].join('/');
  const restartNote = 'Then press “I have updated the server”: the console checks the new key until the server accepts it.';
  const recipe = (title: string, summary: string, steps: RecipeStep[], localFile: ServerRecipe['localFile'] = null): ServerRecipe => ({
    deployment: input.deployment,
    title,
    summary: `${summary} ${restartNote}`,
    steps,
    revealed,
    localFile,
  });
  const local = (kind: LocalServerFileKind, defaultPath: string | null) => ({ kind, defaultPath });
  const secretFile = 'mcp-memory-key.txt';
  const writeKeyFile = step(
    'Write the key to an owner-only file',
    `umask 077\nprintf '%s' ${key(shellQuote)} > ${secretFile}`,
    true,
    'printf is a shell builtin: the key is never a command-line argument.',
  );

  switch (input.deployment) {
    case 'systemd-user': {
      const unit = input.file ?? home('.config', 'systemd', 'user', 'mcp-memory.service');
      return recipe(
        'systemd user service',
        `The key is in the unit ${tilde('.config', 'systemd', 'user', 'mcp-memory.service')} as Environment=MCP_API_KEY=….`,
        [
          step('Open the unit', 'systemctl --user edit --full mcp-memory.service', false, 'In [Service], replace the line Environment=MCP_API_KEY=… with the next one.'),
          step('The new line', key((value) => systemdAssignment('MCP_API_KEY', value)), true),
          step('Reload systemd and restart the service', 'systemctl --user daemon-reload\nsystemctl --user restart mcp-memory.service', false),
          step('Keep the unit private', `chmod 600 ${tilde('.config', 'systemd', 'user', 'mcp-memory.service')}`, false),
        ],
        local('systemd-user', unit),
      );
    }
    case 'systemd-system':
      return recipe(
        'systemd system service',
        'The key is in /etc/systemd/system/mcp-memory.service as Environment=MCP_API_KEY=… (needs sudo).',
        [
          step('Open the unit', 'sudo systemctl edit --full mcp-memory.service', false, 'In [Service], replace the line Environment=MCP_API_KEY=… with the next one.'),
          step('The new line', key((value) => systemdAssignment('MCP_API_KEY', value)), true),
          step('Reload systemd and restart the service', 'sudo systemctl daemon-reload\nsudo systemctl restart mcp-memory.service', false),
          step('Check that it runs', 'systemctl status mcp-memory.service --no-pager', false),
        ],
      );
    case 'service-config': {
      const file = input.file ?? home('.mcp_memory_service', 'service_config.json');
      return recipe(
        'service_config.json (service installer)',
        `install_service.py keeps the key in ${tilde('.mcp_memory_service', 'service_config.json')} (api_key, and environment.MCP_API_KEY on Windows) and bakes it into the service definition too: update both.`,
        [
          step('Stop the service', 'python install_service.py --stop', false),
          step('Set api_key in service_config.json', `"api_key": ${key((value) => JSON.stringify(value))}`, true, 'If the file has "environment": { "MCP_API_KEY": … }, set that to the same value.'),
          step('Start the service', 'python install_service.py --start', false, 'If the service definition (systemd unit or LaunchAgent) also holds the key, change it there as well (see those recipes).'),
        ],
        local('service-config', file),
      );
    }
    case 'launchd':
      return recipe(
        'macOS LaunchAgent',
        `The key is in ${tilde('Library', 'LaunchAgents', 'com.mcp.memory-service.plist')} under EnvironmentVariables.`,
        [
          step('Open the plist', `open -e ${tilde('Library', 'LaunchAgents', 'com.mcp.memory-service.plist')}`, false, 'Replace the <string> that follows <key>MCP_API_KEY</key> with the next lines.'),
          step('The new entry', `<key>MCP_API_KEY</key>\n<string>${key(xmlEscape)}</string>`, true),
          step(
            'Reload the agent',
            `launchctl bootout gui/$(id -u) ${tilde('Library', 'LaunchAgents', 'com.mcp.memory-service.plist')}\nlaunchctl bootstrap gui/$(id -u) ${tilde('Library', 'LaunchAgents', 'com.mcp.memory-service.plist')}`,
            false,
          ),
        ],
      );
    case 'windows-service':
      return recipe(
        'Windows service (MCPMemoryService)',
        'The service reads %USERPROFILE%\\.mcp_memory_service\\service_config.json when it starts: set the key in both api_key and environment.MCP_API_KEY.',
        [
          step('Open the configuration', 'notepad %USERPROFILE%\\.mcp_memory_service\\service_config.json', false),
          step('Set api_key', `"api_key": ${key((value) => JSON.stringify(value))}`, true),
          step('Set environment.MCP_API_KEY', `"MCP_API_KEY": ${key((value) => JSON.stringify(value))}`, true),
          step('Restart the service (PowerShell as administrator)', 'Restart-Service -Name MCPMemoryService\nsc.exe query MCPMemoryService', false),
        ],
      );
    case 'dotenv': {
      const file = input.file ?? home('.mcp-memory', '.env');
      return recipe(
        '.env file',
        'The service loads the first .env it finds: the working directory’s, the repository root’s, then ~/.mcp-memory/.env. A real environment variable wins over the file.',
        [
          step('The new line in the .env file', key((value) => dotenvAssignment('MCP_API_KEY', value)), true, 'Replace the existing MCP_API_KEY=… line.'),
          step('Keep the file private', `chmod 600 ${file}`, false),
          step('Restart the server', 'systemctl --user restart mcp-memory-http.service   # or stop it and run: memory server --http', false),
        ],
        local('dotenv', file),
      );
    }
    case 'docker': {
      const name = input.container ?? 'mcp-memory';
      return recipe(
        'Docker container',
        'A container’s environment is fixed when it is created: write the key to an env file and recreate the container (docker restart keeps the old key).',
        [
          step('Write the env file (owner-only)', `umask 077\ncat > ${name}.env <<'EOF'\n${key((value) => dotenvAssignment('MCP_API_KEY', value))}\nEOF`, true, 'A here-document is read from stdin: the key is never a command-line argument.'),
          step('Recreate the container', `docker rm -f ${name}\ndocker run -d --name ${name} --env-file ${name}.env -p 8000:8000 <image>`, false, 'Use the same image, ports and volumes as before (docker inspect shows them).'),
        ],
      );
    }
    case 'compose': {
      const service = input.container ?? 'memory';
      return recipe(
        'Docker Compose',
        'Compose reads ${MCP_API_KEY} from the .env file beside compose.yaml; a changed environment needs the container recreated.',
        [
          step('The line in the .env beside compose.yaml', key((value) => dotenvAssignment('MCP_API_KEY', value)), true, 'compose.yaml should say environment: MCP_API_KEY: ${MCP_API_KEY} (not the key itself).'),
          step('Recreate the service', `docker compose up -d --force-recreate ${service}`, false, 'docker compose restart would keep the old environment.'),
        ],
      );
    }
    case 'export':
      return recipe(
        'Shell environment (manual start)',
        'For a server started by hand (authentication.md “For Manual Deployments”). The leading space keeps the line out of the shell history when HISTCONTROL includes ignorespace.',
        [
          step('Stop the running server', 'Press Ctrl+C in its terminal (or kill its process).', false),
          step('Set the key', ` export MCP_API_KEY=${key(shellQuote)}`, true),
          step('Start the server again', 'memory server --http   # or: python scripts/server/run_http_server.py', false),
        ],
      );
    case 'vault': {
      const secret = input.secretPath ?? 'secret/mcp-memory';
      return recipe(
        'HashiCorp Vault',
        `Store the key at ${secret} (field api_key); "api_key=-" makes vault read the value from stdin.`,
        [
          step('Store the new key', `printf '%s' ${key(shellQuote)} | vault kv put ${secret} api_key=-`, true, 'printf is a shell builtin: the key is never a command-line argument.'),
          step('Restart the server so it reads the new value', `export MCP_API_KEY=$(vault kv get -field=api_key ${secret})\nmemory server --http`, false, 'Or restart the service whose start script runs the vault kv get.'),
        ],
      );
    }
    case 'aws-secrets-manager': {
      const secret = input.secretPath ?? 'mcp-memory/api-key';
      return recipe(
        'AWS Secrets Manager',
        `Store the key as a new version of ${secret}, read from an owner-only file (file://), never from the command line.`,
        [
          writeKeyFile,
          step('Store the new version', `aws secretsmanager put-secret-value --secret-id ${secret} --secret-string file://${secretFile}\nrm -f ${secretFile}`, false),
          step(
            'Restart the server so it reads the new value',
            `export MCP_API_KEY=$(aws secretsmanager get-secret-value --secret-id ${secret} --query 'SecretString' --output text)\nmemory server --http`,
            false,
          ),
        ],
      );
    }
    case 'azure-key-vault': {
      const vault = input.vaultName ?? 'my-vault';
      const secret = input.secretPath ?? 'mcp-memory-api-key';
      return recipe(
        'Azure Key Vault',
        `Store the key as a new version of ${secret} in ${vault}, read from an owner-only file (--file), never from the command line.`,
        [
          writeKeyFile,
          step('Store the new version', `az keyvault secret set --vault-name ${vault} --name ${secret} --file ${secretFile} --encoding utf-8\nrm -f ${secretFile}`, false),
          step(
            'Restart the server so it reads the new value',
            `export MCP_API_KEY=$(az keyvault secret show --vault-name ${vault} --name ${secret} --query 'value' -o tsv)\nmemory server --http`,
            false,
          ),
        ],
      );
    }
    case 'gateway-two-keys':
      return recipe(
        'Gateway that accepts two keys (zero downtime)',
        'The guide’s zero-downtime rotation: the server (or a gateway in front of it) accepts the old and the new key while clients move; the old one is removed in step 5. The local memory service does this with MCP_API_KEYS.',
        [
          step('Accept both keys: append the new key to the list', `MCP_API_KEYS=‹old key›,${key((value) => value)}`, true, 'Keep the old key in the list for now, then reload or restart the gateway.'),
          step('Later, in step 5: accept only the new key', `MCP_API_KEYS=${key((value) => value)}`, true),
        ],
      );
  }
}
