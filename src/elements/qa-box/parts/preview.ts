/**
 * The details field's Preview tab: the Markdown directive and the prose styles it renders with, loaded
 * when Preview is first chosen. Offline before it was ever fetched, the preview shows the plain text.
 */
import { prose } from '../../../styles/prose.js';

export { markdown } from '../../../core/markdown-directive.js';

export const styles = [prose];
