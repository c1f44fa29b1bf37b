import type { BundleArticle } from '../bundle';
import { compactForMatch } from '../normalise/fold-script';
import { normaliseDate } from './term-timeline';
import type { ArticleList, ArticleListQuery, ArticleSummary } from '../views';
import { SlotTable, StringColumn, type PackedStrings } from './typed-arrays';

const LANGS: readonly BundleArticle['lang'][] = ['zh-Hans', 'zh-Hant', 'zh-mixed', 'other'];
const ORIGINS = ['bundle', 'user'] as const;

/** What the catalog keeps of an article: what a list row shows and filters on, never its text. */
export type CatalogArticle = Pick<
  BundleArticle,
  'id' | 'title' | 'source' | 'url' | 'lang' | 'text' | 'passages' | 'meta'
> & { origin?: 'bundle' | 'user' };

/** A catalog as stored: one array per field, strings packed (see StringColumn). */
export interface ArticleCatalogSnapshot {
  ids: PackedStrings;
  titles: PackedStrings;
  sources: PackedStrings;
  urls: PackedStrings;
  dates: PackedStrings;
  places: PackedStrings;
  /** Outlet or site (meta.outlet), where known. */
  outlets: PackedStrings;
  /** Index into LANGS, and into ORIGINS; 255 for a removed article. */
  langs: Uint8Array;
  origins: Uint8Array;
  chars: Uint32Array;
  passages: Uint32Array;
}

/** A facet's values, most articles first. */
const byCount = (facet: Map<string, number>): { name: string; count: number }[] =>
  [...facet].sort((a, b) => b[1] - a[1]).map(([name, count]) => ({ name, count }));

/** Rows per answer at most: a list asks for the window it shows. */
export const MAX_LIST_ROWS = 500;

/**
 * The corpus as a list: titles, sources, dates and places of every article, in column arrays
 * (~100 bytes per article), searchable in either script and filterable without reading a text.
 * The options page and the corpus browser page through it.
 */
export class ArticleCatalog {
  // Strings stay as stored until a row or a search needs them (a worker start decodes none).
  private ids = new StringColumn();
  private titles = new StringColumn();
  private sources = new StringColumn();
  private urls = new StringColumn();
  private dates = new StringColumn();
  private places = new StringColumn();
  private outlets = new StringColumn();
  private langs: number[] = [];
  private origins: number[] = [];
  private chars: number[] = [];
  private passageCounts: number[] = [];
  private slots = new SlotTable(this.ids);
  private live = 0;
  // Folded title and source per slot, made the first time a search needs them.
  private folded: (string | undefined)[] = [];
  // The last query's filtered, sorted slots: a list scrolled window by window asks again and again.
  private changes = 0;
  private last: {
    key: string;
    changes: number;
    matching: number[];
    places: ArticleList['places'];
    outlets: ArticleList['outlets'];
    years: ArticleList['years'];
    userTotal: number;
  } | null = null;

  get size(): number {
    return this.live;
  }

  /** The slot of a listed article. */
  private slotOf(id: string): number | undefined {
    const slot = this.slots.get(id);
    return slot !== undefined && this.langs[slot] !== 255 ? slot : undefined;
  }

  add(article: CatalogArticle): void {
    this.remove([article.id]);
    this.changes++;
    const slot = this.ids.push(article.id);
    this.slots.added(slot);
    this.live++;
    this.titles.push(article.title);
    this.sources.push(article.source);
    this.urls.push(article.url ?? '');
    this.dates.push(article.meta.date ?? '');
    this.places.push(article.meta.place ?? '');
    this.outlets.push(article.meta.outlet ?? '');
    this.langs.push(LANGS.indexOf(article.lang));
    this.origins.push(ORIGINS.indexOf(article.origin ?? 'bundle'));
    this.chars.push(article.text.length);
    this.passageCounts.push(article.passages.length);
  }

  remove(ids: readonly string[]): void {
    for (const id of ids) {
      const slot = this.slotOf(id);
      if (slot === undefined) continue;
      this.live--;
      this.changes++;
      this.langs[slot] = 255;
      this.titles.set(slot, '');
      this.sources.set(slot, '');
      this.folded[slot] = undefined;
    }
  }

  private summary(slot: number): ArticleSummary {
    const summary: ArticleSummary = {
      id: this.ids.get(slot),
      source: this.sources.get(slot),
      title: this.titles.get(slot),
      lang: LANGS[this.langs[slot]!]!,
      origin: ORIGINS[this.origins[slot]!]!,
      chars: this.chars[slot]!,
      passages: this.passageCounts[slot]!,
    };
    const [url, date, place, outlet] = [this.urls, this.dates, this.places, this.outlets].map(
      (column) => column.get(slot),
    );
    if (url) summary.url = url;
    if (date) summary.date = date;
    if (place) summary.place = place;
    if (outlet) summary.outlet = outlet;
    return summary;
  }

  /** The list row of one article. */
  get(id: string): ArticleSummary | undefined {
    const slot = this.slotOf(id);
    return slot === undefined ? undefined : this.summary(slot);
  }

  private foldedOf(slot: number): string {
    return (this.folded[slot] ??= compactForMatch(
      `${this.titles.get(slot)}\u0000${this.sources.get(slot)}\u0000${this.urls.get(slot)}`.toLowerCase(),
    ));
  }

