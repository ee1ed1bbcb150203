import { distance as editDistance } from 'fastest-levenshtein';

// "Did you mean" for mistyped names: commands, options, rule ids, config keys.

/**
 * The known names closest to a mistyped one, for "did you mean": within a third of its length in edits
 * (at least two: a swapped pair of letters is two; at most three), or containing it / contained in it; nearest first, at most three.
 */
export function closestNames(input: string, known: Iterable<string>): string[] {
  const limit = Math.min(3, Math.max(2, Math.floor(input.length / 3)));
  const scored: { name: string; distance: number }[] = [];
  for (const name of new Set(known)) {
    if (name === input) continue;
    const [typed, candidate] = [input.toLowerCase(), name.toLowerCase()];
    const distance = editDistance(typed, candidate);
    const contains = typed.length >= 3 && candidate.length >= 3 && (candidate.includes(typed) || typed.includes(candidate));
    if (distance <= limit || contains) scored.push({ name, distance: contains ? Math.min(distance, limit) : distance });
  }
  return scored.sort((a, b) => a.distance - b.distance || (a.name < b.name ? -1 : 1)).slice(0, 3).map((entry) => entry.name);
}

/** ` (did you mean a, b?)`, or nothing when no known name is close. */
export function didYouMean(input: string, known: Iterable<string>): string {
  const near = closestNames(input, known);
  return near.length === 0 ? '' : ` (did you mean ${near.join(', ')}?)`;
}

