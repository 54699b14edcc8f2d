import dayjs from 'dayjs';

/** Instants arrive as ISO UTC; staff read them in their own (China) time, to the minute. */
export function formatInstant(iso: string | null | undefined, none = '—'): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : none;
}
