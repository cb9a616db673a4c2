import { describe, expect, it } from 'vitest';
import { findDuplicateKeys, type KeyedProfile } from '../../../electron/profiles/duplicate-keys';

const profile = (id: string, environment: KeyedProfile['environment'], keyHash: string, baseUrl = `https://${id}.example.com`): KeyedProfile => ({
  id,
  name: id.toUpperCase(),
  environment,
  baseUrl,
  keyHash,
});

describe('findDuplicateKeys', () => {
  it('finds nothing when every server has its own key', () => {
    expect(findDuplicateKeys([profile('a', 'development', 'h1'), profile('b', 'production', 'h2')])).toEqual([]);
  });

  it('warns when two non-production servers share a key', () => {
    const [group, ...rest] = findDuplicateKeys([profile('dev', 'development', 'h1'), profile('stage', 'staging', 'h1'), profile('other', 'development', 'h2')]);
    expect(rest).toEqual([]);
    expect(group).toMatchObject({ profileIds: ['dev', 'stage'], severity: 'warning' });
    expect(group?.message).toMatch(/"DEV" and "STAGE" use the same API key/);
  });

  it('is danger when a production server shares its key', () => {
    const [group] = findDuplicateKeys([profile('dev', 'development', 'h1'), profile('prod', 'production', 'h1'), profile('lab', 'custom', 'h1')]);
    expect(group).toMatchObject({ profileIds: ['dev', 'prod', 'lab'], severity: 'danger' });
    expect(group?.message).toMatch(/"DEV", "PROD" and "LAB".*production/);
  });

  it('does not flag two profiles for the very same server', () => {
    expect(findDuplicateKeys([profile('a', 'production', 'h1', 'https://same:8000'), profile('b', 'production', 'h1', 'https://same:8000')])).toEqual([]);
  });
});
