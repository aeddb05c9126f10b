// PROVISIONAL until the contract (branch n13s) lands: replaced by re-exports from src/contract/.
import type { Author } from '../contract/index.js';

export const FOLLOW_KINDS = ['thread', 'question', 'category', 'tag'] as const;
export type FollowKind = (typeof FOLLOW_KINDS)[number];
export const FOLLOW_LEVELS = ['watching', 'muted'] as const;
export type FollowLevel = (typeof FOLLOW_LEVELS)[number];
export interface Follow { kind: FollowKind; id: string; level: FollowLevel }

export const NOTIFICATION_TYPES = ['reply', 'answer', 'accepted', 'new-topic', 'mention'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];
export const DELIVERIES = ['inapp', 'email', 'daily', 'weekly', 'off'] as const;
export type Delivery = (typeof DELIVERIES)[number];

export interface Notification {
  id: string;
  type: NotificationType;
  actor: Author;
  target: { kind: 'thread' | 'question'; id: string; title: string; anchor?: string | null };
  excerpt: string;
  createdAt: string;
  read: boolean;
}
export interface NotificationPage { items: Notification[]; nextCursor: string | null; unread: number }
export interface NotificationQuery { cursor?: string; limit?: number }
export type ReadNotifications = { ids: string[] } | { all: true };
export type NotificationPreferences = Record<NotificationType, Delivery>;
export interface Person { id: string; name: string; orgName: string | null; avatarUrl: string | null }
