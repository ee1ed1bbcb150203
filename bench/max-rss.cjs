// Preloaded into each measured process: reports its peak resident memory when it exits.
const { writeSync } = require('node:fs');
process.on('exit', () => {
  const file = process.env.KUBEWARD_BENCH_RSS_FILE;
  if (file) require('node:fs').writeFileSync(file, String(process.resourceUsage().maxRSS));
  else writeSync(2, `maxRSS ${process.resourceUsage().maxRSS}\n`);
});
