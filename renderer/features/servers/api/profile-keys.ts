/** Query keys for server profiles, general → specific; `all` is what a change signal invalidates. */
export const profileKeys = {
  all: ['profiles'] as const,
  list: () => [...profileKeys.all, 'list'] as const,
};
