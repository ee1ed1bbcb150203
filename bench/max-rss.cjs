// Preloaded into each measured process: reports its peak resident memory and CPU time when it exits.
const { writeFileSync, writeSync } = require('node:fs');
process.on('exit', () => {
  const usage = process.resourceUsage();
  const figures = JSON.stringify({ maxRssKiB: usage.maxRSS, cpuMicros: usage.userCPUTime + usage.systemCPUTime });
  const file = process.env.KUBEWARD_BENCH_RSS_FILE;
  if (file) writeFileSync(file, figures);
  else writeSync(2, `${figures}\n`);
});
