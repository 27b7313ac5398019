import { useEffect, useState, type CSSProperties } from 'react';
import type { IpcResponse } from '@shared/ipc/contract';

type AppInfo = IpcResponse<'app:info'>;

type InfoState =
  | { kind: 'loading' }
  | { kind: 'ready'; info: AppInfo }
  | { kind: 'unavailable'; reason: string };

/** Placeholder screen until the real UI arrives: proves the window, the preload and IPC work. */
export function App() {
  const [state, setState] = useState<InfoState>({ kind: 'loading' });

  useEffect(() => {
    let cancelled = false;
    // window.tw is missing when the page is opened outside the app (e.g. in a plain browser).
    const api = (window as Partial<Window>).tw;
    if (!api) {
      setState({ kind: 'unavailable', reason: 'no preload' });
      return;
    }
    void api.app.info().then((result) => {
      if (cancelled) return;
      setState(result.ok ? { kind: 'ready', info: result.value } : { kind: 'unavailable', reason: result.error.code });
    });
    return () => {
      cancelled = true;
    };
  }, []);

  return (
    <main style={styles.main}>
      <h1 style={styles.title}>
        <span lang="ko">증언 워크스테이션</span>
        <span lang="en" style={styles.subtitle}>
          Testimony Workstation
        </span>
      </h1>
      <p style={styles.status} aria-live="polite">
        {state.kind === 'loading' && '…'}
        {state.kind === 'ready' && `v${state.info.version} · ${state.info.platform}`}
        {state.kind === 'unavailable' && `(${state.reason})`}
      </p>
    </main>
  );
}

// Style objects are applied through the CSSOM, which the strict CSP (style-src 'self') allows.
const styles = {
  main: {
    minHeight: '100vh',
    margin: 0,
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    fontFamily: "system-ui, 'Noto Sans KR', 'Apple SD Gothic Neo', 'Malgun Gothic', sans-serif",
    color: '#1d2433',
    background: '#f6f5f1',
  },
  title: { display: 'flex', flexDirection: 'column', alignItems: 'center', gap: '0.4rem', margin: 0, fontSize: '2.4rem' },
  subtitle: { fontSize: '1.2rem', fontWeight: 400, color: '#4a5368' },
  status: { marginTop: '1.5rem', fontSize: '0.9rem', color: '#6b7385' },
} satisfies Record<string, CSSProperties>;
