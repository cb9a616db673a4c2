import type { GuideAdvice, ServerStatus } from '../contract/status';
import { shellWord } from './curl-command';

/**
 * The service guide's troubleshooting section (authentication.md), the parts that fit a status,
 * with its commands pointed at this profile's server. Where the guide is wrong about the real
 * server (403 for a wrong key, the error bodies) the advice says what the server really does.
 */
export function guideAdviceFor(status: ServerStatus, baseUrl: string): GuideAdvice[] {
  const api = `${baseUrl}/api`;
  const serverLogs: GuideAdvice = {
    title: 'Read the server’s log',
    steps: ['The service logs authentication failures; with LOG_LEVEL=DEBUG it also logs the headers it received and the key check’s result.'],
    commands: ['journalctl -u mcp-memory -f', 'tail -f ~/.mcp_memory_service/logs/mcp-memory-service.log'],
  };
  const testScript: GuideAdvice = {
    title: 'Test the key from a shell (the guide’s test-api-key.sh)',
    steps: ['Set MCP_API_KEY to the key, then ask for the detailed health: 200 means the key works. Only the first 8 characters of a key should ever be printed.'],
    commands: [`curl -s -w '\\n%{http_code}' -H "Authorization: Bearer $MCP_API_KEY" ${shellWord(`${api}/health/detailed`)}`, 'echo "API Key: ${MCP_API_KEY:0:8}..."'],
  };
  switch (status.kind) {
    case 'unreachable':
      return [
        {
          title: 'Connection refused / network errors',
          steps: ['Verify the server is running and listening on the address and port of this profile.', 'Check the service’s status and its log.'],
          commands: [`curl -v ${shellWord(`${api}/health`)}`, 'python install_service.py --status', 'journalctl -u mcp-memory -f # Linux', 'tail -f ~/.mcp_memory_service/logs/mcp-memory-service.log # service installation'],
        },
      ];
    case 'tls-problem':
      return [
        {
          title: 'Check the certificate the server presents',
          steps: ['Compare the SHA-256 fingerprint the console shows with the one of the server’s certificate file (MCP_SSL_CERT_FILE). Trust it only if they match.'],
          commands: [`openssl s_client -connect ${shellWord(hostPort(baseUrl))} -servername ${shellWord(hostnameOf(baseUrl))} </dev/null 2>/dev/null | openssl x509 -noout -fingerprint -sha256`],
        },
      ];
    case 'not-memory-service':
    case 'server-error':
      return [
        {
          title: 'Check what answers at this address',
          steps: ['A memory service answers GET /api/health with exactly {"status":"healthy"}, without any key.'],
          commands: [`curl -v ${shellWord(`${api}/health`)}`],
        },
        serverLogs,
      ];
    case 'no-key-stored':
      return [
        {
          title: '401 Unauthorized: missing credentials',
          steps: ['The server requires a key and none was sent. Store the server’s MCP_API_KEY in this profile.', 'The service installer prints the generated key; it is also in the service’s configuration (systemd unit, LaunchAgent plist, or ~/.mcp_memory_service/service_config.json).'],
          commands: ['systemctl --user cat mcp-memory | grep MCP_API_KEY # Linux (systemd)', 'cat ~/.mcp_memory_service/service_config.json'],
        },
      ];
    case 'key-rejected':
      return [
        {
          title: status.reason === 'guide-forbidden' ? '403 Forbidden: invalid API key' : '401 Unauthorized: wrong API key',
          steps: [
            'Verify the API key matches the server configuration (MCP_API_KEY).',
            'Check for whitespace or encoding issues in the key.',
            'Ensure the key hasn’t been rotated on the server.',
            'The header must be “Authorization: Bearer <key>”; without “Bearer ” the real service ignores the header and answers as if no key was sent.',
          ],
          commands: [],
        },
        testScript,
        serverLogs,
      ];
    case 'forbidden':
      return [
        {
          title: '403 Forbidden',
          steps: [
            'The real service answers 403 only when a credential lacks a scope (insufficient_scope); a wrong key is always 401.',
            'A 403 that says “Invalid API key” comes from the guide’s older servers or from a proxy: verify the key and the proxy’s rules.',
          ],
          commands: [],
        },
        testScript,
      ];
    case 'server-has-no-key':
      return [
        {
          title: 'Set an API key on the server',
          steps: ['Generate a key, set MCP_API_KEY in the service’s environment, restart it, and store the same key here.'],
          commands: ['openssl rand -base64 32', 'systemctl --user edit mcp-memory # Environment=MCP_API_KEY=…', 'systemctl --user restart mcp-memory'],
        },
      ];
    case 'open-to-anyone':
    case 'anonymous-trap':
      return [
        {
          title: 'Turn anonymous access off',
          steps: [
            'With MCP_ALLOW_ANONYMOUS_ACCESS=true the service lets requests without a key in, and treats a wrong X-API-Key as no key at all.',
            'Set MCP_API_KEY, remove MCP_ALLOW_ANONYMOUS_ACCESS (or set it to false), and restart the service.',
          ],
          commands: [`curl -s -o /dev/null -w '%{http_code}\\n' -H "X-API-Key: wrong" ${shellWord(`${api}/health/detailed`)} # 401 once anonymous access is off`],
        },
      ];
    case 'key-accepted':
      return [];
  }
}

function hostPort(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    return `${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`;
  } catch {
    return baseUrl;
  }
}

function hostnameOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return baseUrl;
  }
}
