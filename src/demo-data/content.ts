import type { ContentType, Role, Tier } from '../contract/index.js';

/**
 * The hand-written conversations of the demo community: what its regulars discuss, ask and read.
 * community.ts combines this text with the seeded PRNG; the server seed adds its older archive
 * (archive.ts) behind it.
 */

export const THREAD_CATEGORIES = ['deal-registration', 'technical', 'marketing', 'announcements'] as const;
export const QUESTION_CATEGORIES = ['deal-registration', 'technical', 'marketing', 'partner-program'] as const;

/** [category, title, tags, opening paragraph] */
export const THREADS: [string, string, string[], string][] = [
  ['deal-registration', 'Deal registration for multi-year renewals: which close date?', ['deal-reg', 'renewals'], 'We have a three-year renewal with a customer in logistics and are unsure whether to register the first-year close date or the final one.'],
  ['deal-registration', "Registered deal shows 'pending' for 9 days — normal?", ['deal-reg', 'sla'], 'Our registration for a 400-seat Identity deal has been pending for over a week. Is anyone else seeing slow approvals this month?'],
  ['deal-registration', 'How we cut deal-registration rejections by half', ['deal-reg', 'best-practice'], 'Sharing what worked for our team after a rough Q2 with lots of rejected registrations.'],
  ['deal-registration', 'Conflict: two partners registered the same opportunity', ['deal-reg', 'channel-conflict'], 'We found out another partner registered the same opportunity two days after us. How is this resolved?'],
  ['deal-registration', 'Q4 deal-reg extension deadline — any confirmation?', ['deal-reg', 'q4'], 'Last year registrations could be extended until 15 December. Has anyone heard the date for this year?'],
  ['deal-registration', 'Protecting margin on public-sector deals', ['public-sector', 'pricing'], 'Public-sector tenders often go to the lowest bidder. How do you keep registered-deal discounts meaningful?'],
  ['deal-registration', 'Can we register an upsell on an existing Edge Firewall deployment?', ['deal-reg', 'upsell', 'edge-firewall'], 'The customer wants to add two more HA pairs to an estate we sold last year.'],
  ['deal-registration', 'Template: justification text that gets approved', ['deal-reg', 'templates'], 'Here is the justification template our sales team now uses for every registration.'],
  ['deal-registration', 'Distributor vs direct registration — who owns it?', ['distribution', 'deal-reg'], 'Our distributor says they register on our behalf. Does that still count toward our tier revenue?'],
  ['deal-registration', 'Deal-reg portal times out when attaching the BOM', ['deal-reg', 'portal'], 'Uploading a 2 MB bill of materials fails after about 30 seconds with a blank page.'],
  ['technical', 'Cloud Gateway 4.2: SAML redirect loop after upgrade', ['cloud-gateway', 'saml', 'upgrade'], 'After upgrading a customer from 4.1 to 4.2, sign-in loops between the gateway and the IdP.'],
  ['technical', 'Edge Firewall HA pair flaps every 6 hours', ['edge-firewall', 'ha'], 'An active/passive pair fails over roughly every six hours without any link events.'],
  ['technical', 'Terraform provider: importing existing gateway routes', ['cloud-gateway', 'terraform'], 'We want to bring 300 hand-made routes under Terraform without recreating them.'],
  ['technical', 'Identity SCIM sync drops users with plus-addressed emails', ['identity', 'scim'], 'Users like `jane+test@example.com` never arrive in the target application.'],
  ['technical', 'Sizing Edge Firewall for 10 Gbps with TLS inspection', ['edge-firewall', 'sizing'], 'A manufacturing customer needs 10 Gbps with full TLS inspection and IPS.'],
  ['technical', 'Lab licences for our SE team — how many can we get?', ['lab', 'licensing'], 'We are building a shared lab for six sales engineers.'],
  ['technical', 'Rate-limit headers missing behind Cloud Gateway', ['cloud-gateway', 'api'], 'Clients do not see `RateLimit-Remaining` even though the policy is active.'],
  ['technical', 'Migrating from legacy VPN to Identity-aware access', ['identity', 'migration'], 'Planning a phased migration of 5,000 remote users off a legacy VPN concentrator.'],
  ['technical', 'Log export to Splunk: field mapping cheat sheet', ['logging', 'edge-firewall'], 'Field mapping we use when forwarding Edge Firewall logs to Splunk.'],
  ['technical', 'Gateway health checks fail with HTTP/2 backends', ['cloud-gateway', 'http2'], 'Health checks mark every HTTP/2-only backend as down.'],
  ['technical', 'MFA enrollment email lands in spam', ['identity', 'mfa'], 'Several customers report that the Identity enrollment email is flagged as spam.'],
  ['technical', 'Ansible collection for Edge Firewall policy as code', ['edge-firewall', 'automation'], 'Has anyone used the Ansible collection in production?'],
  ['technical', 'Kubernetes ingress with Cloud Gateway — working example', ['cloud-gateway', 'kubernetes'], 'A minimal, working ingress setup we use for proofs of concept.'],
  ['technical', 'Certificate rotation without downtime', ['certificates', 'cloud-gateway'], 'What is your runbook for rotating gateway certificates without dropping connections?'],
  ['marketing', 'MDF claim rejected: what proof of performance works?', ['mdf', 'claims'], 'Our claim for a regional roadshow was rejected for missing proof of performance.'],
  ['marketing', 'Co-branded webinar kit for the Identity launch', ['co-marketing', 'identity'], 'Is there a ready-made webinar kit we can co-brand for the Identity launch?'],
  ['marketing', 'Sharing our Northwind case study — feedback welcome', ['case-study'], 'We wrote up our gateway consolidation project and would love feedback before publishing.'],
  ['marketing', "Which logo lockup for 'Acme Platinum Partner'?", ['brand'], 'The brand guide shows two lockups; which one goes on event booths?'],
  ['marketing', 'Event in São Paulo: who wants to co-exhibit?', ['events', 'latam'], 'We have a booth at a security conference in São Paulo and space for one more partner.'],
  ['marketing', 'Email nurture templates localized to German and French', ['localization', 'campaigns'], 'We translated the nurture sequence and are happy to share it.'],
  ['marketing', 'LinkedIn ads outperforming search for security buyers', ['campaigns', 'social'], 'Some numbers from our last two campaigns.'],
  ['marketing', 'MDF budget for H1 — when is it allocated?', ['mdf', 'planning'], 'We need to plan events for the first half and do not know our budget yet.'],
  ['marketing', 'Battlecard: Edge Firewall vs. incumbent NGFW vendors', ['competitive', 'edge-firewall'], 'Collecting objections we hear in competitive deals.'],
  ['announcements', 'Partner Program 2027: new tier thresholds and benefits', ['partner-program', 'tiers'], 'The 2027 Partner Program brings new thresholds, a services specialisation and more MDF for Gold and Platinum.'],
  ['announcements', 'Acme Cloud Gateway 4.3 is generally available', ['cloud-gateway', 'release'], 'Cloud Gateway 4.3 is out, with shared rate-limit stores and faster config reloads.'],
  ['announcements', 'Scheduled maintenance: partner portal, Saturday 02:00–04:00 UTC', ['portal', 'maintenance'], 'The partner portal will be read-only during the maintenance window.'],
  ['announcements', 'New certification: Acme Identity Specialist', ['certification', 'identity'], 'A new certification for engineers who deploy Acme Identity.'],
  ['announcements', 'Deal registration policy update (effective next quarter)', ['deal-reg', 'policy'], 'Registrations will now require an end-customer contact and an estimated close date.'],
  ['announcements', 'Welcome to the new community!', ['community'], 'This is the place to ask questions, share what works and meet other partners.'],
  ['announcements', 'Security advisory ACME-SA-2026-11 for Edge Firewall', ['security-advisory', 'edge-firewall'], 'A fix is available for a denial-of-service issue in the management interface.'],
];

