/** The console's two languages. */
export type Locale = 'zh' | 'en';
