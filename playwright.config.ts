import { defineConfig } from '@playwright/test';

// Debian's Chromium: Playwright's own browser downloads cannot work on these machines.
// The background-networking flags keep Chromium from dialling out on a closed network.
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: '.artifacts/e2e-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: '.artifacts/reports/playwright.json' }]],
  // The leak check (test/e2e/leaks.spec.ts) runs after every other spec and searches what they left.
  globalSetup: './test/e2e/global-setup.ts',
  globalTeardown: './test/e2e/global-teardown.ts',
  projects: [
    { name: 'e2e', testIgnore: /leaks\.spec\.ts$/ },
    { name: 'leak-check', testMatch: /leaks\.spec\.ts$/, dependencies: ['e2e'] },
  ],
  use: {
    headless: true,
    screenshot: 'only-on-failure',
    trace: 'off',
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
});