/** Replies, with {org} and {product} filled in. */
export const REPLIES = [
  'Same here. We opened a case and support confirmed it is a known issue, fixed in the next maintenance release.',
  'We hit this last quarter. What worked for us:\n\n1. Check the **registration date** matches the quote.\n2. Attach the customer contact.\n3. Ping your channel manager after 48 hours.',
  'Thanks for sharing, this is really useful. Bookmarking it for our team at {org}.',
  'Have you tried the steps in the [partner knowledge base](https://community.acme.example/kb)? The troubleshooting article covers most of this.',
  'For {product} we ended up with this config:\n\n```yaml\nhealthCheck:\n  path: /healthz\n  interval: 10s\n  protocol: http1\n```',
  'Adding to this: make sure your channel manager is in CC, it speeds things up a lot.',
  "We're seeing the opposite, which makes me think it depends on the region. Which region is your tenant in?",
  '+1, would love an official answer from the Acme team on this.',
  'Update: this is solved for us after the latest patch. Thanks everyone!',
  'Quick tip: the `acme-cli diag` command collects everything support asks for in one archive.',
  'Our experience at {org}: it took two weeks, but the result was worth it. Happy to share our slides.',
  'Could you post the exact error message? That would help narrow it down.',
];

/** Staff replies on announcements: a vendor voice. */
export const STAFF_REPLIES = [
  'Thanks for the questions! We will add an FAQ section to this post by the end of the week.',
  'Good point. I have passed this on to the program team and will update here.',
];

