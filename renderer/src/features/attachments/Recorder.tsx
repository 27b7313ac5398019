/**
 * Records audio in the app: the microphone only (no camera), MediaRecorder chunks sent to the main
 * process as they come and stored encrypted there; the page writes nothing anywhere.
 */
import { useEffect, useRef, useState } from 'react';
import type { AttachmentInfo } from '@shared/ipc/contract';
import { useI18n } from '../../i18n';
import { errorText, request } from '../../app/api';
import { useAnnouncer } from '../../app/announcer';
import { FormError } from '../../components/fields';

const TIMESLICE_MS = 1000;
const PREFERRED_TYPES = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/webm'];

interface Recording {
  recorder: MediaRecorder;
  stream: MediaStream;
  uploadId: string;
  queue: Promise<boolean>;
  startedAt: number;
}

export function Recorder({ testimonyId, onAdded }: { testimonyId: string; onAdded(attachment: AttachmentInfo): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { announce } = useAnnouncer();
  const [state, setState] = useState<'idle' | 'starting' | 'recording' | 'finishing'>('idle');
  const [seconds, setSeconds] = useState(0);
  const [error, setError] = useState('');
  const current = useRef<Recording | undefined>(undefined);

  useEffect(() => {
    if (state !== 'recording') return;
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - (current.current?.startedAt ?? Date.now())) / 1000)), 250);
    return () => clearInterval(timer);
  }, [state]);

  // Leaving the screen (or a lock) ends the recording; the handlers drop the unfinished upload.
  useEffect(
    () => () => {
      const recording = current.current;
      if (!recording) return;
      recording.recorder.ondataavailable = null;
      if (recording.recorder.state !== 'inactive') recording.recorder.stop();
      recording.stream.getTracks().forEach((track) => track.stop());
      void request('attachment:upload-cancel', { uploadId: recording.uploadId });
    },
    [],
  );

  async function start() {
    setError('');
    setState('starting');
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
    } catch {
      setState('idle');
      return setError(t('record.error.microphone'));
    }
    const mediaType = PREFERRED_TYPES.find((type) => MediaRecorder.isTypeSupported(type)) ?? '';
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const begin = await request('attachment:upload-begin', {
      testimonyId,
      fileName: `recording-${stamp}.${mediaType.includes('ogg') ? 'ogg' : 'webm'}`,
      ...(mediaType ? { mediaType } : {}),
    });
    if (!begin.ok) {
      stream.getTracks().forEach((track) => track.stop());
      setState('idle');
      return setError(errorText(i18n, begin.error));
    }
    const recorder = new MediaRecorder(stream, mediaType ? { mimeType: mediaType } : undefined);
    const recording: Recording = { recorder, stream, uploadId: begin.value.uploadId, queue: Promise.resolve(true), startedAt: Date.now() };
    recorder.ondataavailable = (event) => {
      if (event.data.size === 0) return;
      const blob = event.data;
      // In order, one at a time: the vault gets the bytes in the order they were recorded.
      recording.queue = recording.queue.then(async (fine) => {
        if (!fine) return false;
        const bytes = new Uint8Array(await blob.arrayBuffer());
        for (let offset = 0; offset < bytes.byteLength; offset += 512 * 1024) {
          const sent = await request('attachment:upload-chunk', { uploadId: recording.uploadId, bytes: bytes.subarray(offset, offset + 512 * 1024) });
          if (!sent.ok) {
            setError(errorText(i18n, sent.error));
            return false;
          }
        }
        return true;
      });
    };
    current.current = recording;
    recorder.start(TIMESLICE_MS);
    setSeconds(0);
    setState('recording');
    announce(t('record.started'));
  }

  async function stop() {
    const recording = current.current;
    if (!recording) return;
    setState('finishing');
    const stopped = new Promise<void>((resolve) => recording.recorder.addEventListener('stop', () => resolve(), { once: true }));
    recording.recorder.stop();
    await stopped;
    recording.stream.getTracks().forEach((track) => track.stop());
    const fine = await recording.queue;
    current.current = undefined;
    if (!fine) {
      await request('attachment:upload-cancel', { uploadId: recording.uploadId });
      setState('idle');
      return;
    }
    const finished = await request('attachment:upload-finish', { uploadId: recording.uploadId });
    setState('idle');
    if (!finished.ok) return setError(errorText(i18n, finished.error));
    announce(t('record.saved'));
    onAdded(finished.value.attachment);
  }

  const clock = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  return (
    <div className="recorder" role="group" aria-label={t('record.label')}>
      {state === 'recording' || state === 'finishing' ? (
        <>
          <span className="recording-dot" aria-hidden="true" />
          <span className="recording-time">{t('record.time', { time: clock })}</span>
          <button type="button" className="primary" onClick={() => void stop()} disabled={state === 'finishing'}>
            {state === 'finishing' ? t('record.finishing') : t('record.stop')}
          </button>
        </>
      ) : (
        <button type="button" onClick={() => void start()} disabled={state === 'starting'}>
          {t('record.start')}
        </button>
      )}
      <FormError>{error}</FormError>
    </div>
  );
}
