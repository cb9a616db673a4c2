// §4.5: bulk delete by tag with confirm_count, and the filters that are not implemented.
import { expect, it } from 'vitest';
import { describeModes, USABLE_MODES } from './harness';
import { createMemory, nonce } from './fixtures';

describeModes('bulk delete', USABLE_MODES, (api) => {
  it('a confirm_count that does not match → 400 with both numbers, nothing deleted', async () => {
    const tag = `bulk:${nonce()}`;
    const m = await createMemory(api(), { tags: [tag] });
    const res = await api().post('/api/manage/bulk-delete', { tag, confirm_count: 99 });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ detail: 'Confirmation count mismatch. Expected 1, got 99' });
    expect((await api().get(`/api/memories/${m.content_hash}`)).status).toBe(200);
  });

  it('the matching confirm_count deletes every memory with the tag', async () => {
    const tag = `bulk:${nonce()}`;
    const made = [await createMemory(api(), { tags: [tag] }), await createMemory(api(), { tags: [tag] })];
    const keep = await createMemory(api(), { tags: [`other:${nonce()}`] });
    const res = await api().post('/api/manage/bulk-delete', { tag, confirm_count: 2 });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      success: true,
      message: `Successfully deleted 2 memories with tag '${tag}'`,
      affected_count: 2,
      operation: `Delete memories with tag '${tag}'`,
    });
    for (const m of made) expect((await api().get(`/api/memories/${m.content_hash}`)).status).toBe(404);
    expect((await api().get(`/api/memories/${keep.content_hash}`)).status).toBe(200);
    const tags = (await api().get('/api/tags')).json as { tags: { tag: string }[] };
    expect(tags.tags.map((t) => t.tag)).not.toContain(tag);
  });

  it('no filter → 400', async () => {
    const res = await api().post('/api/manage/bulk-delete', {});
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ detail: 'At least one filter (tag, before_date, or memory_type) must be specified' });
  });

  it('before_date and memory_type → 501 not implemented', async () => {
    const byDate = await api().post('/api/manage/bulk-delete', { before_date: '2001-01-01' });
    expect(byDate.status).toBe(501);
    expect(byDate.json).toEqual({ detail: 'Date-based bulk deletion not yet implemented' });
    const byType = await api().post('/api/manage/bulk-delete', { memory_type: `no-such-type-${nonce()}` });
    expect(byType.status).toBe(501);
    expect(byType.json).toEqual({ detail: 'Type-based bulk deletion not yet implemented' });
  });
});
