// The ja catalogue: one module per language, merged from the catalogue of each part of the SDK.
import { templates as common } from './common/ja.js';
import { templates as composer } from './composer/ja.js';
import { templates as forumFeed } from './forum-feed/ja.js';
import { templates as qaBox } from './qa-box/ja.js';
import { templates as articleSearch } from './article-search/ja.js';
import { templates as certBadge } from './cert-badge/ja.js';
import { templates as notifications } from './notifications/ja.js';
import { templates as insights } from './insights/ja.js';
import { templates as modQueue } from './mod-queue/ja.js';

export const templates = { ...common, ...composer, ...forumFeed, ...qaBox, ...articleSearch, ...certBadge, ...notifications, ...insights, ...modQueue };
