/** Deepest nesting a request body may have; real payloads here are a few levels deep. */
export const MAX_JSON_DEPTH = 32;

/**
 * True if `value` nests objects/arrays deeper than `limit` levels. Iterative, so hostile input cannot
 * overflow the stack.
 */
export function deeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Object.values(node))
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}
