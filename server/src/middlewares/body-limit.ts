// Refuses request bodies over the configured size before anything reads them.
import { bodyLimit } from 'hono/body-limit';
import { problemResponse } from '../problem.js';

export const limitBody = (maxBytes: number) =>
  bodyLimit({
    maxSize: maxBytes,
    onError: () => problemResponse(413, 'Payload Too Large', `A request body may be at most ${maxBytes / 1024} KB.`),
  });
