import type { Command } from './io.js';
import { fixCommand } from './fix/fix-command.js';
import { netpolCommand } from './netpol/netpol-command.js';
import { rbacCommand } from './rbac/rbac-command.js';
import { snapshotCommand } from './snapshot/snapshot-command.js';

// Every CLI command; `main` dispatches on the first argument. Each command lives in its own folder.
export const commands: Command[] = [fixCommand, netpolCommand, rbacCommand, snapshotCommand];
