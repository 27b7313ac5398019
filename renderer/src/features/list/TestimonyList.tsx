/**
 * Testimonies: full-text search, facets (violation type, province, year) and status, over a
 * virtualised list that pages through the results as they scroll into view.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SearchFilters, SearchResult, SessionUser } from '@shared/ipc/contract';
import { VIOLATION_TERMS } from '@shared/testimony/vocabulary';
import { rolesAllow } from '@shared/roles';
import { useI18n } from '../../i18n';
import { errorText, request } from '../../app/api';
import { placeName, provinceOptions, term } from '../../app/labels';
import { useAnnouncer } from '../../app/announcer';
import type { Navigate } from '../../app/Workspace';
import { FormError, ScreenHeading, SelectField, TextField } from '../../components/fields';
import { VirtualList } from '../../components/VirtualList';

const PAGE_SIZE = 200;
const ROW_HEIGHT = 52;
const SEARCH_DELAY_MS = 250;

type Hit = SearchResult['hits'][number];
type Meta = Omit<SearchResult, 'hits'>;

export function TestimonyList({ user, navigate }: { user: SessionUser; navigate: Navigate }) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const { announce } = useAnnouncer();
  const [query, setQuery] = useState('');
  const [appliedQuery, setAppliedQuery] = useState('');
  const [filters, setFilters] = useState<SearchFilters>({});
  const [meta, setMeta] = useState<Meta | undefined>(undefined);
  const [error, setError] = useState('');
  const pages = useRef(new Map<number, Hit[]>());
  const loading = useRef(new Set<number>());
  const generation = useRef(0);
  const [, setLoadedPages] = useState(0);
  const firstPaint = useRef(false);

  useEffect(() => {
    const timer = setTimeout(() => setAppliedQuery(query.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const loadPage = useCallback(
    async (page: number, withFacets: boolean) => {
      if (pages.current.has(page) || loading.current.has(page)) return;
      const asked = generation.current;
      loading.current.add(page);
      const result = await request('search:query', { query: appliedQuery, filters, offset: page * PAGE_SIZE, limit: PAGE_SIZE, facets: withFacets });
      if (asked !== generation.current) return; // the search changed meanwhile
      loading.current.delete(page);
      if (!result.ok) return setError(errorText(i18n, result.error));
      setError('');
      pages.current.set(page, result.value.hits);
      if (withFacets) {
        const { hits: _hits, ...rest } = result.value;
        setMeta(rest);
        announce(t('list.count', { count: rest.total }));
      }
      setLoadedPages((count) => count + 1);
    },
    [appliedQuery, filters, i18n, announce, t],
  );

  useEffect(() => {
    generation.current += 1;
    pages.current = new Map();
    loading.current = new Set();
    setMeta(undefined);
    void loadPage(0, true);
  }, [loadPage]);

  useEffect(() => {
    if (!firstPaint.current && meta && pages.current.has(0)) {
      firstPaint.current = true;
      // Read by `npm run bench` (bench/ui.ts): time from navigation start to the first rows painted.
      requestAnimationFrame(() => performance.mark('tw:list-first-rows'));
    }
  });

  const onRangeChange = useCallback(
    (start: number, end: number) => {
      for (let page = Math.floor(start / PAGE_SIZE); page <= Math.floor(Math.max(end - 1, 0) / PAGE_SIZE); page += 1) void loadPage(page, false);
    },
    [loadPage],
  );

  const setFilter = (key: keyof SearchFilters, value: string) => {
    setFilters((current) => {
      const next = { ...current } as Record<string, unknown>;
      if (value === '') delete next[key];
      else next[key] = key === 'year' ? Number(value) : value;
      return next as SearchFilters;
    });
  };

  const facetOptions = useMemo(() => {
    const counted = (values: Array<{ value: string; count: number }> | undefined, label: (value: string) => string) =>
      (values ?? []).map((facet) => ({ value: facet.value, label: `${label(facet.value)} (${i18n.formatNumber(facet.count)})` }));
    if (meta?.facetsComputed) {
      return {
        violation: counted(meta.facets.violation, (code) => term('violation', code, locale)),
        province: counted(meta.facets.province, (id) => placeName(id, locale)),
        year: counted([...meta.facets.year].sort((a, b) => Number(a.value) - Number(b.value)), (year) => year),
      };
    }
    return {
      violation: VIOLATION_TERMS.map((each) => ({ value: each.code, label: each[locale] })),
      province: provinceOptions(locale),
      year: [] as Array<{ value: string; label: string }>,
    };
  }, [meta, locale, i18n]);

  // A chosen filter stays choosable even when the counts no longer list it.
  const withCurrent = (options: Array<{ value: string; label: string }>, current: string | number | undefined, label: (value: string) => string) =>
    current === undefined || options.some((option) => option.value === String(current)) ? options : [{ value: String(current), label: label(String(current)) }, ...options];

  const total = meta?.total ?? 0;

  const renderRow = (index: number) => {
    const hit = pages.current.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
    if (!hit) return <span className="row-placeholder">{t('list.loading-row')}</span>;
    return (
      <button type="button" className="list-row" onClick={() => navigate({ name: 'testimony', id: hit.id })}>
        <span className="list-title">{hit.title}</span>
        <span className={`status status-${hit.status}`}>{t(`status.${hit.status}`)}</span>
      </button>
    );
  };

  return (
    <section className="list-screen" aria-labelledby="list-title">
      <div className="screen-head">
        <ScreenHeading id="list-title">{t('list.title')}</ScreenHeading>
        {rolesAllow(user.roles, 'testimony.write') && (
          <button type="button" className="primary" onClick={() => navigate({ name: 'testimony' })}>
            {t('nav.new')}
          </button>
        )}
      </div>
      <div className="list-layout">
        <div role="search" className="filters" aria-label={t('list.filters')}>
          <TextField type="search" label={t('list.search')} hint={t('list.search.hint')} value={query} onChange={setQuery} maxLength={500} />
          <SelectField
            label={t('list.filter.status')}
            value={filters.status ?? ''}
            emptyLabel={t('list.filter.any')}
            options={(['draft', 'in-review', 'approved'] as const).map((status) => ({ value: status, label: t(`status.${status}`) }))}
            onChange={(value) => setFilter('status', value)}
          />
          <SelectField
            label={t('list.filter.violation')}
            value={filters.violation ?? ''}
            emptyLabel={t('list.filter.any')}
            options={withCurrent(facetOptions.violation, filters.violation, (code) => term('violation', code, locale))}
            onChange={(value) => setFilter('violation', value)}
          />
          <SelectField
            label={t('list.filter.province')}
            value={filters.province ?? ''}
            emptyLabel={t('list.filter.any')}
            options={withCurrent(facetOptions.province, filters.province, (id) => placeName(id, locale))}
            onChange={(value) => setFilter('province', value)}
          />
          {facetOptions.year.length > 0 || filters.year !== undefined ? (
            <SelectField
              label={t('list.filter.year')}
              value={filters.year === undefined ? '' : String(filters.year)}
              emptyLabel={t('list.filter.any')}
              options={withCurrent(facetOptions.year, filters.year, (year) => year)}
              onChange={(value) => setFilter('year', value)}
            />
          ) : (
            <YearField onYear={(year) => setFilter('year', year)} />
          )}
          {meta && !meta.facetsComputed && total > 0 && <p className="field-hint">{t('list.facets.too-many')}</p>}
          {Object.keys(filters).length > 0 && (
            <button type="button" onClick={() => setFilters({})}>
              {t('list.filter.clear')}
            </button>
          )}
        </div>
        <div className="results">
          <p className="result-count">
            {meta === undefined
              ? t('list.searching')
              : meta.totalIsLowerBound
                ? t('list.count.at-least', { count: total })
                : t('list.count', { count: total })}
          </p>
          <FormError>{error}</FormError>
          {meta && total === 0 ? (
            <p className="empty">{appliedQuery || Object.keys(filters).length > 0 ? t('list.empty.search') : t('list.empty')}</p>
          ) : (
            <VirtualList count={total} rowHeight={ROW_HEIGHT} label={t('list.results')} renderRow={renderRow} onRangeChange={onRangeChange} />
          )}
        </div>
      </div>
    </section>
  );
}

function YearField({ onYear }: { onYear(year: string): void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const valid = /^\d{4}$/.test(text.trim());
  return (
    <TextField
      label={t('list.filter.year')}
      hint={t('list.filter.year.hint')}
      value={text}
      inputMode="numeric"
      maxLength={4}
      error={text && !valid ? t('list.filter.year.invalid') : undefined}
      onChange={(value) => {
        setText(value);
        if (/^\d{4}$/.test(value.trim())) onYear(value.trim());
        else if (value.trim() === '') onYear('');
      }}
    />
  );
}
