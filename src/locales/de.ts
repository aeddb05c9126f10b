// The de catalogue: one module per language, merged from the catalogue of each part of the SDK.
import { templates as common } from './common/de.js';
import { templates as composer } from './composer/de.js';
import { templates as forumFeed } from './forum-feed/de.js';
import { templates as qaBox } from './qa-box/de.js';
import { templates as articleSearch } from './article-search/de.js';
import { templates as certBadge } from './cert-badge/de.js';
import { templates as notifications } from './notifications/de.js';
import { templates as insights } from './insights/de.js';
import { templates as modQueue } from './mod-queue/de.js';

export const templates = { ...common, ...composer, ...forumFeed, ...qaBox, ...articleSearch, ...certBadge, ...notifications, ...insights, ...modQueue };
