/** How much of an answer the troubleshooting panel shows. */
export const excerptLength = 300;

/**
 * A short, single-line view of an answer body with every secret replaced. A server or proxy may
 * echo request headers back (debug pages, some error pages), so the key is scrubbed here, in its
 * raw and URL-encoded forms, before anything is stored, shown or logged.
 */
export function bodyExcerpt(text: string, secrets: readonly string[]): string {
  const scrubbed = scrubSecrets(text, secrets);
  const flat = scrubbed.replace(/\s+/g, ' ').trim();
  return flat.length > excerptLength ? `${flat.slice(0, excerptLength)}…` : flat;
}

export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      result = result.split(form).join('[key removed]');
    }
  }
  return result;
}