/** [category, title, tags, the best answer (Markdown) or null, accepted] */
export const QUESTIONS: [string, string, string[], string | null, boolean][] = [
  ['deal-registration', 'How do I register a deal for a multi-year renewal?', ['deal-reg', 'renewals'], 'Register the full contract value with the **first-year** close date and tick *Multi-year*. The later years are then protected automatically for up to 36 months.', true],
  ['deal-registration', 'What is the approval SLA for deal registration?', ['deal-reg', 'sla'], 'Registrations are reviewed within 3 business days; Platinum partners get a 1-day target.', false],
  ['deal-registration', 'Can two partners register the same opportunity?', ['deal-reg', 'channel-conflict'], 'Only one registration is approved per opportunity. The first complete one wins, and the other partner is told why.', true],
  ['technical', 'How do I rotate SAML signing certificates in Acme Identity?', ['identity', 'saml'], 'Go to **Applications → your app → Signing** and click *Rotate*. The old certificate stays valid for 7 days so you can update the service provider.', true],
  ['technical', 'Why does Cloud Gateway return 502 after enabling HTTP/2?', ['cloud-gateway', 'http2'], 'Your backend probably does not speak h2c. Set `upstream.protocol: http1`, or enable TLS to the backend.', true],
  ['partner-program', 'How many NFR licences does a Gold partner get?', ['licensing', 'nfr'], 'Gold partners get 10 NFR seats per product, renewed yearly. Ask your channel manager for more for a lab build.', true],
  ['technical', 'Is TLS inspection supported on the Edge Firewall 2100?', ['edge-firewall', 'tls'], 'Yes, up to about 4 Gbps with inspection on the 2100. Above that, size up to the 4100.', false],
  ['marketing', 'How do I submit an MDF claim?', ['mdf'], 'Submit within 60 days of the activity in **Portal → MDF → Claims**, with the invoice and proof of performance (attendee list, screenshots or a campaign report).', true],
  ['marketing', 'What counts as proof of performance for a webinar?', ['mdf', 'webinars'], 'A registrant list with attendance counts, plus the recording link.', false],
  ['partner-program', 'How do I move from Silver to Gold tier?', ['tiers'], 'Reach the Gold revenue threshold over four trailing quarters and have two certified technical staff. Tier reviews happen at the start of each quarter.', true],
  ['technical', 'Does Acme Identity support SCIM 2.0 group push?', ['identity', 'scim'], 'Yes: enable *Group push* on the SCIM connector. Nested groups are flattened.', true],
  ['technical', 'Where can I download the Cloud Gateway Terraform provider?', ['cloud-gateway', 'terraform'], 'It is on the Terraform Registry as `acme/cloudgateway`; pin `~> 4.2`.', true],
  ['partner-program', 'How do I get access to the partner demo environment?', ['demo', 'lab'], 'Request it in **Portal → Resources → Demo labs**; approval usually takes a day.', false],
  ['technical', 'Can we white-label the Identity login page for customers?', ['identity', 'branding'], null, false],
  ['deal-registration', 'Is there a price list for public-sector customers?', ['pricing', 'public-sector'], null, false],
  ['partner-program', 'How do I renew my expired certification?', ['certification'], 'Retake the current exam within 90 days of expiry at a 50% discount. After 90 days it is a full retake.', true],
  ['technical', 'How do I forward Edge Firewall logs to a SIEM?', ['edge-firewall', 'logging'], 'Use **Monitor → Log forwarding**, add a syslog (TCP/TLS) target and choose CEF. Splunk and Sentinel both parse it.', true],
  ['marketing', 'Can I co-brand the Acme datasheets?', ['brand', 'co-marketing'], 'Yes, co-brandable versions with a partner logo slot are in the Brand Center.', false],
  ['deal-registration', 'What happens to registered deals when our partner agreement renews?', ['deal-reg', 'agreement'], 'Approved registrations stay valid through the renewal; pending ones are re-checked against the new terms.', false],
  ['technical', 'How do I rate limit per API key in Cloud Gateway?', ['cloud-gateway', 'api'], 'Add a `rateLimit` policy with `key: header:x-api-key`. Limits are per gateway node unless you enable the shared store (4.3+).', true],
  ['partner-program', 'Does the Partner Program cover managed service providers?', ['msp'], null, false],
  ['technical', 'Why is my MFA push notification delayed?', ['identity', 'mfa'], 'Usually battery optimisation on Android. Exclude the Acme Verify app from it.', false],
  ['partner-program', 'How do I add a colleague to our partner account?', ['portal', 'users'], 'Your org admin invites them from **Portal → Company → Users**; they inherit your org tier.', true],
  ['technical', 'Is there a sandbox for the Identity API?', ['identity', 'api'], null, false],
  ['partner-program', 'When are quarterly business reviews scheduled?', ['qbr'], null, false],
];

