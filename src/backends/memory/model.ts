/** MemoryBackend keeps the demo community's own records (src/demo-data/model.ts) and changes them in place. */
import type { Community } from '../../demo-data/model.js';

export type {
  AnswerRecord, ArticleRecord, BadgeClassRecord, CertificationRecord, OrgRecord, PersonRecord, PostRecord, QuestionRecord, ThreadRecord, Votes,
} from '../../demo-data/model.js';
export type MemoryData = Community;
