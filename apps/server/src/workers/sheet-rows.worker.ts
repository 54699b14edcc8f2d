import { type SheetRowsStart, type SheetRowsWire, serveSheetRows } from '../services/sheet-off-loop.ts';
import { serveJobs } from './serve.ts';

/** Worker entry: an uploaded spreadsheet read and checked off the event loop (services/sheet-off-loop.ts). */
serveJobs<SheetRowsStart, SheetRowsWire>(serveSheetRows);
