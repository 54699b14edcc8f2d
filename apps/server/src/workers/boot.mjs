// Worker-thread bootstrap. The server runs from TypeScript source through tsx; a worker started from a .ts entry
// needs the loader registered in its own thread (the parent's hooks do not reach it). This file is plain JavaScript
// because it is what makes TypeScript loadable.
import { workerData } from 'node:worker_threads';

if (workerData.entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.entry);
