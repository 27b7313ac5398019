/**
 * Progress of an export, verify or import, from the progress events the handlers send (fixed words
 * and byte counts only). Each operation gets a fresh id, so that events of another run are ignored.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProgressEvent } from '@shared/ipc/events';
import { useI18n } from '../../i18n';

function newOperationId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

export interface OperationProgress {
  done: number;
  total: number | undefined;
  phase: string | undefined;
}

/** Starts an operation id and follows its events until the next start or unmount. */
export function useOperationProgress(operation: 'export' | 'verify' | 'import') {
  const [progress, setProgress] = useState<OperationProgress | undefined>(undefined);
  const current = useRef<string | undefined>(undefined);

  useEffect(() => {
    const api = (window as Partial<Window>).tw;
    const stop = api?.onProgress((event: ProgressEvent) => {
      if (event.operation !== operation || event.id !== current.current) return;
      setProgress({ done: event.done, total: event.total, phase: event.phase });
    });
    return () => {
      stop?.();
      current.current = undefined;
    };
  }, [operation]);

  const start = useCallback(() => {
    const id = newOperationId();
    current.current = id;
    setProgress({ done: 0, total: undefined, phase: undefined });
    return id;
  }, []);
  const stop = useCallback(() => {
    current.current = undefined;
    setProgress(undefined);
  }, []);
  return { progress, start, stop };
}

/** A named progress bar (role progressbar) with the bytes in words beside it. */
export function ProgressBar({ label, progress }: { label: string; progress: OperationProgress }) {
  const { t, tMaybe, formatBytes } = useI18n();
  const known = progress.total !== undefined && progress.total > 0;
  const phase = progress.phase ? (tMaybe(`progress.phase.${progress.phase}`) ?? progress.phase) : t('progress.phase.starting');
  const words = known
    ? t('progress.bytes', { done: formatBytes(progress.done), total: formatBytes(progress.total!) })
    : t('progress.bytes.unknown', { done: formatBytes(progress.done) });
  return (
    <div className="operation-progress">
      <progress aria-label={label} value={known ? progress.done : undefined} max={known ? progress.total : undefined} aria-valuetext={`${phase}: ${words}`} />
      <span aria-hidden="true">
        {phase} · {words}
      </span>
    </div>
  );
}
