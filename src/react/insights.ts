import * as React from 'react';
import { createComponent } from '@lit/react';
import { ConfabInsights } from '../elements/insights/insights.js';
import '../elements/insights/define.js';
import { loadEvents, on } from './events.js';

/**
 * `<confab-insights>` for React. Rendering it registers the tag.
 *
 * @example
 * <Insights range="90d" questionUrl="/community/questions/{id}" onConfabExport={(e) => log(e.detail.table)} />
 */
export const Insights = createComponent({
  tagName: 'confab-insights',
  elementClass: ConfabInsights,
  react: React,
  displayName: 'Insights',
  events: { ...loadEvents, onConfabQuestionOpen: on('confab-question-open'), onConfabExport: on('confab-export') },
});
