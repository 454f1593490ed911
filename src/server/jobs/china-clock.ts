// Jobs are scheduled by the clock on the wall of a Chinese office (Asia/Shanghai). China has kept
// UTC+8 without daylight saving since 1991, so the offset is a constant, not a time-zone lookup.
const CHINA_OFFSET_MS = 8 * 3600 * 1000;

export interface ChinaTime {
  /** The day in China, YYYY-MM-DD. */
  date: string;
  /** The hour in China, 0-23. */
  hour: number;
}

export function chinaTime(instant: Date): ChinaTime {
  const shifted = new Date(instant.getTime() + CHINA_OFFSET_MS);
  return { date: shifted.toISOString().slice(0, 10), hour: shifted.getUTCHours() };
}
