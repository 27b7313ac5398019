import { z } from 'zod';
import { noRequest, type ChannelSpec } from './common';

export const appChannels = {
  'app:info': {
    request: noRequest,
    response: z.strictObject({ version: z.string(), platform: z.string() }),
  },
} as const satisfies Record<string, ChannelSpec>;
