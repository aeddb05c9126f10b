// The ar catalogue: one module per language, merged from the catalogue of each part of the SDK.
import { templates as common } from './common/ar.js';
import { templates as composer } from './composer/ar.js';
import { templates as forumFeed } from './forum-feed/ar.js';
import { templates as qaBox } from './qa-box/ar.js';
import { templates as articleSearch } from './article-search/ar.js';
import { templates as certBadge } from './cert-badge/ar.js';
import { templates as notifications } from './notifications/ar.js';
import { templates as insights } from './insights/ar.js';
import { templates as modQueue } from './mod-queue/ar.js';

export const templates = { ...common, ...composer, ...forumFeed, ...qaBox, ...articleSearch, ...certBadge, ...notifications, ...insights, ...modQueue };
