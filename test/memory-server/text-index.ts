// Lexical relevance standing in for embeddings: an inverted index with BM25-style term
// saturation, normalised so every score lies in 0..1 like a cosine similarity.

const STOPWORDS = new Set(
  (
    'a an and are as at be but by for from has have he her his i if in into is it its me my no not of on or our ' +
    'she so that the their them then there these they this to was we were what when which who will with you your ' +
    'der die das und ist ein eine den dem des zu mit auf für von im nicht es sich le la les un une et est des du en ' +
    'pour pas que qui dans sur el los las y es por con para del se lo'
  ).split(' '),
);

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/;
const CJK_RUNS = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+|[^\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+/g;
const WORDS = /[\p{L}\p{N}]+/gu;
const NON_ASCII = /[^\p{ASCII}]/u;
const MARKS = /\p{M}+/gu;

function stem(word: string): string {
  // Plural folding only: enough for "memories"/"memory" and "tests"/"test" to meet.
  if (word.length > 4 && word.endsWith('ies')) return word.slice(0, -3) + 'y';
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us')) return word.slice(0, -1);
  return word;
}

function keep(word: string, out: string[]): void {
  if (word.length < 2 || word.length > 40 || STOPWORDS.has(word)) return;
  out.push(stem(word));
}

/** ASCII fast path (most content): a char-code scan is several times faster than a /u regex. */
function tokenizeAscii(s: string, out: string[]): void {
  let start = -1;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 0;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      keep(s.slice(start, i), out);
      start = -1;
    }
  }
}

/** Lower-cased, accent-folded terms; CJK text becomes character bigrams since it has no spaces. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  const lower = text.toLowerCase();
  if (!NON_ASCII.test(lower)) {
    tokenizeAscii(lower, out);
    return out;
  }
  const s = lower.normalize('NFKD').replace(MARKS, '');
  for (const word of s.match(WORDS) ?? []) {
    if (!CJK.test(word)) {
      keep(word, out);
      continue;
    }
    for (const run of word.match(CJK_RUNS) ?? []) {
      if (!CJK.test(run)) keep(run, out);
      else if (run.length === 1) out.push(run);
      else for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
    }
  }
  return out;
}

export interface Scored {
  readonly id: number;
  readonly score: number;
}

const K1 = 1.2;
const B = 0.75;
const TF_BITS = 5;
const TF_MAX = (1 << TF_BITS) - 1;

/**
 * Postings are packed `id << 5 | min(tf, 31)` in plain arrays (small integers stay unboxed), so
 * 100k documents cost tens of MB, not hundreds. Content never changes after create, so a document
 * is only ever added once and removed once; removals are tombstones swept when they pile up.
 */
export class TextIndex {
  private readonly postings = new Map<string, number[]>();
  private docLen: Uint16Array = new Uint16Array(1024);
  private alive: Uint8Array = new Uint8Array(1024);
  private liveDocs = 0;
  private totalLen = 0;
  private dead = 0;

  get size(): number {
    return this.liveDocs;
  }

  private ensure(id: number): void {
    if (id < this.alive.length) return;
    let n = this.alive.length;
    while (n <= id) n *= 2;
    const alive = new Uint8Array(n);
    alive.set(this.alive);
    const len = new Uint16Array(n);
    len.set(this.docLen);
    this.alive = alive;
    this.docLen = len;
  }

  add(id: number, text: string): void {
    this.ensure(id);
    const terms = tokenize(text);
    // Documents are added one at a time, so if a term already occurred in this document its
    // posting is the last one in the list: bump its tf in place instead of keeping a per-doc map.
    const base = id * (TF_MAX + 1);
    for (const term of terms) {
      const list = this.postings.get(term);
      if (!list) {
        this.postings.set(term, [base + 1]);
        continue;
      }
      const last = list.length - 1;
      const p = list[last] as number;
      if (p - (p % (TF_MAX + 1)) === base) {
        if (p % (TF_MAX + 1) < TF_MAX) list[last] = p + 1;
      } else list.push(base + 1);
    }
    const len = Math.min(terms.length, 65535);
    this.docLen[id] = len;
    this.alive[id] = 1;
    this.liveDocs += 1;
    this.totalLen += len;
  }

  remove(id: number): void {
    if (id >= this.alive.length || this.alive[id] !== 1) return;
    this.alive[id] = 0;
    this.liveDocs -= 1;
    this.totalLen -= this.docLen[id] ?? 0;
    this.dead += 1;
    if (this.dead > 1000 && this.dead > this.liveDocs / 4) this.sweep();
  }

  private sweep(): void {
    for (const [term, list] of this.postings) {
      const kept = list.filter((p) => this.alive[Math.floor(p / (TF_MAX + 1))] === 1);
      if (kept.length === 0) this.postings.delete(term);
      else this.postings.set(term, kept);
    }
    this.dead = 0;
  }

  /**
   * Scores every live document sharing a term with the query and returns the best `limit`
   * (ties broken by `tieBreak`, higher first). Half of the score is how much of the query's
   * weight the document covers, half how strongly (BM25 saturation), each 0..1.
   */
  search(query: string, limit: number, accept: (id: number) => boolean, tieBreak: (id: number) => number): Scored[] {
    const terms = [...new Set(tokenize(query))];
    if (terms.length === 0 || this.liveDocs === 0) return [];
    const n = this.liveDocs;
    const avgLen = this.totalLen / n || 1;
    const weights: number[] = [];
    const lists: number[][] = [];
    for (const term of terms) {
      const list = this.postings.get(term) ?? [];
      const df = Math.max(1, Math.min(n, list.length));
      weights.push(Math.log(1 + (n - df + 0.5) / (df + 0.5)));
      lists.push(list);
    }
    const totalWeight = weights.reduce((a, b) => a + b, 0) || 1;
    const scores = new Map<number, number>();
    for (let t = 0; t < lists.length; t++) {
      const list = lists[t] ?? [];
      const w = (weights[t] ?? 0) / totalWeight;
      for (let i = 0; i < list.length; i++) {
        const p = list[i] ?? 0;
        const id = Math.floor(p / (TF_MAX + 1));
        if (this.alive[id] !== 1) continue;
        const tf = p % (TF_MAX + 1);
        const norm = 1 - B + (B * (this.docLen[id] ?? 0)) / avgLen;
        const saturation = (tf * (K1 + 1)) / (tf + K1 * norm) / (K1 + 1);
        scores.set(id, (scores.get(id) ?? 0) + w * (0.5 + 0.5 * Math.min(1, saturation)));
      }
    }
    return topK(scores, limit, accept, tieBreak);
  }
}

/** Keeps the best `limit` entries with a small sorted buffer: far cheaper than sorting all hits. */
function topK(scores: Map<number, number>, limit: number, accept: (id: number) => boolean, tieBreak: (id: number) => number): Scored[] {
  const best: { id: number; score: number; tie: number }[] = [];
  const worse = (a: { score: number; tie: number }, b: { score: number; tie: number }): boolean =>
    a.score < b.score || (a.score === b.score && a.tie < b.tie);
  for (const [id, raw] of scores) {
    const score = Math.min(1, raw);
    if (best.length === limit) {
      const last = best[best.length - 1];
      if (last && !worse(last, { score, tie: tieBreak(id) })) continue;
    }
    if (!accept(id)) continue;
    const entry = { id, score, tie: tieBreak(id) };
    let pos = best.length;
    while (pos > 0 && worse(best[pos - 1] ?? entry, entry)) pos--;
    best.splice(pos, 0, entry);
    if (best.length > limit) best.pop();
  }
  return best.map(({ id, score }) => ({ id, score }));
}
