import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

// Through the CSSOM, which the CSP allows; there is no stylesheet yet.
document.body.style.margin = '0';

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
