#!/usr/bin/env node
// Thin launcher: the CLI lives in dist/cli/ (built by `npm run build`, run on install by `prepare`).
import { runAsProcess } from '../dist/cli/process-main.js';

await runAsProcess();
