/** Beyond this the row would overflow; the rest are counted, not hidden silently. */
const maxChips = 6;

export function TagChips({ tags }: { readonly tags: readonly string[] }) {
  if (tags.length === 0) return null;
  const shown = tags.slice(0, maxChips);
  const hidden = tags.length - shown.length;
  return (
    <ul className="tag-chips" aria-label="Tags">
      {shown.map((tag) => (
        <li key={tag} className="tag-chip">
          {tag}
        </li>
      ))}
      {hidden > 0 && (
        <li className="tag-chip tag-chip--more" title={tags.slice(maxChips).join(', ')}>
          +{hidden}
        </li>
      )}
    </ul>
  );
}
