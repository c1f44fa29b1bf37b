import { describe, expect, it } from 'vitest';
import { normaliseDate, termTimeline } from '../../../lib/match/term-timeline';

describe('normaliseDate', () => {
  it.each([
    ['2024-7-4 09:18:46', '2024-07-04'],
    ['2024/07/04', '2024-07-04'],
    ['2024年7月4日', '2024-07-04'],
    ['2026-01', '2026-01'],
    ['2023', '2023'],
    ['', ''],
    [undefined, ''],
    ['July 2024', ''],
  ])('%s → %s', (date, normalised) => expect(normaliseDate(date)).toBe(normalised));
});

describe('termTimeline', () => {
  it('counts articles by month, every month from the first to the last, when they are close', () => {
    expect(termTimeline(['2026-01-20', '2026-3-2', '2026-01-05', undefined])).toEqual({
      unit: 'month',
      periods: [
        { period: '2026-01', articles: 2 },
        { period: '2026-02', articles: 0 },
        { period: '2026-03', articles: 1 },
      ],
      undated: 1,
      total: 4,
    });
  });

  it('counts by year over longer spans, or when a date has only its year', () => {
    expect(termTimeline(['2019-05-01', '2024-07-04', '2024'])).toMatchObject({
      unit: 'year',
      periods: [
        { period: '2019', articles: 1 },
        { period: '2020', articles: 0 },
        { period: '2021', articles: 0 },
        { period: '2022', articles: 0 },
        { period: '2023', articles: 0 },
        { period: '2024', articles: 2 },
      ],
    });
  });

  it('has no bars without dates, and says how many articles there are', () => {
    expect(termTimeline([undefined, ''])).toEqual({
      unit: 'year',
      periods: [],
      undated: 2,
      total: 2,
    });
  });
});
