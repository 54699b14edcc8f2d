import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { warmWorkers } from './workers/entries.ts';

/** Production entry: listen with graceful shutdown. (`npm start` uses scripts/serve.ts, which also seeds demo data.) */
async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  const { app } = await buildApp(config);
  await app.listen({ port: config.port, host: config.host });
  warmWorkers();
  const stop = async () => {
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
