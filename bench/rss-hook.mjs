// Preloaded with --import: records the process's peak RSS (KiB on Linux) into $BENCH_RSS_FILE at exit.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
