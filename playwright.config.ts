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
