/** Metadata as a readable tree: keys as terms, nested objects and lists indented. Text only. */
export function MetadataTree({ value }: { readonly value: Readonly<Record<string, unknown>> }) {
  const entries = Object.entries(value);
  if (entries.length === 0) return <p className="memory-detail__none">No metadata.</p>;
  return <TreeObject entries={entries} />;
}

function TreeObject({ entries }: { readonly entries: readonly (readonly [string, unknown])[] }) {
  return (
    <dl className="metadata-tree">
      {entries.map(([key, item]) => (
        <div key={key} className="metadata-tree__entry">
          <dt>{key}</dt>
          <dd>
            <TreeValue value={item} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

function TreeValue({ value }: { readonly value: unknown }) {
  if (value === null) return <span className="metadata-tree__null">null</span>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="metadata-tree__null">[ ] (empty list)</span>;
    return (
      <ol className="metadata-tree__list" start={0}>
        {value.map((item, index) => (
          <li key={index}>
            <TreeValue value={item} />
          </li>
        ))}
      </ol>
    );
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return <span className="metadata-tree__null">{'{ }'} (empty)</span>;
    return <TreeObject entries={entries} />;
  }
  if (typeof value === 'string') return <span className="metadata-tree__string">{value}</span>;
  return <span className="metadata-tree__scalar">{String(value)}</span>;
}
