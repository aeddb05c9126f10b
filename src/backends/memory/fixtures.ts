/**
 * MemoryBackend's data is the demo community itself (src/demo-data), so a story shows what the demo
 * portal shows. These names stay for the stories and tests that build fixtures directly.
 */
import { badgeImage, createCommunity, type CommunityOptions } from '../../demo-data/index.js';

export { DAY, DEFAULT_SEED, HOUR } from '../../demo-data/index.js';
export type FixtureOptions = CommunityOptions;
export const createFixtures = createCommunity;

/** Badge artwork for a badge class, as a data URL. */
export const badgeImageFor = (b: { code: string; colour: string }) => badgeImage(b.code, b.colour);
