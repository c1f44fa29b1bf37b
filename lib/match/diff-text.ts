import { foldCode } from '../normalise/fold-script';

/** A run of one side of a comparison: shared with the other side, or only on this side. */
export interface DiffSegment {
  text: string;
  changed: boolean;
}

/** Longest input compared cell by cell; longer passages are compared sentence-blind in halves. */
const MAX_CELLS = 600 * 600;

/**
 * Character diff of two passages, ignoring script and punctuation width, so what a local version
 * changed (place names, numbers, a reworded clause) stands out on both sides.
 */
export function diffPassages(a: string, b: string): { a: DiffSegment[]; b: DiffSegment[] } {
  if (a.length * b.length > MAX_CELLS) {
    // Too long for a full table: compare the halves, which keeps memory bounded.
    const ha = a.length >> 1;
    const hb = b.length >> 1;
    const first = diffPassages(a.slice(0, ha), b.slice(0, hb));
    const second = diffPassages(a.slice(ha), b.slice(hb));
    return { a: merge([...first.a, ...second.a]), b: merge([...first.b, ...second.b]) };
  }
  const fa = Array.from(a, (c) => foldCode(c.charCodeAt(0)));
  const fb = Array.from(b, (c) => foldCode(c.charCodeAt(0)));
  const n = a.length;
  const m = b.length;
  // lcs[i][j] = LCS length of a[i..] and b[j..], in one flat array.
  const lcs = new Uint16Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * (m + 1) + j] =
        fa[i] === fb[j]
          ? lcs[(i + 1) * (m + 1) + j + 1]! + 1
          : Math.max(lcs[(i + 1) * (m + 1) + j]!, lcs[i * (m + 1) + j + 1]!);
    }
  }
  const sameA = new Uint8Array(n);
  const sameB = new Uint8Array(m);
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (fa[i] === fb[j]) {
      sameA[i++] = 1;
      sameB[j++] = 1;
    } else if (lcs[(i + 1) * (m + 1) + j]! >= lcs[i * (m + 1) + j + 1]!) i++;
    else j++;
  }
  return { a: segments(a, sameA), b: segments(b, sameB) };
}

function segments(text: string, same: Uint8Array): DiffSegment[] {
  const out: DiffSegment[] = [];
  for (let k = 0; k < text.length; k++) {
    const changed = same[k] !== 1;
    const last = out[out.length - 1];
    if (last && last.changed === changed) last.text += text[k];
    else out.push({ text: text[k]!, changed });
  }
  return absorbIsolatedMatches(out);
}

/**
 * Shared runs shorter than this inside a changed stretch are chance (的, 和, 基层, 工作): they are
 * read as part of the change, so what two versions really share stands out.
 */
export const MIN_SHARED_RUN = 4;

/** Folds chance shared runs (see MIN_SHARED_RUN) between changes into the change. */
function absorbIsolatedMatches(segs: DiffSegment[]): DiffSegment[] {
  const out = segs.map((s, k) =>
    !s.changed &&
    [...s.text].length < MIN_SHARED_RUN &&
    segs[k - 1]?.changed !== false &&
    segs[k + 1]?.changed !== false &&
    segs.length > 1
      ? { ...s, changed: true }
      : s,
  );
  return merge(out);
}

function merge(segs: DiffSegment[]): DiffSegment[] {
  const out: DiffSegment[] = [];
  for (const s of segs) {
    const last = out[out.length - 1];
    if (last && last.changed === s.changed) last.text += s.text;
    else out.push({ ...s });
  }
  return out;
}
