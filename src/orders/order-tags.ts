// Order tags: free labels a shop puts on orders (seed 001 order update `tags`) and
// filters by. Trimmed, case kept, duplicates dropped (compared case-insensitively,
// the first spelling wins), each at most TAG_MAX characters, at most TAGS_MAX per order.
// Pure: no I/O.
import { checkText, type InputPath, type Problems } from '../shared/validation.js';

export const TAG_MAX = 40;
export const TAGS_MAX = 20;
export const CONTRACT_REFERENCE_MAX = 80;

/** The tags as stored, or problems (empty tags, too long, control characters) on their path. */
export function checkTags(problems: Problems, path: InputPath, tags: readonly string[] | null | undefined): string[] {
  const out: string[] = [];
  (tags ?? []).forEach((tag, index) => {
    const text = checkText(problems, [...path, index], tag, { required: true, max: TAG_MAX });
    if (text) out.push(text);
  });
  return dedupeTags(out);
}

/** Drops later repeats of a tag (case aside), keeping the order of first appearance. */
export function dedupeTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  return tags.filter((tag) => {
    const key = tag.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** `current` with `add` appended and `remove` taken out (case aside); a tag both added and removed ends up removed. */
export function applyTagChange(current: readonly string[], add: readonly string[], remove: readonly string[]): string[] {
  const removed = new Set(remove.map((tag) => tag.toLowerCase()));
  return dedupeTags([...current, ...add]).filter((tag) => !removed.has(tag.toLowerCase()));
}

/** Adds a problem when an order would carry more than TAGS_MAX tags. */
export function checkTagCount(problems: Problems, path: InputPath, tags: readonly string[]): void {
  if (tags.length > TAGS_MAX) problems.add(path, `an order carries at most ${TAGS_MAX} tags; this would make ${tags.length}`);
}
