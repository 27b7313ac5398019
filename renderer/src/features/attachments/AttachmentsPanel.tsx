/** A testimony's attachments: list, add (file dialog or file input), record, view or play, verify. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AttachmentInfo } from '@shared/ipc/contract';
import { useI18n } from '../../i18n';
import { call, errorText, request } from '../../app/api';
import { createObjectUrl, revokeObjectUrl } from '../../app/object-urls';
import { useAnnouncer } from '../../app/announcer';
import { FormError } from '../../components/fields';
import { PREVIEW_LIMIT_BYTES, readAttachment, uploadFile } from './transfer';
import { Recorder } from './Recorder';

/** Remembered once the main process says it has no file dialog (the browser test harness). */
let dialogUnavailable = false;

interface Upload {
  name: string;
  size: number;
  sent: number;
}

interface Preview {
  attachment: AttachmentInfo;
  url?: string;
  text?: string;
}

export function AttachmentsPanel({ testimonyId, mayAdd }: { testimonyId: string; mayAdd: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { announce } = useAnnouncer();
  const [attachments, setAttachments] = useState<AttachmentInfo[] | undefined>(undefined);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [error, setError] = useState('');
  const [preview, setPreview] = useState<Preview | undefined>(undefined);
  const [verified, setVerified] = useState<Record<string, string>>({});
  const fileInput = useRef<HTMLInputElement>(null);
  const cancelled = useRef(false);

  const reload = useCallback(async () => {
    const result = await request('attachment:list', { testimonyId });
    if (result.ok) setAttachments(result.value.attachments);
    else setError(errorText(i18n, result.error));
  }, [testimonyId, i18n]);

  useEffect(() => {
    void reload();
    cancelled.current = false;
    return () => {
      cancelled.current = true;
    };
  }, [reload]);

  useEffect(() => () => {
    if (preview?.url) revokeObjectUrl(preview.url);
  }, [preview]);

  async function addFiles() {
    setError('');
    if (!dialogUnavailable) {
      const result = await call('attachment:add-from-dialog', { testimonyId });
      if (result.ok) {
        if (result.value.attachments.length > 0) announce(t('attachments.added', { count: result.value.attachments.length }));
        return reload();
      }
      if (result.error.code !== 'not-available') return setError(errorText(i18n, result.error));
      dialogUnavailable = true;
    }
    fileInput.current?.click();
  }

  async function uploadChosen(files: FileList | null) {
    if (!files || files.length === 0) return;
    const chosen = [...files];
    if (fileInput.current) fileInput.current.value = '';
    for (const file of chosen) {
      setUploads((list) => [...list, { name: file.name, size: file.size, sent: 0 }]);
      const result = await uploadFile(
        testimonyId,
        file,
        (sent) => setUploads((list) => list.map((each) => (each.name === file.name ? { ...each, sent } : each))),
        () => cancelled.current,
      );
      setUploads((list) => list.filter((each) => each.name !== file.name));
      if (!result.ok) {
        setError(i18n.tMaybe(`error.${result.code}`) ?? result.message);
        break;
      }
      announce(t('attachments.added', { count: 1 }));
    }
    await reload();
  }

  async function open(attachment: AttachmentInfo) {
    setError('');
    if (attachment.size > PREVIEW_LIMIT_BYTES) return setError(t('attachments.too-big', { size: i18n.formatBytes(PREVIEW_LIMIT_BYTES) }));
    const result = await readAttachment(attachment.id, attachment.mediaType);
    if (!result.ok) return setError(i18n.tMaybe(`error.${result.code}`) ?? result.message);
    if (attachment.mediaType.startsWith('text/')) return setPreview({ attachment, text: await result.value.text() });
    setPreview({ attachment, url: createObjectUrl(result.value) });
  }

  async function verify(attachment: AttachmentInfo) {
    const result = await request('attachment:verify', { attachmentId: attachment.id });
    const text = result.ok ? t('attachments.intact') : errorText(i18n, result.error);
    setVerified((all) => ({ ...all, [attachment.id]: text }));
    announce(text);
  }

  const kind = (mediaType: string) => mediaType.split('/')[0];

  return (
    <section aria-labelledby="attachments-heading" className="attachments">
      <h2 id="attachments-heading">{t('attachments.title')}</h2>
      {mayAdd && (
        <div className="attachment-actions">
          <button type="button" onClick={() => void addFiles()}>
            {t('attachments.add')}
          </button>
          <input ref={fileInput} type="file" multiple hidden aria-hidden="true" tabIndex={-1} onChange={(event) => void uploadChosen(event.target.files)} />
          <Recorder testimonyId={testimonyId} onAdded={() => void reload()} />
        </div>
      )}
      {uploads.map((upload) => (
        <div key={upload.name} className="upload">
          <span>{upload.name}</span>
          <progress max={upload.size || 1} value={upload.sent} aria-label={t('attachments.uploading', { name: upload.name })} />
        </div>
      ))}
      <FormError>{error}</FormError>
      {attachments === undefined ? (
        <p>{t('app.loading')}</p>
      ) : attachments.length === 0 ? (
        <p className="empty">{t('attachments.none')}</p>
      ) : (
        <table className="table">
          <caption className="sr-only">{t('attachments.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('attachments.name')}</th>
              <th scope="col">{t('attachments.type')}</th>
              <th scope="col">{t('attachments.size')}</th>
              <th scope="col">{t('attachments.added-at')}</th>
              <th scope="col">{t('attachments.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {attachments.map((attachment) => (
              <tr key={attachment.id}>
                <td>{attachment.fileName}</td>
                <td>{attachment.mediaType}</td>
                <td>{i18n.formatBytes(attachment.size)}</td>
                <td>{i18n.formatDateTime(attachment.createdAt)}</td>
                <td className="row-actions">
                  <button type="button" className="small" onClick={() => void open(attachment)} aria-label={t('attachments.open.named', { name: attachment.fileName })}>
                    {kind(attachment.mediaType) === 'audio' || kind(attachment.mediaType) === 'video' ? t('attachments.play') : t('attachments.view')}
                  </button>
                  <button type="button" className="small" onClick={() => void verify(attachment)} aria-label={t('attachments.verify.named', { name: attachment.fileName })}>
                    {t('attachments.verify')}
                  </button>
                  {verified[attachment.id] && <span className="muted">{verified[attachment.id]}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {preview && (
        <div className="preview" role="region" aria-label={t('attachments.preview', { name: preview.attachment.fileName })}>
          <h3>{preview.attachment.fileName}</h3>
          {preview.text !== undefined && <pre className="text-preview">{preview.text}</pre>}
          {preview.url && kind(preview.attachment.mediaType) === 'audio' && <audio controls src={preview.url} aria-label={preview.attachment.fileName} />}
          {preview.url && kind(preview.attachment.mediaType) === 'video' && <video controls src={preview.url} aria-label={preview.attachment.fileName} />}
          {preview.url && kind(preview.attachment.mediaType) === 'image' && <img src={preview.url} alt={preview.attachment.fileName} />}
          {preview.url && !['audio', 'video', 'image'].includes(kind(preview.attachment.mediaType) ?? '') && <p>{t('attachments.no-preview')}</p>}
          <button type="button" onClick={() => setPreview(undefined)}>
            {t('attachments.close')}
          </button>
        </div>
      )}
    </section>
  );
}
