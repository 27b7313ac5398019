/**
 * Figures over the whole vault: testimonies and violations by year, by type, and a map of North
 * Korea's provinces shaded by count. Each chart has a table beside it for screen readers and for
 * anyone who prefers numbers.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { Dashboard as Figures } from '@shared/ipc/contract';
import { getPlace, isNkPlace } from '@shared/gazetteer';
import { useI18n } from '../../i18n';
import { errorText, request } from '../../app/api';
import { placeName, term } from '../../app/labels';
import { FormError, ScreenHeading } from '../../components/fields';
import { MAP_HEIGHT, MAP_WIDTH, PROVINCE_SHAPES } from './nk-provinces';

const SHADES = 5;

/** Which of the shades a count gets (0 = none). */
export function shadeOf(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.max(1, Math.ceil((count / max) * SHADES));
}

/** The legend: each shade in use with the largest count it stands for, without repeats. */
export function legendSteps(max: number): Array<{ shade: number; label: number }> {
  const steps = [{ shade: 0, label: 0 }];
  for (let count = 1; count <= max; count += 1) {
    const shade = shadeOf(count, max);
    const last = steps.at(-1)!;
    if (last.shade === shade) last.label = count;
    else steps.push({ shade, label: count });
    if (count > 10_000) break; // plenty: the shades are five
  }
  return steps;
}

export function Dashboard() {
  const i18n = useI18n();
  const { t } = i18n;
  const [figures, setFigures] = useState<Figures | undefined>(undefined);
  const [error, setError] = useState('');

  useEffect(() => {
    void request('stats:dashboard').then((result) => (result.ok ? setFigures(result.value) : setError(errorText(i18n, result.error))));
  }, [i18n]);

  return (
    <section aria-labelledby="dashboard-title" className="dashboard">
      <ScreenHeading id="dashboard-title">{t('dashboard.title')}</ScreenHeading>
      <FormError>{error}</FormError>
      {figures && (
        <>
          <dl className="cards">
            <div>
              <dt>{t('dashboard.testimonies')}</dt>
              <dd>{i18n.formatNumber(figures.testimonies)}</dd>
            </div>
            {(['draft', 'in-review', 'approved'] as const).map((status) => (
              <div key={status}>
                <dt>{t(`status.${status}`)}</dt>
                <dd>{i18n.formatNumber(figures.byStatus[status])}</dd>
              </div>
            ))}
          </dl>
          <div className="charts">
            <ByYear rows={figures.byYear} />
            <ByType rows={figures.byViolation} />
            <ProvinceMap rows={figures.byProvince} />
          </div>
        </>
      )}
    </section>
  );
}

function Chart({ id, title, summary, chart, table }: { id: string; title: string; summary: string; chart: ReactNode; table: ReactNode }) {
  const { t } = useI18n();
  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>
        <h2>{title}</h2>
      </figcaption>
      <div role="img" aria-label={summary}>
        {chart}
      </div>
      <details>
        <summary>{t('dashboard.as-table')}</summary>
        {table}
      </details>
    </figure>
  );
}

