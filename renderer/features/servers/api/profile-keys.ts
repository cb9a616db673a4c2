/** Query keys for server profiles, general → specific; `all` is what a change signal invalidates. */
export const profileKeys = {
  all: ['profiles'] as const,
  list: () => [...profileKeys.all, 'list'] as const,
};

/** Address checks depend on the text alone, never on stored profiles, so they live apart. */
export const baseUrlCheckKeys = {
  all: ['base-url-check'] as const,
  check: (text: string) => [...baseUrlCheckKeys.all, text] as const,
};
