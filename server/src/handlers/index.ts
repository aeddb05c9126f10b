// Every contract endpoint's handler, by the endpoint's name. Handlers know nothing of HTTP: they get a
// Ctx (caller, validated input, a connection) and return the contract's response or throw HttpError.
import type { EndpointName } from '../../../src/contract/index.js';
import type { Handler } from '../context.js';
import * as threads from './threads.js';
import * as questions from './questions.js';
import * as certs from './certifications.js';
import * as misc from './misc.js';
import * as search from './search.js';
import * as follows from './follows.js';
import * as notifications from './notifications.js';
import * as people from './people.js';
import * as insights from './insights/index.js';
import * as moderation from './moderation.js';
import * as webhooks from './webhooks.js';
import * as experts from './experts.js';

export const handlers: { [N in EndpointName]: Handler<N> } = {
  listThreads: threads.listThreads,
  getThread: threads.getThread,
  listPosts: threads.listPosts,
  createThread: threads.createThread,
  replyToThread: threads.replyToThread,
  updateThread: threads.updateThread,
  deleteThread: threads.deleteThread,
  updatePost: threads.updatePost,
  deletePost: threads.deletePost,
  listQuestions: questions.listQuestions,
  similarQuestions: questions.similarQuestions,
  getQuestion: questions.getQuestion,
  listAnswers: questions.listAnswers,
  askQuestion: questions.askQuestion,
  answerQuestion: questions.answerQuestion,
  acceptAnswer: questions.acceptAnswer,
  voteQuestion: questions.voteQuestion,
  voteAnswer: questions.voteAnswer,
  recordDeflection: questions.recordDeflection,
  updateQuestion: questions.updateQuestion,
  deleteQuestion: questions.deleteQuestion,
  updateAnswer: questions.updateAnswer,
  deleteAnswer: questions.deleteAnswer,
  searchArticles: search.searchArticles,
  getArticle: search.getArticle,
  sendArticleFeedback: search.sendArticleFeedback,
  listCertifications: certs.listCertifications,
  getCertification: certs.getCertification,
  verifyCertification: certs.verifyCertification,
  verifyAssertion: certs.verifyAnyAssertion,
  me: misc.me,
  stats: misc.stats,
  followTopic: follows.followTopic,
  unfollowTopic: follows.unfollowTopic,
  listFollows: follows.listFollows,
  listNotifications: notifications.listNotifications,
  markNotificationsRead: notifications.markNotificationsRead,
  getPreferences: notifications.getPreferences,
  updatePreferences: notifications.updatePreferences,
  searchPeople: people.searchPeople,
  createLiveTicket: notifications.createLiveTicket,
  createWebhook: webhooks.createWebhook,
  listWebhooks: webhooks.listWebhooks,
  deleteWebhook: webhooks.deleteWebhook,
  listWebhookDeliveries: webhooks.listWebhookDeliveries,
  redeliverWebhookDelivery: webhooks.redeliverWebhookDelivery,
  insights: insights.insights,
  exportInsights: insights.exportInsights,
  getCsat: insights.getCsat,
  answerCsat: insights.answerCsat,
  recordSearchClick: insights.recordSearchClick,
  createFlag: moderation.createFlag,
  moderationQueue: moderation.moderationQueue,
  moderationAction: moderation.moderationAction,
  getWatchedWords: moderation.getWatchedWords,
  putWatchedWords: moderation.putWatchedWords,
  moderationLog: moderation.moderationLog,
  listRevisions: moderation.listRevisions,
  notifyExperts: experts.notifyExperts,
};
