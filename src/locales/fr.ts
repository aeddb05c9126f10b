// The fr catalogue: one module per language, merged from the catalogue of each part of the SDK.
import { templates as common } from './common/fr.js';
import { templates as composer } from './composer/fr.js';
import { templates as forumFeed } from './forum-feed/fr.js';
import { templates as qaBox } from './qa-box/fr.js';
import { templates as articleSearch } from './article-search/fr.js';
import { templates as certBadge } from './cert-badge/fr.js';
import { templates as notifications } from './notifications/fr.js';
import { templates as insights } from './insights/fr.js';
import { templates as modQueue } from './mod-queue/fr.js';

export const templates = { ...common, ...composer, ...forumFeed, ...qaBox, ...articleSearch, ...certBadge, ...notifications, ...insights, ...modQueue };
