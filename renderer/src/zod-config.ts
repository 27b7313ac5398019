// Imported first by main.tsx. The CSP has no 'unsafe-eval': zod must never try `new Function`
// (even a caught attempt is reported as a CSP violation), so its JIT is off in the page.
import { z } from 'zod';

z.config({ jitless: true });