export const QUESTION_BODIES: Record<string, string> = {
  'deal-registration': "We're working a deal with a customer in {industry} and want to get the registration right the first time.\n\n- Deal size: about {amount}\n- Products: {product}\n\nAny pointers appreciated.",
  technical: 'Environment:\n\n- {product} {version}\n- Customer in {industry}, about {users} users\n\nI searched the knowledge base but did not find this exact case. What am I missing?',
  marketing: "We're planning activities for next quarter with a focus on {product} and want to do this by the book.\n\nThanks in advance!",
  'partner-program': 'We are a {tier} partner and could not find a clear answer in the program guide.\n\nWhere should we look?',
};

export const EXTRA_ANSWERS = [
  'Not sure about the official policy, but in our case our channel manager sorted it out within a day.',
  'We asked the same thing last month. The partner program guide (section 4) has the details.',
  'Adding a data point: this worked for us on {product} {version} as well.',
  'I would also open a support case so it is on record.',
];


/** [product index, content type, title, min tier, roles] */
export const ARTICLES: [number, ContentType, string, Tier, Role[]][] = [
  [0, 'guide', 'Getting started with Cloud Gateway', 'registered', []],
  [0, 'how-to', 'Configure SAML single sign-on on the gateway', 'registered', []],
  [0, 'how-to', 'Rate limiting per API key', 'registered', []],
  [0, 'troubleshooting', 'Troubleshooting 502 errors with HTTP/2 backends', 'registered', []],
  [0, 'troubleshooting', 'SAML redirect loop after upgrading to 4.2', 'silver', []],
  [0, 'release-note', 'Cloud Gateway 4.3 release notes', 'registered', []],
  [0, 'release-note', 'Cloud Gateway 4.2 release notes', 'registered', []],
  [0, 'reference', 'Gateway policy reference', 'registered', []],
  [0, 'reference', 'Terraform provider reference', 'silver', ['technical']],
  [0, 'faq', 'Cloud Gateway licensing FAQ', 'registered', []],
  [0, 'guide', 'Kubernetes ingress deployment guide', 'silver', []],
  [0, 'how-to', 'Rotate gateway certificates without downtime', 'gold', ['technical']],
  [0, 'guide', 'Sizing and performance planning for Cloud Gateway', 'gold', []],
  [0, 'how-to', 'Export gateway metrics to Prometheus', 'registered', []],
  [0, 'faq', 'Cloud Gateway pricing for partners', 'silver', ['sales']],
  [1, 'guide', 'Getting started with Edge Firewall', 'registered', []],
  [1, 'how-to', 'Set up an active/passive HA pair', 'registered', []],
  [1, 'how-to', 'Forward firewall logs to a SIEM', 'registered', []],
  [1, 'troubleshooting', 'HA failover flapping: causes and fixes', 'silver', ['technical']],
  [1, 'troubleshooting', 'TLS inspection breaks certificate pinning apps', 'registered', []],
  [1, 'reference', 'Edge Firewall CLI reference', 'registered', []],
  [1, 'reference', 'Edge Firewall sizing tables', 'silver', []],
  [1, 'release-note', 'Edge Firewall 9.1 release notes', 'registered', []],
  [1, 'release-note', 'Security advisory ACME-SA-2026-11', 'registered', []],
  [1, 'faq', 'TLS inspection FAQ', 'registered', []],
  [1, 'guide', 'Policy as code with Ansible', 'gold', ['technical']],
  [1, 'guide', 'Competitive positioning against incumbent firewalls', 'gold', ['sales']],
  [1, 'how-to', 'Upgrade an HA pair with zero downtime', 'silver', []],
  [1, 'troubleshooting', 'High CPU on the management plane', 'platinum', ['technical']],
  [1, 'faq', 'Edge Firewall hardware warranty FAQ', 'registered', []],
  [2, 'guide', 'Getting started with Acme Identity', 'registered', []],
  [2, 'how-to', 'Rotate SAML signing certificates', 'registered', []],
  [2, 'how-to', 'Provision users with SCIM 2.0', 'registered', []],
  [2, 'troubleshooting', 'SCIM sync skips plus-addressed emails', 'silver', []],
  [2, 'troubleshooting', 'Delayed MFA push notifications', 'registered', []],
  [2, 'reference', 'Identity API reference', 'registered', ['technical']],
  [2, 'reference', 'Supported SAML and OIDC attributes', 'registered', []],
  [2, 'release-note', 'Acme Identity spring release notes', 'registered', []],
  [2, 'faq', 'MFA enrollment FAQ', 'registered', []],
  [2, 'guide', 'Migrating from a legacy VPN to identity-aware access', 'gold', []],
  [2, 'how-to', 'Brand the login page for a customer tenant', 'silver', []],
  [2, 'guide', 'Identity Specialist exam preparation guide', 'silver', ['technical']],
  [2, 'faq', 'Identity pricing and bundles', 'gold', ['sales']],
  [2, 'troubleshooting', 'Login loops with third-party cookies blocked', 'registered', []],
  [2, 'how-to', 'Set up conditional access policies', 'platinum', []],
  [3, 'guide', 'Partner Program guide', 'registered', []],
  [3, 'how-to', 'Register a deal', 'registered', []],
  [3, 'how-to', 'Register multi-year renewals', 'registered', ['sales']],
  [3, 'faq', 'Deal registration FAQ', 'registered', []],
  [3, 'how-to', 'Submit an MDF claim', 'silver', ['marketing']],
  [3, 'reference', 'Proof of performance requirements', 'silver', ['marketing']],
  [3, 'guide', 'Tier requirements and benefits', 'registered', []],
  [3, 'faq', 'NFR and demo licence FAQ', 'silver', []],
  [3, 'guide', 'Co-marketing and brand guidelines', 'registered', ['marketing']],
  [3, 'release-note', 'Partner Program 2027 changes', 'registered', []],
  [3, 'reference', 'Public-sector price list', 'platinum', ['sales']],
  [3, 'guide', 'Quarterly business review playbook', 'gold', []],
  [3, 'how-to', 'Add colleagues to your partner account', 'registered', []],
  [3, 'faq', 'Certification renewal FAQ', 'registered', []],
  [3, 'guide', 'Building a managed service on Acme', 'gold', []],
  // The three that the server's search and audience tests name (kb-061 to kb-063).
  [1, 'guide', 'Configuring high availability on Acme Edge Firewall', 'registered', []],
  [3, 'reference', 'Platinum deal desk escalation playbook', 'platinum', []],
  [3, 'reference', 'Gold tier quarterly rebate calculator', 'gold', ['sales']],
];

