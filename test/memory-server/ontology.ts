// The memory-type ontology: the 12 base types the real server documents, each with invented but
// plausible subtypes (about 80 names in all, like the real GET /api/types answer).

export const BASE_TYPES = [
  'observation',
  'decision',
  'learning',
  'error',
  'pattern',
  'planning',
  'ceremony',
  'milestone',
  'stakeholder',
  'meeting',
  'research',
  'communication',
] as const;

export const TAXONOMY: Readonly<Record<(typeof BASE_TYPES)[number], readonly string[]>> = {
  observation: ['code_edit', 'file_access', 'search', 'command', 'conversation', 'document', 'note', 'session', 'reference', 'snippet'],
  decision: ['architecture', 'tool_choice', 'approach', 'configuration', 'policy', 'tradeoff'],
  learning: ['insight', 'best_practice', 'anti_pattern', 'gotcha', 'tutorial', 'til'],
  error: ['bug', 'failure', 'exception', 'timeout', 'regression', 'incident'],
  pattern: ['recurring_issue', 'code_smell', 'design_pattern', 'workflow', 'convention'],
  planning: ['task', 'todo', 'roadmap', 'goal', 'estimate', 'sprint_plan'],
  ceremony: ['standup', 'retrospective', 'sprint_review', 'sprint_planning', 'demo_day'],
  milestone: ['release', 'launch', 'deadline', 'achievement', 'deployment'],
  stakeholder: ['customer', 'user_feedback', 'requirement', 'contact', 'preference'],
  meeting: ['one_on_one', 'sync', 'workshop', 'interview', 'meeting_notes'],
  research: ['experiment', 'benchmark', 'comparison', 'literature', 'hypothesis', 'finding'],
  communication: ['email', 'chat', 'announcement', 'status_update', 'feedback', 'reminder'],
};

/** Base types first, then subtypes in taxonomy order: the order the real server lists them. */
export const ALL_TYPES: readonly string[] = [...BASE_TYPES, ...BASE_TYPES.flatMap((base) => TAXONOMY[base])];

const KNOWN = new Set(ALL_TYPES);

export function isKnownType(type: string): boolean {
  return KNOWN.has(type);
}

/** The real server's warning, byte for byte, when a create names a type outside the ontology. */
export function unknownTypeWarning(type: string): string {
  return (
    `Warning: requested memory_type '${type}' is not in the ontology — stored as 'observation'. ` +
    `Register custom types via MCP_CUSTOM_MEMORY_TYPES, e.g. '{"${type}": []}'.`
  );
}
