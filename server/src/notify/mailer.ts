// Where finished mails go: an SMTP server through nodemailer (CONFAB_SMTP_URL), or, without one, an
// in-memory capture listed at GET /api/demo/mail so a newcomer sees what would be sent.
import nodemailer from 'nodemailer';
import { SendError } from './delivery-worker.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

export interface CapturedMail extends MailMessage {
  from: string;
  sentAt: string;
}

export interface Mailer {
  send(m: MailMessage): Promise<void>;
  close(): void;
}

export function smtpMailer(url: string, from: string): Mailer {
  // Timeouts well below the delivery worker's 60 s lease (nodemailer's defaults are 2 min to connect and
  // 10 min of socket silence): a send that outlives the lease could be claimed and sent again by another worker.
  const transport = nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  return {
    async send(m) {
      try {
        await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text, html: m.html, headers: m.headers });
      } catch (err) {
        // A 4xx/5xx SMTP answer is kept as the delivery's last status; the worker retries with backoff.
        const code = (err as { responseCode?: unknown }).responseCode;
        throw new SendError(err instanceof Error ? err.message : String(err), typeof code === 'number' ? code : null);
      }
    },
    close: () => transport.close(),
  };
}

/** Keeps the last `keep` mails, newest first. */
export function captureMailer(from: string, keep = 100): Mailer & { mails: CapturedMail[] } {
  const mails: CapturedMail[] = [];
  return {
    mails,
    async send(m) {
      mails.unshift({ ...m, from, sentAt: new Date().toISOString() });
      mails.length = Math.min(mails.length, keep);
    },
    close() {},
  };
}
