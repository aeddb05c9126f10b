// The "Follow" button of the element's category (ui/follow-button.ts), as a lazy part: loaded only
// for a signed-in partner on a backend with follows, so it stays out of the first load.
export const styles = [];
export { CategoryFollow } from '../../../ui/follow-button.js';
