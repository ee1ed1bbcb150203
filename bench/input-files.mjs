import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every .yaml/.yml/.json file under the given paths, in a stable order. */
export function* inputFiles(paths) {
  for (const path of paths) {
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) {
        if (entry.startsWith('.')) continue;
        yield* inputFiles([join(path, entry)]);
      }
    } else if (/\.(ya?ml|json)$/.test(path)) yield path;
  }
}
