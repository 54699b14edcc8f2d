// Worker entry: one read-only connection to the SQLite file, answering the compiled queries db/sqlite-reader.ts
// sends ({ id, sql, parameters } → { id, rows } or { id, error }), one at a time. It only reads (opened read-only and
// `query_only`); a query past its budget is ended by the main side terminating this thread. Plain JavaScript so a
// worker that replaces a terminated one is ready in milliseconds (no TypeScript loader to register).
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

const port = parentPort;
if (!port) throw new Error('sqlite-reader: not in a worker thread');
const sqlite = new SQLite(workerData.file, { readonly: true, fileMustExist: true });
sqlite.pragma('busy_timeout = 5000');
sqlite.pragma('query_only = ON');
// 32 MiB of page cache per reader (the writer has 64): report and search pages stay warm across requests.
sqlite.pragma('cache_size = -32768');
sqlite.pragma('temp_store = MEMORY');

const STATEMENTS = 500;
/** Prepared statements by SQL text, least recently used first. */
const statements = new Map();
function prepared(text) {
  let stmt = statements.get(text);
  if (stmt) statements.delete(text);
  else {
    stmt = sqlite.prepare(text);
    if (statements.size >= STATEMENTS) statements.delete(statements.keys().next().value);
  }
  statements.set(text, stmt);
  return stmt;
}

// Blobs cross the thread boundary as Uint8Array; the driver wants Buffers.
const param = (v) => (v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v) : v);

port.on('message', (m) => {
  let reply;
  try {
    const stmt = prepared(m.sql);
    if (!stmt.reader) throw new Error('the reader only runs queries that return rows');
    reply = { id: m.id, rows: stmt.all(...m.parameters.map(param)) };
  } catch (e) {
    reply = { id: m.id, error: { message: String(e?.message ?? e), code: e?.code } };
  }
  port.postMessage(reply);
});
// Ready: the connection is open.
port.postMessage({ id: 0, rows: [] });
