/// <reference types="vite/client" />
import type { TwApi } from '@shared/ipc/contract';

declare global {
  interface Window {
    /** Exposed by the preload (electron/preload/index.ts); absent when the page runs outside the app. */
    readonly tw: TwApi;
  }
}

export {};