function ByYear({ rows }: { rows: Figures['byYear'] }) {
  const i18n = useI18n();
  const { t } = i18n;
  const max = Math.max(1, ...rows.map((row) => Math.max(row.testimonies, row.violations)));
  const barWidth = 10;
  const groupWidth = barWidth * 2 + 8;
  const height = 160;
  const width = Math.max(240, rows.length * groupWidth + 40);
  const labelEvery = Math.max(1, Math.ceil(rows.length / 12));
  return (
    <Chart
      id="by-year"
      title={t('dashboard.by-year')}
      summary={rows.length === 0 ? t('dashboard.no-data') : t('dashboard.by-year.summary', { from: rows[0]!.year, to: rows.at(-1)!.year })}
      chart={
        <svg viewBox={`0 0 ${width} ${height + 40}`} className="bar-chart" aria-hidden="true" focusable="false">
          {rows.map((row, index) => {
            const x = 30 + index * groupWidth;
            const th = (row.testimonies / max) * height;
            const vh = (row.violations / max) * height;
            return (
              <g key={row.year}>
                <rect className="bar-testimonies" x={x} y={height - th + 10} width={barWidth} height={th} />
                <rect className="bar-violations" x={x + barWidth} y={height - vh + 10} width={barWidth} height={vh} />
                {index % labelEvery === 0 && (
                  <text x={x + barWidth} y={height + 28} className="axis-label" textAnchor="middle">
                    {row.year}
                  </text>
                )}
              </g>
            );
          })}
          <line x1={26} y1={height + 10} x2={width} y2={height + 10} className="axis" />
          <text x={2} y={18} className="axis-label">
            {i18n.formatNumber(max)}
          </text>
        </svg>
      }
      table={
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('dashboard.year')}</th>
              <th scope="col">{t('dashboard.testimonies')}</th>
              <th scope="col">{t('dashboard.violations')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.year}>
                <th scope="row">{row.year}</th>
                <td>{i18n.formatNumber(row.testimonies)}</td>
                <td>{i18n.formatNumber(row.violations)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

function ByType({ rows }: { rows: Figures['byViolation'] }) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const top = rows.slice(0, 12);
  const max = Math.max(1, ...top.map((row) => row.testimonies));
  const rowHeight = 22;
  return (
    <Chart
      id="by-type"
      title={t('dashboard.by-type')}
      summary={top[0] ? t('dashboard.by-type.summary', { type: term('violation', top[0].code, locale), count: top[0].testimonies }) : t('dashboard.no-data')}
      chart={
        <svg viewBox={`0 0 420 ${Math.max(1, top.length) * rowHeight + 4}`} className="bar-chart" aria-hidden="true" focusable="false">
          {top.map((row, index) => (
            <g key={row.code} transform={`translate(0 ${index * rowHeight})`}>
              <text x={0} y={15} className="axis-label">
                {truncate(term('violation', row.code, locale), 18)}
              </text>
              <rect className="bar-testimonies" x={170} y={4} height={14} width={(row.testimonies / max) * 210} />
              <text x={175 + (row.testimonies / max) * 210} y={15} className="axis-label">
                {i18n.formatNumber(row.testimonies)}
              </text>
            </g>
          ))}
        </svg>
      }
      table={
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('dashboard.type')}</th>
              <th scope="col">{t('dashboard.testimonies')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.code}>
                <th scope="row">{term('violation', row.code, locale)}</th>
                <td>{i18n.formatNumber(row.testimonies)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

function truncate(text: string, length: number): string {
  return [...text].length > length ? `${[...text].slice(0, length - 1).join('')}…` : text;
}

function ProvinceMap({ rows }: { rows: Figures['byProvince'] }) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const counts = new Map(rows.map((row) => [row.province, row.testimonies]));
  const northKorean = rows.filter((row) => {
    const place = getPlace(row.province);
    return place !== undefined && isNkPlace(place);
  });
  const abroad = rows.filter((row) => !northKorean.includes(row));
  const max = Math.max(0, ...northKorean.map((row) => row.testimonies));
  const top = [...northKorean].sort((a, b) => b.testimonies - a.testimonies)[0];
  return (
    <Chart
      id="by-province"
      title={t('dashboard.by-province')}
      summary={top ? t('dashboard.by-province.summary', { province: placeName(top.province, locale), count: top.testimonies }) : t('dashboard.no-data')}
      chart={
        <div className="map-wrap">
          <svg viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`} className="province-map" aria-hidden="true" focusable="false">
            {PROVINCE_SHAPES.map((shape) => (
              <path key={shape.id} d={shape.path} className={`province shade-${shadeOf(counts.get(shape.id) ?? 0, max)}`}>
                <title>{`${placeName(shape.id, locale)}: ${i18n.formatNumber(counts.get(shape.id) ?? 0)}`}</title>
              </path>
            ))}
            {PROVINCE_SHAPES.filter((shape) => !['nk-pyongyang', 'nk-nampo', 'nk-rason'].includes(shape.id)).map((shape) => (
              <text key={shape.id} x={shape.labelAt[0]} y={shape.labelAt[1]} className="map-label" textAnchor="middle">
                {i18n.formatNumber(counts.get(shape.id) ?? 0)}
              </text>
            ))}
          </svg>
          <ol className="legend" aria-hidden="true">
            {legendSteps(max).map((step) => (
              <li key={step.shade}>
                <span className={`swatch shade-${step.shade}`} />
                {step.label === 0 ? '0' : `≤ ${i18n.formatNumber(step.label)}`}
              </li>
            ))}
          </ol>
        </div>
      }
      table={
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('dashboard.province')}</th>
              <th scope="col">{t('dashboard.testimonies')}</th>
            </tr>
          </thead>
          <tbody>
            {PROVINCE_SHAPES.map((shape) => (
              <tr key={shape.id}>
                <th scope="row">{placeName(shape.id, locale)}</th>
                <td>{i18n.formatNumber(counts.get(shape.id) ?? 0)}</td>
              </tr>
            ))}
            {abroad.map((row) => (
              <tr key={row.province}>
                <th scope="row">{placeName(row.province, locale)}</th>
                <td>{i18n.formatNumber(row.testimonies)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
