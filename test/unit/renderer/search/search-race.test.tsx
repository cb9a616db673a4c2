import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContractInput, Result, SearchResults } from '../../../../electron/contract';
import { createFakeConsole, makeMemory, makeProfile } from '../support/fake-console';
import { mockLayout } from '../support/layout';
import { renderApp } from '../support/render-app';
import '../support/setup';

const local = makeProfile({ id: 'local', name: 'Local demo' });

let restoreLayout: () => void;
beforeEach(() => {
  restoreLayout = mockLayout({ height: 600 });
});
afterEach(() => restoreLayout());

function answerFor(query: string): Result<SearchResults> {
  return {
    ok: true,
    value: {
      hits: [{ memory: makeMemory(1, { content: `result for ${query}`, content_hash: `hash-${query}` }), score: 0.9, reason: null }],
      totalFound: 1,
      query,
      searchType: 'semantic',
      processingMs: 1,
    },
  };
}

/** The console on one server, with every search held until the test answers it. */
async function consoleWithHeldSearches() {
  const fake = createFakeConsole({ profiles: [local], activeId: 'local', memories: { local: [makeMemory(0)] } });
  const pending = new Map<string, (result: Result<SearchResults>) => void>();
  fake.memory.respondWith('memories.search', (input: ContractInput<'memories.search'>) => new Promise((resolve) => pending.set(input.query, resolve)));
  renderApp(fake);
  await screen.findByTestId('memory-count');
  const user = userEvent.setup();
  const input = screen.getByTestId('search-input');
  /** Types `keys` and waits until the search for `query` (the box's whole text) was sent. */
  const typeAndWait = async (keys: string, query: string) => {
    await user.type(input, keys);
    await waitFor(() => expect(pending.has(query)).toBe(true));
  };
  const answer = async (query: string) => {
    await act(async () => pending.get(query)?.(answerFor(query)));
    expect(await screen.findByText(`result for ${query}`)).toBeTruthy();
  };
  const typeAndAnswer = async (query: string) => {
    await typeAndWait(query, query);
    await answer(query);
  };
  return { user, input, typeAndWait, answer, typeAndAnswer };
}

describe('search as you type', () => {
  it('never lets a slow answer to an older query replace the answer to the newer one, and cancels the older request', async () => {
    const fake = createFakeConsole({ profiles: [local], activeId: 'local', memories: { local: [makeMemory(0)] } });
    const pending = new Map<string, (result: Result<SearchResults>) => void>();
    fake.memory.respondWith('memories.search', (input: ContractInput<'memories.search'>) => {
      return new Promise((resolve) => pending.set(input.query, resolve));
    });
    renderApp(fake);
    await screen.findByTestId('memory-count');
    const user = userEvent.setup();
    const input = screen.getByTestId('search-input');

    await user.type(input, 'slow');
    await waitFor(() => expect(pending.has('slow')).toBe(true));
    await user.clear(input);
    await user.type(input, 'fast');
    await waitFor(() => expect(pending.has('fast')).toBe(true));

    // The newer query answers first…
    await act(async () => pending.get('fast')?.(answerFor('fast')));
    expect(await screen.findByText('result for fast')).toBeTruthy();
    // …then the old one arrives late: it must not replace what is shown.
    await act(async () => pending.get('slow')?.(answerFor('slow')));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByText('result for slow')).toBeNull();
    expect(screen.getByText('result for fast')).toBeTruthy();
    expect(screen.getByTestId('search-count').textContent).toBe('1 result');

    // The superseded request was cancelled on the privileged side by its request id.
    const slowCall = fake.callsTo('memories.search').find((call) => (call.input as { query: string }).query === 'slow');
    const slowId = (slowCall?.input as { requestId?: string }).requestId;
    expect(slowId).toBeTruthy();
    expect(fake.callsTo('memories.cancel').map((call) => (call.input as { requestId: string }).requestId)).toContain(slowId);
  });

  it('debounces typing: one search per pause, not per keystroke', async () => {
    const fake = createFakeConsole({ profiles: [local], activeId: 'local', memories: { local: [makeMemory(0, { content: 'database decision' })] } });
    renderApp(fake);
    await screen.findByTestId('memory-count');
    const user = userEvent.setup();
    await user.type(screen.getByTestId('search-input'), 'database');
    await screen.findByTestId('search-count');
    expect(fake.callsTo('memories.search').map((call) => (call.input as { query: string }).query)).toEqual(['database']);
  });

  it('shows the server’s time-parse refusal at the field', async () => {
    const fake = createFakeConsole({ profiles: [local], activeId: 'local', memories: { local: [makeMemory(0)] } });
    renderApp(fake);
    await screen.findByTestId('memory-count');
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Search by'), 'time');
    await user.type(screen.getByTestId('search-input'), 'blorp');
    expect((await screen.findByTestId('search-error')).textContent).toContain("Could not parse time query: 'blorp'");
    expect(screen.getByTestId('search-input').getAttribute('aria-invalid')).toBe('true');
  });

  it('keeps a refined query’s previous results on screen, marked as updating, until the new ones arrive', async () => {
    const { typeAndAnswer, typeAndWait, answer } = await consoleWithHeldSearches();
    await typeAndAnswer('data');
    await typeAndWait('base', 'database');
    expect(screen.getByText('result for data')).toBeTruthy();
    expect(screen.getByTestId('search-count').textContent).toBe('Updating… 1 result');
    await answer('database');
    expect(screen.getByTestId('search-count').textContent).toBe('1 result');
  });

  it('shows no earlier search’s results for a search started again from the memory list', async () => {
    const { user, input, typeAndAnswer, typeAndWait, answer } = await consoleWithHeldSearches();
    await typeAndAnswer('backup');
    await user.clear(input);
    await screen.findByTestId('memory-count');
    await typeAndWait('deploy', 'deploy');
    expect(screen.queryByText('result for backup')).toBeNull();
    expect(screen.queryByTestId('search-count')).toBeNull();
    await answer('deploy');
  });

  it('sends a pasted query’s request before the page re-renders for it', async () => {
    const fake = createFakeConsole({ profiles: [local], activeId: 'local', memories: { local: [makeMemory(0)] } });
    // What the page showed when the request left: the browse list still, or already the search view.
    const shownWhenSent: string[] = [];
    fake.memory.respondWith('memories.search', async (input: ContractInput<'memories.search'>) => {
      shownWhenSent.push(screen.queryByTestId('memory-count') !== null ? 'browse list' : 'search view');
      return answerFor(input.query);
    });
    renderApp(fake);
    await screen.findByTestId('memory-count');
    const user = userEvent.setup();
    await user.click(screen.getByTestId('search-input'));
    await user.paste('database decisions');
    expect(await screen.findByText('result for database decisions')).toBeTruthy();
    expect(shownWhenSent).toEqual(['browse list']);
  });
});
