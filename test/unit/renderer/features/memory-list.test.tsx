import { render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryList } from '../../../../renderer/features/memories/components/memory-list';
import { makeMemories } from '../support/fake-console';
import { mockLayout } from '../support/layout';
import '../support/setup';

let restoreLayout: () => void;
beforeEach(() => {
  restoreLayout = mockLayout({ height: 600 });
});
afterEach(() => restoreLayout());

describe('MemoryList', () => {
  it('keeps the DOM small for 10,000 loaded memories', () => {
    const memories = makeMemories(10_000);
    render(
      <MemoryList memories={memories} total={10_000} label="Memories" canLoadMore={false} onNearEnd={() => {}} now={0} />,
    );
    const rendered = screen.getAllByTestId('memory-row');
    expect(rendered.length).toBeGreaterThan(5);
    expect(rendered.length).toBeLessThan(40);
    // The list still occupies the full height, so the scrollbar is honest.
    expect(screen.getByRole('list', { name: 'Memories' }).style.height).toBe(`${10_000 * 76}px`);
  });

  it('asks for the next page only when the end is near and more can be loaded', () => {
    const onNearEnd = vi.fn();
    const { rerender } = render(
      <MemoryList memories={makeMemories(100)} total={500} label="M" canLoadMore onNearEnd={onNearEnd} now={0} />,
    );
    expect(onNearEnd).not.toHaveBeenCalled();
    rerender(<MemoryList memories={makeMemories(20)} total={500} label="M" canLoadMore={false} onNearEnd={onNearEnd} now={0} />);
    expect(onNearEnd).not.toHaveBeenCalled();
    rerender(<MemoryList memories={makeMemories(20)} total={500} label="M" canLoadMore onNearEnd={onNearEnd} now={0} />);
    expect(onNearEnd).toHaveBeenCalledTimes(1);
  });
});
