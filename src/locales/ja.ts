// ja catalogue. Keys are the explicit ids passed to msg(); ${0} marks the first value in str templates.
import { str } from '@lit/localize';
void str;
export const templates: Record<string, string | ReturnType<typeof str>> = {};
