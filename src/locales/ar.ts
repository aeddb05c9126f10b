// The ar catalogue: one module per language, merged from the catalogue of each part of the SDK.
import { templates as common } from './common/ar.js';

export const templates = { ...common };
