import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE_NAMES, ConfigError, parseConfig, type KubewardConfig } from '../engine/config.js';
import type { Rule } from '../engine/rule.js';

// Finding and reading `.kubeward.yaml`; the parsing and validation are the engine's (pure).

/** Finds `.kubeward.yaml` from `cwd` upward; undefined when there is none. */
export async function findConfigFile(cwd: string): Promise<string | undefined> {
  let directory = resolve(cwd);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(directory, name);
      try {
        if ((await stat(candidate)).isFile()) return candidate;
      } catch {
        // not here; keep looking upward
      }
    }
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

export async function loadConfigFile(file: string, knownRules: readonly Rule[]): Promise<KubewardConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, `cannot read config: ${(error as Error).message}`);
  }
  return parseConfig(text, file, knownRules);
}
