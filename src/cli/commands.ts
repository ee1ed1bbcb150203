import type { Command } from './io.js';

// Every CLI command; `main` dispatches on the first argument. Each command lives in its own folder.
export const commands: Command[] = [];
