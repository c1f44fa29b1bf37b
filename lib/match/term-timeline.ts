/** How often a term appears across the corpus by date: articles holding it, per year or month. */
export interface TermTimeline {
  /** Years (YYYY) or months (YYYY-MM), every one from the first to the last, in order. */
  unit: 'year' | 'month';
  periods: { period: string; articles: number }[];
  /** Articles holding the term without a date. */
  undated: number;
  /** All articles holding the term. */
  total: number;
}

/** Months are shown when the dated articles span at most this many months, years otherwise. */
const MAX_MONTHS = 24;
/** At most this many bars (the latest years): a card is ~360 px wide. */
const MAX_PERIODS = 40;

/**
 * A date as sources write it (2024-7-4 09:18:46, 2024/07/04, 2024年7月4日, 2024-07, 2024) as
 * YYYY[-MM[-DD]], zero-padded, so that dates compare as strings; '' when there is no year.
 */
export function normaliseDate(date: string | undefined): string {
  const match = /^\s*(\d{4})(?:\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2}))?)?/.exec(
    date ?? '',
  );
  if (!match) return '';
  const [, year, month, day] = match;
  const pad = (part: string) => part.padStart(2, '0');
  return [year!, ...(month ? [pad(month)] : []), ...(month && day ? [pad(day)] : [])].join('-');
}

const monthIndex = (ym: string) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;
const monthName = (index: number) =>
  `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;

/** The timeline of the articles (their dates as written) that hold a term. */
export function termTimeline(dates: readonly (string | undefined)[]): TermTimeline {
  const dated = dates.map(normaliseDate).filter(Boolean);
  const undated = dates.length - dated.length;
  if (dated.length === 0) return { unit: 'year', periods: [], undated, total: dates.length };
  const withMonth = dated.filter((d) => d.length >= 7);
  const months = withMonth.map(monthIndex);
  const first = Math.min(...months);
  const last = Math.max(...months);
  // Months when every dated article has one and they are close together; else years.
  if (withMonth.length === dated.length && last - first < MAX_MONTHS) {
    const counts = new Map<number, number>();
    for (const m of months) counts.set(m, (counts.get(m) ?? 0) + 1);
    const periods = [];
    for (let m = first; m <= last; m++)
      periods.push({ period: monthName(m), articles: counts.get(m) ?? 0 });
    return { unit: 'month', periods, undated, total: dates.length };
  }
  const years = dated.map((d) => Number(d.slice(0, 4)));
  const counts = new Map<number, number>();
  for (const y of years) counts.set(y, (counts.get(y) ?? 0) + 1);
  const lastYear = Math.max(...years);
  const firstYear = Math.max(Math.min(...years), lastYear - MAX_PERIODS + 1);
  const periods = [];
  for (let y = firstYear; y <= lastYear; y++)
    periods.push({ period: String(y), articles: counts.get(y) ?? 0 });
  // Years before the first bar shown count as undated rather than vanish.
  const older = years.filter((y) => y < firstYear).length;
  return { unit: 'year', periods, undated: undated + older, total: dates.length };
}
