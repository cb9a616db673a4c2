// Deterministic, realistic memories for demos, tests and benchmarks: mostly English with some
// German, French, Spanish and Japanese; one line to several paragraphs; popular and rare tags
// (Zipf-like), namespaced tags, ontology types, timestamps over two years (denser recently).
import { contentHash, type MemoryJson } from './memory-model';
import { ALL_TYPES, BASE_TYPES } from './ontology';
import { isoZ } from './python-format';

/** sfc32: small, fast, and the same sequence on every platform for a given seed. */
export function createRandom(seed: number): () => number {
  let a = 0x9e3779b9 ^ seed;
  let b = 0x243f6a88 ^ (seed * 31);
  let c = 0xb7e15162 ^ (seed * 17);
  let d = 1;
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
/** Zipf-like: early items are much more likely. */
const pickSkewed = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(items.length * rng() ** 2.2)] as T;
const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));

const PROJECTS = ['billing', 'atlas', 'console', 'search', 'mobile', 'ingest', 'auth', 'website', 'analytics', 'infra', 'payments', 'docs'];
const AGENTS = ['claude-code', 'console', 'cursor', 'codex', 'copilot', 'gemini-cli'];
const SOURCES = ['slack', 'github', 'email', 'cli', 'meeting-notes', 'jira', 'confluence', 'browser'];
const TOPICS = [
  'database', 'frontend', 'backend', 'api', 'testing', 'deployment', 'performance', 'security', 'ux', 'docs',
  'refactoring', 'ci', 'monitoring', 'postgres', 'react', 'typescript', 'python', 'kubernetes', 'caching', 'auth',
  'migration', 'onboarding', 'hiring', 'budget', 'customer', 'incident', 'release', 'design', 'accessibility', 'i18n',
  'logging', 'billing', 'search', 'embeddings', 'sqlite', 'electron', 'rust', 'go', 'networking', 'privacy',
  'gdpr', 'compliance', 'roadmap', 'retro', 'planning', 'research', 'benchmark', 'flaky-test', 'tech-debt', 'oncall',
];
const PEOPLE = ['Alice', 'Bob', 'Chen', 'Dana', 'Elif', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kemal', 'Lena', 'Marta', 'Noor', 'Omar', 'Priya'];
const TECH = ['PostgreSQL', 'SQLite', 'Redis', 'Kafka', 'React', 'Vite', 'Electron', 'FastAPI', 'Node 20', 'TypeScript 6', 'nginx', 'Terraform', 'Grafana', 'OpenTelemetry', 'Playwright', 'vitest'];
const COMPONENTS = ['the login flow', 'the export job', 'the search page', 'the billing worker', 'the settings screen', 'the sync daemon', 'the REST gateway', 'the nightly backup', 'the tag sidebar', 'the onboarding wizard', 'the rate limiter', 'the upload pipeline'];
const METRICS = ['p95 latency', 'error rate', 'memory usage', 'cold start time', 'bundle size', 'build time', 'query time', 'CPU load'];

const EN = [
  'Decided to use {tech} for {component} in project {project}.',
  '{person} found that {component} leaks connections under load; restarting hides it but does not fix it.',
  'The {metric} of {component} dropped from {n}ms to {m}ms after enabling connection pooling.',
  'Remember: {component} must never log the API key, only its fingerprint.',
  'Retro notes: deploys on Friday afternoons caused two incidents this quarter, so we agreed to freeze after 3pm.',
  '{person} prefers small pull requests with one concern each; reviews go faster that way.',
  'Bug: {component} returns 500 when the tag list is empty. Workaround: send at least one tag.',
  'Benchmark of {tech}: {n} requests per second on two cores, {metric} stable at {m}ms.',
  'Customer call with {person}: they need an export of all memories as JSON before the audit on {date}.',
  'TIL that {tech} rounds timestamps to microseconds, which broke our equality checks in tests.',
  'Plan for next sprint: finish {component}, write the migration guide, and remove the feature flag.',
  'Meeting with {person} and {person2} about {component}: agreed to ship behind a flag and measure {metric}.',
  'Incident {ticket}: {component} was down for {n} minutes because a certificate expired. Added an alert 14 days ahead.',
  'Pattern: every time we bump {tech}, the snapshot tests fail for an unrelated reason. Pin exact versions.',
  'Open question: should {component} retry on 503, and how many times before giving up?',
  'Key rotation checklist: create the new key, verify it against /api/health/detailed, then revoke the old one.',
  '{person} suggested caching tag counts; {component} spends most of its time counting tags.',
  'Research: compared {tech} and {tech2} for {component}; {tech2} wins on {metric} but needs more memory.',
  'Status update: {component} is {n}% done, blocked on review from {person}.',
  'Reminder to self: the staging database is reset every Sunday at 02:00 UTC.',
];
const EN_EXTRA = [
  'We tried three alternatives before settling on this one.',
  'The logs show the same pattern every night around midnight.',
  'This only happens when more than {n} clients are connected.',
  'Documentation for this lives in the wiki under "Operations".',
  'A follow-up ticket ({ticket}) tracks the remaining work.',
  'Nobody objected, but {person} wants to revisit it after the release.',
  'Rolling back is safe because the schema change is additive.',
  'The root cause was a missing index on created_at.',
  'Measured on a laptop, so treat the numbers as rough.',
  'It is worth writing a regression test before touching this again.',
  'Users noticed the slowdown before our monitoring did.',
  'The fix is small but the investigation took two days.',
];
const DE = [
  'Entscheidung: {component} wird auf {tech} umgestellt, weil die Wartung einfacher ist.',
  'Notiz von {person}: Die Datensicherung läuft jede Nacht um zwei Uhr, bitte nicht unterbrechen.',
  'Fehler in {component}: Bei leeren Tags kommt ein Serverfehler zurück. Ticket {ticket} angelegt.',
  'Besprechung mit {person}: Wir priorisieren Barrierefreiheit vor neuen Funktionen.',
];
const FR = [
  'Décision : nous gardons {tech} pour {component}, la migration coûterait trop cher.',
  'Note de {person} : les clés API doivent être renouvelées tous les quatre-vingt-dix jours.',
  'Réunion avec {person} sur {component} : on livre derrière un drapeau de fonctionnalité.',
  'Leçon apprise : toujours vérifier le certificat avant de déployer en production.',
];
const ES = [
  'Decisión: usaremos {tech} para {component} porque el equipo ya lo conoce.',
  'Nota de {person}: el informe mensual se envía el primer lunes de cada mes.',
  'Error en {component}: la exportación falla con más de {n} memorias. Ticket {ticket}.',
  'Reunión con {person}: acordamos medir {metric} antes de optimizar.',
];
const JA = [
  '{component}のデプロイは金曜日の午後に行わないことに決定しました。',
  '{person}さんとの打ち合わせ：検索画面の応答時間を改善する必要があります。',
  'メモ：APIキーは九十日ごとに更新してください。',
  '障害報告 {ticket}：証明書の期限切れで{n}分間サービスが停止しました。',
];

const LANGUAGES: readonly { code: string; templates: readonly string[]; weight: number }[] = [
  { code: 'en', templates: EN, weight: 0.82 },
  { code: 'de', templates: DE, weight: 0.05 },
  { code: 'fr', templates: FR, weight: 0.05 },
  { code: 'es', templates: ES, weight: 0.05 },
  { code: 'ja', templates: JA, weight: 0.03 },
];

function fill(rng: Rng, template: string, project: string): string {
  return template.replace(/\{(\w+)\}/g, (_m, slot: string) => {
    switch (slot) {
      case 'tech':
      case 'tech2':
        return pick(rng, TECH);
      case 'component':
        return pick(rng, COMPONENTS);
      case 'project':
        return project;
      case 'person':
      case 'person2':
        return pick(rng, PEOPLE);
      case 'metric':
        return pick(rng, METRICS);
      case 'n':
        return String(int(rng, 2, 950));
      case 'm':
        return String(int(rng, 1, 400));
      case 'ticket':
        return `${project.slice(0, 3).toUpperCase()}-${int(rng, 100, 9999)}`;
      case 'date':
        return `${int(rng, 1, 28)}.${int(rng, 1, 12)}.`;
      default:
        return slot;
    }
  });
}

function content(rng: Rng, templates: readonly string[], english: boolean, project: string): string {
  const sentence = (): string => fill(rng, pick(rng, templates), project);
  const extra = (): string => (english ? fill(rng, pick(rng, EN_EXTRA), project) : sentence());
  const shape = rng();
  if (shape < 0.4) return sentence();
  if (shape < 0.75) {
    const parts = [sentence()];
    for (let i = int(rng, 1, 3); i > 0; i--) parts.push(extra());
    return parts.join(' ');
  }
  const paragraphs: string[] = [];
  for (let p = shape < 0.95 ? 1 : int(rng, 2, 5); p > 0; p--) {
    const parts = [sentence()];
    for (let i = int(rng, 3, 7); i > 0; i--) parts.push(extra());
    paragraphs.push(parts.join(' '));
  }
  return paragraphs.join('\n\n');
}

function pickLanguage(rng: Rng): (typeof LANGUAGES)[number] {
  let r = rng();
  for (const lang of LANGUAGES) {
    r -= lang.weight;
    if (r < 0) return lang;
  }
  return LANGUAGES[0] as (typeof LANGUAGES)[number];
}

function memoryType(rng: Rng): string | null {
  const r = rng();
  if (r < 0.03) return null;
  if (r < 0.6) return pickSkewed(rng, BASE_TYPES);
  return pick(rng, ALL_TYPES);
}

export interface GenerateOptions {
  /** End of the two-year window in Unix seconds; fixed values give byte-identical output. */
  readonly now?: number;
}

const TWO_YEARS = 2 * 365 * 86400;
const FIVE_MINUTES = 5 * 60;

/** `count` distinct memories, identical for the same (count, randomSeed, now). */
export function generateMemories(count: number, randomSeed: number, options: GenerateOptions = {}): MemoryJson[] {
  const rng = createRandom(randomSeed);
  const now = options.now ?? Date.now() / 1000;
  const seen = new Set<string>();
  const out: MemoryJson[] = [];
  for (let i = 0; i < count; i++) {
    const project = pickSkewed(rng, PROJECTS);
    const lang = pickLanguage(rng);
    let text = content(rng, lang.templates, lang.code === 'en', project);
    let hash = contentHash(text);
    // Templates repeat; a numbered reference keeps every memory distinct (as real notes are).
    if (seen.has(hash)) {
      text = `${text} (ref ${project.slice(0, 3).toUpperCase()}-${i})`;
      hash = contentHash(text);
    }
    seen.add(hash);

    const tags: string[] = [];
    const addTag = (t: string): void => {
      if (!tags.includes(t)) tags.push(t);
    };
    for (let t = int(rng, 0, 3); t > 0; t--) addTag(pickSkewed(rng, TOPICS));
    if (rng() < 0.7) addTag(`project:${project}`);
    if (rng() < 0.35) addTag(`agent:${pickSkewed(rng, AGENTS)}`);
    if (rng() < 0.3) addTag(`source:${pickSkewed(rng, SOURCES)}`);
    if (lang.code !== 'en') addTag(`lang:${lang.code}`);
    if (tags.length === 0) addTag('untagged');

    // u^1.5 skews towards now (recent months are denser, as in real use) without piling dozens
    // of memories into the last minute; the newest is at least a few minutes old.
    const age = FIVE_MINUTES + (TWO_YEARS - FIVE_MINUTES) * rng() ** 1.5;
    const created = Math.round((now - age) * 1e6) / 1e6;
    const updated = rng() < 0.2 ? Math.min(now, Math.round((created + rng() * Math.min(age, 30 * 86400)) * 1e6) / 1e6) : created;
    const metadata: Record<string, unknown> = { source: pickSkewed(rng, SOURCES), priority: int(rng, 1, 5) };
    if (lang.code !== 'en') metadata['language'] = lang.code;
    if (rng() < 0.25) metadata['author'] = pick(rng, PEOPLE);
    if (rng() < 0.15) metadata['quality_score'] = Math.round(rng() * 100) / 100;
    if (rng() < 0.1) metadata['confidence'] = Math.round((0.5 + rng() / 2) * 100) / 100;

    out.push({
      content: text,
      content_hash: hash,
      tags,
      memory_type: memoryType(rng),
      metadata,
      created_at: created,
      created_at_iso: isoZ(created),
      updated_at: updated,
      updated_at_iso: isoZ(updated),
    });
  }
  return out;
}
