import './zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// The Korean font ships with the app (served from app://), regular and bold; no system font assumed.
import '@fontsource/noto-sans-kr/400.css';
import '@fontsource/noto-sans-kr/700.css';
import './styles/app.css';
import { App } from './app/App';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
