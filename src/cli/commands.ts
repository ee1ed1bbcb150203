import type { Command } from './io.js';
import { scanCommand } from './scan/scan-command.js';
import { fixCommand } from './fix/fix-command.js';
import { explainCommand, rulesCommand } from './rules/rules-command.js';
import { netpolCommand } from './netpol/netpol-command.js';
import { rbacCommand } from './rbac/rbac-command.js';
import { snapshotCommand } from './snapshot/snapshot-command.js';
import { serveCommand } from './serve/serve-command.js';
import { completionCommand } from './completion/completion-command.js';

// Every CLI command, in the order `kubeward --help` lists them; `main` dispatches on the first argument.
// Each command lives in its own folder. Add a new command here and nowhere else.
export const commands: readonly Command[] = [scanCommand, fixCommand, rulesCommand, explainCommand, netpolCommand, rbacCommand, snapshotCommand, serveCommand, completionCommand];
