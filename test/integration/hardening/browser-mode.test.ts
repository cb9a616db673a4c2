/**
 * Browser mode as a user starts it: the built host (`browser-host.cjs`, bundled into a directory of
 * this test's own) as a child process with a real core and keychain. Every guard answers with the
 * right status and the same security headers, the socket is bound to 127.0.0.1 alone, and the
 * launch token is printed once, in the URL line, and nowhere else in the host's output.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../electron/shell/csp';
import { filesContaining } from './support/files';
import { clearKeychain } from './support/test-core';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../../..');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'mc-browser-mode-'));
const homeDir = path.join(scratch, 'home');
const keychainService = `${process.env['MEMORY_CONSOLE_KEYCHAIN_SERVICE'] ?? 'Memory Console (test)'} / browser-mode ${randomBytes(3).toString('hex')}`;
const distinctiveKey = `hostLEAK${randomBytes(16).toString('hex')}`;

let hostProcess: ChildProcess;
let output = '';
let port = 0;
let token = '';
let cookie = '';
let exitCode: number | null = null;
const answers: { label: string; status: number; headers: http.IncomingHttpHeaders }[] = [];

beforeAll(async () => {
  const outDir = path.join(scratch, 'dist-electron');
  await run(process.execPath, [path.join(repoRoot, 'scripts', 'build-electron.mjs'), '--out-dir', outDir], { cwd: repoRoot });
  const rendererDir = path.join(scratch, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Memory Console</title><script src="assets/app.js"></script>');
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'void 0;');
  hostProcess = spawn(process.execPath, [path.join(outDir, 'browser-host.cjs'), '--port', '0', '--no-open'], {
    cwd: scratch,
    env: { ...process.env, MEMORY_CONSOLE_HOME: homeDir, MEMORY_CONSOLE_KEYCHAIN_SERVICE: keychainService, MEMORY_CONSOLE_RENDERER_DIR: rendererDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  hostProcess.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  hostProcess.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  hostProcess.on('exit', (code) => (exitCode = code));
  const url = await new Promise<URL>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the host did not start:\n${output}`)), 20_000);
    hostProcess.stdout?.on('data', () => {
      const match = /Memory Console is running at (\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(new URL(match[1]));
      }
    });
  });
  port = Number(url.port);
  token = url.searchParams.get('token') ?? '';
  cookie = `memory_console_${port}=${token}`;
}, 60_000);

afterAll(async () => {
  if (hostProcess && exitCode === null) hostProcess.kill('SIGKILL');
  await clearKeychain(keychainService);
  rmSync(scratch, { recursive: true, force: true });
});

function send(label: string, options: { path?: string; method?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: options.path ?? '/', method: options.method ?? 'GET', headers: { Host: `127.0.0.1:${port}`, ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          answers.push({ label, status: res.statusCode ?? 0, headers: res.headers });
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const rpcHeaders = (extra: Record<string, string> = {}) => ({ Cookie: cookie, 'X-Memory-Console': '1', 'Content-Type': 'application/json', ...extra });

describe('browser mode (the built host as a child process)', () => {
  it('listens on 127.0.0.1 alone: no other IPv4 address, no IPv6 socket', () => {
    const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
    const listening = (file: string) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .slice(1)
        .map((line) => line.trim().split(/\s+/))
        .filter((fields) => fields[1]?.endsWith(`:${hexPort}`) && fields[3] === '0A')
        .map((fields) => fields[1]);
    expect(listening('/proc/net/tcp')).toEqual([`0100007F:${hexPort}`]);
    expect(listening('/proc/net/tcp6')).toEqual([]);
  });

  it('no token or a wrong token → 401, whatever the path', async () => {
    const wrongCookies = [
      `memory_console_${port}=wrong`,
      `memory_console_${port}=${token}x`,
      `memory_console_${port}=${token.slice(0, -1)}`,
      `memory_console_${port}= ${token.toUpperCase()}`,
      `memory_console_${port + 1}=${token}`,
      `memory_console_${port}=`,
    ];
    for (const target of ['/', '/index.html', '/assets/app.js', '/signals', '/missing']) {
      expect((await send(`no token ${target}`, { path: target })).status, target).toBe(401);
      for (const bad of wrongCookies) expect((await send(`cookie ${bad} ${target}`, { path: target, headers: { Cookie: bad } })).status, `${bad} ${target}`).toBe(401);
    }
    expect((await send('no token rpc', { path: '/rpc/app.info', method: 'POST', headers: { 'X-Memory-Console': '1' }, body: '{}' })).status).toBe(401);
    expect((await send('wrong bearer rpc', { path: '/rpc/app.info', method: 'POST', headers: { 'X-Memory-Console': '1', Authorization: 'Bearer nope' }, body: '{}' })).status).toBe(401);
    for (const offered of ['wrong', `${token}x`, token.slice(1), encodeURIComponent(` ${token}`)]) {
      expect((await send(`wrong url token ${offered.slice(0, 6)}`, { path: `/?token=${offered}` })).status).toBe(401);
    }
  });

  it('the right token is traded for an HttpOnly, SameSite=Strict cookie and dropped from the address', async () => {
    const traded = await send('token trade', { path: `/?token=${token}` });
    expect(traded.status).toBe(303);
    expect(traded.headers.location).toBe('/');
    const setCookie = traded.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toBe(`${cookie}; HttpOnly; SameSite=Strict; Path=/`);
    expect((await send('page with cookie', { headers: { Cookie: cookie } })).status).toBe(200);
  });

  it('a foreign or missing Host → 403, even with the cookie (DNS rebinding)', async () => {
    for (const hostHeader of [`evil.example:${port}`, '127.0.0.1', `127.0.0.1:${port + 1}`, `[::1]:${port}`, `localhost.evil.example:${port}`, `127.0.0.1:${port}@evil.example`]) {
      expect((await send(`host ${hostHeader}`, { headers: { Host: hostHeader, Cookie: cookie } })).status, hostHeader).toBe(403);
    }
    // HTTP/1.0 without a Host header at all.
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.end(`GET / HTTP/1.0\r\nCookie: ${cookie}\r\n\r\n`));
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.[01] 403/);
    expect(raw).toMatch(/content-security-policy:/i);
    expect((await send('localhost host', { headers: { Host: `localhost:${port}`, Cookie: cookie } })).status).toBe(200);
  });

  it('a foreign Origin → 403 for pages and RPC; the host’s own origin passes; no CORS anywhere', async () => {
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${port + 1}`, `https://127.0.0.1:${port}`, `http://localhost.evil.example:${port}`, 'file://']) {
      expect((await send(`origin ${origin}`, { headers: { Origin: origin, Cookie: cookie } })).status, origin).toBe(403);
      const rpc = await send(`rpc origin ${origin}`, { path: '/rpc/app.info', method: 'POST', headers: rpcHeaders({ Origin: origin }), body: '{}' });
      expect(rpc.status, origin).toBe(403);
    }
    const own = await send('own origin rpc', { path: '/rpc/app.info', method: 'POST', headers: rpcHeaders({ Origin: `http://127.0.0.1:${port}` }), body: '{}' });
    expect(own.status).toBe(200);
    expect((await send('preflight', { method: 'OPTIONS', path: '/rpc/app.info', headers: { Cookie: cookie, Origin: `http://127.0.0.1:${port}`, 'Access-Control-Request-Method': 'POST' } })).status).toBe(403);
    expect((await send('rpc without marker', { path: '/rpc/app.info', method: 'POST', headers: { Cookie: cookie }, body: '{}' })).status).toBe(403);
  });

  it('the other refusals: 404, 405, 413, 400 — each a proper answer', async () => {
    expect((await send('404', { path: '/nope.js', headers: { Cookie: cookie } })).status).toBe(404);
    expect((await send('405 rpc get', { path: '/rpc/app.info', headers: { Cookie: cookie } })).status).toBe(405);
    expect((await send('405 put page', { path: '/', method: 'PUT', headers: { Cookie: cookie } })).status).toBe(405);
    expect((await send('413', { path: '/rpc/keys.check', method: 'POST', headers: rpcHeaders(), body: `{"key":"${'k'.repeat(1024 * 1024)}"}` })).status).toBe(413);
    expect((await send('400 json', { path: '/rpc/keys.check', method: 'POST', headers: rpcHeaders(), body: '{"key":' })).status).toBe(400);
    expect((await send('400 path', { path: '/rpc/%E0%A4', method: 'POST', headers: rpcHeaders(), body: '{}' })).status).toBe(400);
  });

  it('keys travel through it without reaching its output or its settings directory', async () => {
    const created = await send('create', {
      path: '/rpc/profiles.create',
      method: 'POST',
      headers: rpcHeaders(),
      body: JSON.stringify({ name: 'Leak check', baseUrl: 'http://127.0.0.1:9', environment: 'development' }),
    });
    const profileId = (JSON.parse(created.text) as { value: { id: string } }).value.id;
    for (const body of [{ profileId, key: distinctiveKey }, { profileId, key: `${distinctiveKey}\n${distinctiveKey}` }, { profileId: 'NOPE', key: distinctiveKey }]) {
      const answer = await send('keys.set', { path: '/rpc/keys.set', method: 'POST', headers: rpcHeaders(), body: JSON.stringify(body) });
      expect(answer.text).not.toContain(distinctiveKey);
    }
    const checked = await send('keys.check', { path: '/rpc/keys.check', method: 'POST', headers: rpcHeaders(), body: JSON.stringify({ key: distinctiveKey }) });
    expect(checked.text).not.toContain(distinctiveKey);
    await send('status.check', { path: '/rpc/status.check', method: 'POST', headers: rpcHeaders(), body: JSON.stringify({ profileId }) });
    expect(await filesContaining(homeDir, distinctiveKey)).toEqual([]);
  });

  it('every answer above carried the CSP and the other security headers, and no CORS header', () => {
    expect(answers.length).toBeGreaterThan(60);
    const statuses = new Set(answers.map((answer) => answer.status));
    for (const status of [200, 303, 400, 401, 403, 404, 405, 413]) expect(statuses).toContain(status);
    for (const answer of answers) {
      expect(answer.headers['content-security-policy'], answer.label).toBe(contentSecurityPolicy());
      expect(answer.headers['x-content-type-options'], answer.label).toBe('nosniff');
      expect(answer.headers['x-frame-options'], answer.label).toBe('DENY');
      expect(answer.headers['referrer-policy'], answer.label).toBe('no-referrer');
      expect(answer.headers['access-control-allow-origin'], answer.label).toBeUndefined();
    }
  });

  it('stops on SIGTERM, having printed the token once (the URL line) and the key never', async () => {
    hostProcess.kill('SIGTERM');
    await new Promise<void>((resolve) => (exitCode !== null ? resolve() : hostProcess.once('exit', () => resolve())));
    expect(exitCode).toBe(0);
    const lines = output.split('\n').filter((line) => line.includes(token));
    expect(lines).toEqual([`Memory Console is running at http://127.0.0.1:${port}/?token=${token}`]);
    expect(output.split(token)).toHaveLength(2);
    expect(output).not.toContain(distinctiveKey);
  });
});
