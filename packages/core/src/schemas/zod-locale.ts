import { z } from 'zod';
import { zhCN } from 'zod/locales';

/**
 * Validation messages in Chinese wherever a schema has no message of its own (zod's defaults are English).
 * Called once at start by the server and by each front end; core itself stays free of side effects on import.
 */
export function setChineseValidationMessages(): void {
  z.config(zhCN());
}
