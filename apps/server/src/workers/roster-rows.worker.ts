import { encodeRows, prepareRosterRows, type RosterRowsStart, type WireRows } from '../services/roster-rows.ts';
import { serveJobs } from './serve.ts';

/** Worker entry: roster rows read and checked off the event loop (services/roster-rows.ts). */
serveJobs<RosterRowsStart, WireRows>((start, send, signal) =>
  prepareRosterRows(start, (rows) => send(encodeRows(rows)), signal),
);
