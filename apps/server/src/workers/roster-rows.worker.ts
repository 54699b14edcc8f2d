import { prepareRosterRows } from '../services/roster-rows.ts';
import { serveJobs } from './serve.ts';

/** Worker entry: roster rows read and checked off the event loop (services/roster-rows.ts). */
serveJobs(prepareRosterRows);