/** Article bodies by content type; {title} {product} {version} are filled in. */
export const ARTICLE_BODIES: Record<ContentType, string> = {
  guide: '# {title}\n\nThis guide walks you through {title_lc} for {product}, from prerequisites to a working setup.\n\n## Before you start\n\n- An account on the partner portal\n- {product} {version} or later\n- About 30 minutes\n\n## Steps\n\n1. Sign in to the admin console.\n2. Follow the wizard for your scenario.\n3. Check the result with `acme-cli status`.\n\nSee also the [partner knowledge base](https://community.acme.example/kb).',
  'how-to': '# {title}\n\nUse this procedure to {title_lc} in {product}.\n\n1. Open the admin console and go to **Settings**.\n2. Make the change described below.\n3. Apply and verify.\n\n```sh\nacme-cli apply --product "{product}" --verify\n```\n\n> Tested with {product} {version}.',
  troubleshooting: '# {title}\n\n## Symptoms\n\nPartners report problems matching "{title_lc}" in {product} {version}.\n\n## Cause\n\nA configuration mismatch between the two sides of the connection.\n\n## Resolution\n\n- Collect diagnostics with `acme-cli diag`.\n- Compare the settings with the reference configuration.\n- If it persists, open a case with the archive attached.',
  'release-note': '# {title}\n\n{product} {version} is available to all partners.\n\n## New\n\n- Faster configuration reloads\n- Improved audit logging\n\n## Fixed\n\n- Several stability issues reported by partners\n\nUpgrade notes are in the [release center](https://community.acme.example/releases).',
  faq: '# {title}\n\n**Who is this for?** Partners working with {product}.\n\n**Where do I start?** With the getting-started guide for {product}.\n\n**Who do I ask?** Your channel manager, or post in the community.',
  reference: '# {title}\n\nReference for {product} {version}.\n\n| Setting | Default | Notes |\n|---|---|---|\n| `timeout` | `30s` | Per request |\n| `retries` | `2` | Idempotent calls only |\n\nAll settings can be changed with `acme-cli set`.',
};
