import { encodeRows, prepareRosterRows, type RosterRowsStart, type RosterWire } from '../services/roster-rows.ts';
import { serveJobs } from './serve.ts';

/** Worker entry: roster rows read and checked off the event loop (services/roster-rows.ts). */
serveJobs<RosterRowsStart, RosterWire>((start, send, signal) =>
  prepareRosterRows(
    start,
    (rows, sheetIssues) =>
      send(sheetIssues?.length ? { rows: encodeRows(rows), sheetIssues } : { rows: encodeRows(rows) }),
    signal,
  ),
);