  /**
   * A window of the articles matching a query, with the totals and the places to filter by.
   * @param only the articles a query's `term` allows (those holding it), looked up by the caller
   */
  list(query: ArticleListQuery, only?: ReadonlySet<string>): ArticleList {
    const offset = Math.max(0, query.offset ?? 0);
    const limit = Math.min(MAX_LIST_ROWS, Math.max(0, query.limit ?? 100));
    const { offset: _offset, limit: _limit, ...filters } = query;
    const key = JSON.stringify(filters);
    if (this.last?.key !== key || this.last.changes !== this.changes)
      this.last = { key, changes: this.changes, ...this.filter(filters, only) };
    const { matching, places, outlets, years, userTotal } = this.last;
    return {
      total: this.size,
      userTotal,
      matching: matching.length,
      offset,
      rows: matching.slice(offset, offset + limit).map((slot) => this.summary(slot)),
      places,
      outlets,
      years,
    };
  }

  /** The slots matching a query's filters, in its order, and its facets. */
  private filter(
    query: ArticleListQuery,
    only?: ReadonlySet<string>,
  ): {
    matching: number[];
    places: ArticleList['places'];
    outlets: ArticleList['outlets'];
    years: ArticleList['years'];
    userTotal: number;
  } {
    const needle = query.search ? compactForMatch(query.search.trim().toLowerCase()) : '';
    const origin = query.origin ? ORIGINS.indexOf(query.origin) : -1;
    const matching: number[] = [];
    const places = new Map<string, number>();
    const outlets = new Map<string, number>();
    const years = new Map<string, number>();
    const count = (facet: Map<string, number>, name: string) =>
      facet.set(name, (facet.get(name) ?? 0) + 1);
    let userTotal = 0;
    for (let slot = 0; slot < this.ids.length; slot++) {
      if (this.langs[slot] === 255) continue;
      if (this.origins[slot] === 1) userTotal++;
      if (origin >= 0 && this.origins[slot] !== origin) continue;
      if (needle && !this.foldedOf(slot).includes(needle)) continue;
      if (only && !only.has(this.ids.get(slot))) continue;
      // Each facet counts the articles the other filters leave, so each can be changed freely.
      const place = this.places.get(slot);
      const outlet = this.outlets.get(slot);
      // As YYYY-MM-DD: sources write 2024-7-4 09:18:46 as well as 2024-07-04.
      const date = normaliseDate(this.dates.get(slot));
      const placeOk = !query.place || place === query.place;
      const outletOk = !query.outlet || outlet === query.outlet;
      const dateOk =
        !(query.from || query.to) ||
        (Boolean(date) &&
          !(query.from && date < query.from) &&
          !(query.to && date.slice(0, query.to.length) > query.to));
      if (place && outletOk && dateOk) count(places, place);
      if (outlet && placeOk && dateOk) count(outlets, outlet);
      if (date && placeOk && outletOk) count(years, date.slice(0, 4));
      if (!placeOk || !outletOk || !dateOk) continue;
      matching.push(slot);
    }
    const by = query.sort ?? 'title';
    const key = (slot: number): string | number =>
      by === 'date'
        ? this.dates.get(slot)
        : by === 'chars'
          ? this.chars[slot]!
          : by === 'added'
            ? slot
            : this.titles.get(slot) || this.sources.get(slot);
    const direction = query.descending ? -1 : 1;
    matching.sort((a, b) => {
      const x = key(a);
      const y = key(b);
      return (x < y ? -1 : x > y ? 1 : a - b) * direction;
    });
    return {
      matching,
      userTotal,
      places: byCount(places),
      outlets: byCount(outlets),
      years: [...years]
        .sort((a, b) => (a[0] < b[0] ? 1 : -1))
        .map(([name, n]) => ({ name, count: n })),
    };
  }

  snapshot(): ArticleCatalogSnapshot {
    return {
      ids: this.ids.pack(),
      titles: this.titles.pack(),
      sources: this.sources.pack(),
      urls: this.urls.pack(),
      dates: this.dates.pack(),
      places: this.places.pack(),
      outlets: this.outlets.pack(),
      langs: Uint8Array.from(this.langs),
      origins: Uint8Array.from(this.origins),
      chars: Uint32Array.from(this.chars),
      passages: Uint32Array.from(this.passageCounts),
    };
  }

  static fromSnapshot(snapshot: ArticleCatalogSnapshot): ArticleCatalog {
    const catalog = new ArticleCatalog();
    catalog.ids = new StringColumn(snapshot.ids);
    catalog.slots = new SlotTable(catalog.ids);
    catalog.titles = new StringColumn(snapshot.titles);
    catalog.sources = new StringColumn(snapshot.sources);
    catalog.urls = new StringColumn(snapshot.urls);
    catalog.dates = new StringColumn(snapshot.dates);
    catalog.places = new StringColumn(snapshot.places);
    catalog.outlets = new StringColumn(snapshot.outlets);
    catalog.langs = Array.from(snapshot.langs);
    catalog.origins = Array.from(snapshot.origins);
    catalog.chars = Array.from(snapshot.chars);
    catalog.passageCounts = Array.from(snapshot.passages);
    for (const lang of snapshot.langs) if (lang !== 255) catalog.live++;
    return catalog;
  }
}
