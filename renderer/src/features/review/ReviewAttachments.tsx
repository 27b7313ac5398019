/**
 * Attachments in a release: what happens to each (an image is re-encoded without metadata, audio
 * and video go out as recorded only when included, other files stay out), the include choice with
 * the warning that voices identify, and for JPEG and PNG the rectangles to black out, entered in
 * pixels of the image as displayed and drawn over the image (loaded on request, never by itself).
 */
import { useCallback, useEffect, useId, useState } from 'react';
import type { IpcResponse } from '@shared/ipc/contract';
import { useI18n } from '../../i18n';
import { errorText, request } from '../../app/api';
import { useAnnouncer } from '../../app/announcer';
import { createObjectUrl, revokeObjectUrl } from '../../app/object-urls';
import { FormError } from '../../components/fields';
import { readAttachment } from '../attachments/transfer';

type ReviewAttachment = IpcResponse<'review:attachments'>['attachments'][number];

export function ReviewAttachments({ testimonyId, disabled, changes, onChanged }: { testimonyId: string; disabled: boolean; changes: number; onChanged(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { announce } = useAnnouncer();
  const [attachments, setAttachments] = useState<ReviewAttachment[] | undefined>(undefined);
  const [error, setError] = useState('');

  const reload = useCallback(async () => {
    const result = await request('review:attachments', { testimonyId });
    if (result.ok) setAttachments(result.value.attachments);
    else setError(errorText(i18n, result.error));
  }, [testimonyId, i18n]);

  useEffect(() => {
    void reload();
  }, [reload, changes]);

  async function include(attachment: ReviewAttachment, value: boolean) {
    setError('');
    const result = await request('review:include-attachment', { attachmentId: attachment.id, include: value });
    if (!result.ok) return setError(errorText(i18n, result.error));
    announce(t(value ? (result.value.voiceWarning ? 'review.attachments.included-voice' : 'review.attachments.included') : 'review.attachments.excluded', { name: attachment.fileName }));
    await reload();
    onChanged();
  }

  return (
    <section className="review-section" aria-labelledby="review-attachments-title">
      <h2 id="review-attachments-title">{t('review.attachments')}</h2>
      <FormError>{error}</FormError>
      {attachments !== undefined && attachments.length === 0 && <p className="empty">{t('review.attachments.none')}</p>}
      {attachments?.map((attachment) => (
        <div key={attachment.id} className="review-attachment" role="group" aria-label={attachment.fileName}>
          <p>
            <strong>{attachment.fileName}</strong> <span className="muted">{attachment.mediaType} · {i18n.formatBytes(attachment.size)}</span>
          </p>
          <p>{t(`review.attachments.plan.${attachment.plan}`)}{attachment.excluded ? ` (${t(`review.attachments.excluded.${attachment.excluded}`)})` : ''}</p>
          {attachment.voice && <p className={attachment.plan === 'as-recorded' ? 'warning' : 'notice'}>{t('review.attachments.voice')}</p>}
          {attachment.excluded !== 'image-format' && attachment.excluded !== 'not-released' && (
            <label className="checkbox">
              <input type="checkbox" checked={attachment.plan !== 'excluded'} disabled={disabled} onChange={(event) => void include(attachment, event.target.checked)} />
              <span>{t('review.attachments.include', { name: attachment.fileName })}</span>
            </label>
          )}
          {attachment.editable && attachment.plan === 'image' && <Regions attachment={attachment} disabled={disabled} onChanged={() => void reload().then(onChanged)} />}
        </div>
      ))}
    </section>
  );
}

function Regions({ attachment, disabled, onChanged }: { attachment: ReviewAttachment; disabled: boolean; onChanged(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [size, setSize] = useState<{ width: number; height: number } | undefined>(undefined);
  const [url, setUrl] = useState<string | undefined>(undefined);
  const id = useId();
  const [box, setBox] = useState({ x: '0', y: '0', width: '', height: '' });
  const [error, setError] = useState('');
  /** A rectangle being drawn with the pointer, in image pixels; it fills the fields above. */
  const [drag, setDrag] = useState<{ from: Point; to: Point } | undefined>(undefined);

  useEffect(() => {
    let live = true;
    void request('review:image-size', { attachmentId: attachment.id }).then((result) => {
      if (!live) return;
      if (result.ok) setSize(result.value);
      else setError(errorText(i18n, result.error));
    });
    return () => {
      live = false;
    };
  }, [attachment.id, i18n]);
  useEffect(() => () => {
    if (url) revokeObjectUrl(url);
  }, [url]);

  async function show() {
    const result = await readAttachment(attachment.id, attachment.mediaType);
    if (!result.ok) return setError(i18n.tMaybe(`error.${result.code}`) ?? result.message);
    setUrl(createObjectUrl(result.value));
  }

  async function add() {
    setError('');
    const numbers = { x: Number(box.x), y: Number(box.y), width: Number(box.width), height: Number(box.height) };
    if (!Object.values(numbers).every((n) => Number.isInteger(n) && n >= 0) || numbers.width < 1 || numbers.height < 1) {
      return setError(t('review.regions.invalid'));
    }
    const result = await request('review:add-region', { attachmentId: attachment.id, ...numbers });
    if (!result.ok) return setError(errorText(i18n, result.error));
    setBox({ x: '0', y: '0', width: '', height: '' });
    onChanged();
  }

  async function remove(regionId: string) {
    setError('');
    const result = await request('review:remove-region', { attachmentId: attachment.id, regionId });
    if (!result.ok) return setError(errorText(i18n, result.error));
    onChanged();
  }

  const field = (name: keyof typeof box) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{t(`review.regions.${name}`)}</label>
      <input id={`${id}-${name}`} type="text" inputMode="numeric" value={box[name]} disabled={disabled} onChange={(event) => setBox({ ...box, [name]: event.target.value.trim() })} />
    </div>
  );

  return (
    <div className="regions">
      <h3>{t('review.regions', { name: attachment.fileName })}</h3>
      {size && <p className="muted small-text">{t('review.regions.size', { width: size.width, height: size.height })}</p>}
      {attachment.regions.length === 0 ? (
        <p className="muted">{t('review.regions.none')}</p>
      ) : (
        <ul>
          {attachment.regions.map((region, index) => (
            <li key={region.regionId}>
              {t('review.regions.item', { n: index + 1, x: region.x, y: region.y, width: region.width, height: region.height })}{' '}
              <button type="button" className="small" disabled={disabled} onClick={() => void remove(region.regionId)} aria-label={t('review.regions.remove', { n: index + 1 })}>
                {t('review.regions.remove.short')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="region-form" role="group" aria-label={t('review.regions.add')}>
        {field('x')}
        {field('y')}
        {field('width')}
        {field('height')}
        <button type="button" disabled={disabled} onClick={() => void add()}>
          {t('review.regions.add')}
        </button>
      </div>
      <FormError>{error}</FormError>
      {!url ? (
        <button type="button" onClick={() => void show()}>
          {t('review.regions.show', { name: attachment.fileName })}
        </button>
      ) : (
        size && (
          <figure className="region-figure">
            <div
              className="region-canvas"
              onPointerDown={(event) => {
                if (disabled) return;
                event.currentTarget.setPointerCapture(event.pointerId);
                const at = pixelAt(event, size);
                setDrag({ from: at, to: at });
              }}
              onPointerMove={(event) => drag && setDrag({ ...drag, to: pixelAt(event, size) })}
              onPointerUp={(event) => {
                if (!drag) return;
                const box = boxOf(drag.from, pixelAt(event, size), size);
                setDrag(undefined);
                setBox({ x: String(box.x), y: String(box.y), width: String(box.width), height: String(box.height) });
              }}
            >
              <img src={url} alt={attachment.fileName} draggable={false} />
              <svg viewBox={`0 0 ${size.width} ${size.height}`} preserveAspectRatio="none" aria-hidden="true">
                {attachment.regions.map((region) => (
                  <rect key={region.regionId} x={region.x} y={region.y} width={region.width} height={region.height} className="region-rect" />
                ))}
                {drag && <rect {...boxOf(drag.from, drag.to, size)} className="region-drawing" />}
              </svg>
            </div>
            <figcaption className="muted small-text">{t('review.regions.caption')}</figcaption>
          </figure>
        )
      )}
    </div>
  );
}

interface Point {
  x: number;
  y: number;
}

/** The image pixel under the pointer (the image may be shown larger or smaller than it is). */
function pixelAt(event: { clientX: number; clientY: number; currentTarget: HTMLElement }, size: { width: number; height: number }): Point {
  const rect = event.currentTarget.getBoundingClientRect();
  const clamp = (value: number, max: number) => Math.min(max, Math.max(0, value));
  return {
    x: clamp(((event.clientX - rect.left) / rect.width) * size.width, size.width),
    y: clamp(((event.clientY - rect.top) / rect.height) * size.height, size.height),
  };
}

/** Whole pixels covering the dragged rectangle, at least one each way, inside the image. */
function boxOf(from: Point, to: Point, size: { width: number; height: number }): { x: number; y: number; width: number; height: number } {
  const x = Math.min(Math.floor(Math.min(from.x, to.x)), size.width - 1);
  const y = Math.min(Math.floor(Math.min(from.y, to.y)), size.height - 1);
  const right = Math.max(x + 1, Math.min(size.width, Math.ceil(Math.max(from.x, to.x))));
  const bottom = Math.max(y + 1, Math.min(size.height, Math.ceil(Math.max(from.y, to.y))));
  return { x, y, width: right - x, height: bottom - y };
}
