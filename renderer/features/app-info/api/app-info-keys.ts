/** Query keys for facts about the console itself, general → specific. */
export const appInfoKeys = {
  all: ['app'] as const,
  info: () => [...appInfoKeys.all, 'info'] as const,
};
