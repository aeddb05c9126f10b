/**
 * Templates for the older archive that the server seeds behind the hand-written community. Every
 * template is combined once with each technical product, so no archive title repeats.
 */

/** [category, tag, title with {p} for the product] */
export const ARCHIVE_THREADS: [string, string, string][] = [
  ['sales-enablement', 'competitive', 'How are you positioning {p} against the incumbent at renewal time?'],
  ['deal-registration', 'deal-reg', 'Deal registration for an {p} opportunity was rejected — what did we miss?'],
  ['mdf', 'mdf', 'MDF claim for our {p} webinar: which proof of performance do you send?'],
  ['technical', 'poc', 'Best way to run a two-week {p} proof of concept'],
  ['technical', 'migration', 'Anyone migrated a large customer to the latest {p} release yet?'],
  ['sales-enablement', 'pricing', 'Pricing question: multi-year {p} subscriptions and co-terming'],
  ['technical', 'lab', 'Share your {p} demo environment setup'],
  ['technical', 'healthcare', 'Lessons learned from our first {p} deployment in healthcare'],
  ['sales-enablement', 'qbr', 'Quarterly business review: how do you report {p} pipeline?'],
  ['mdf', 'co-marketing', 'Joint marketing ideas for {p} in the public sector'],
  ['certifications', 'onboarding', 'Training path for new hires selling {p}'],
  ['technical', 'support', 'Customer asks for an {p} SLA above 99.9% — options?'],
  ['deal-registration', 'renewals', 'Registering an {p} renewal that another partner sold originally'],
  ['mdf', 'events', 'Is an {p} lunch-and-learn eligible for MDF?'],
  ['certifications', 'exams', 'Study group for the {p} exam — who is in?'],
  ['technical', 'api', 'Automating {p} onboarding through the API: scripts to share'],
  ['technical', 'ha', 'High availability design review for {p} across two data centres'],
  ['sales-enablement', 'objections', 'Top three objections we hear about {p}, and our answers'],
  ['deal-registration', 'quotas', 'Does an {p} add-on count toward our tier revenue?'],
  ['technical', 'monitoring', 'What do you monitor on an {p} deployment after go-live?'],
  ['mdf', 'campaigns', 'Our {p} email campaign results, with numbers'],
  ['technical', 'licensing', 'Moving an {p} licence between customer tenants'],
  ['sales-enablement', 'discovery', 'Discovery questions that uncover an {p} opportunity'],
  ['certifications', 'renewals', 'Recertifying on {p}: is the delta exam worth it?'],
  ['technical', 'upgrade', 'Rolling back a failed {p} upgrade: our runbook'],
  ['deal-registration', 'pricing', 'Special pricing request for a competitive {p} deal'],
  ['technical', 'sso', 'Single sign-on into the {p} admin console for an MSP team'],
  ['mdf', 'co-marketing', 'Co-branded {p} datasheet: who has the latest template?'],
  ['sales-enablement', 'msp', 'Packaging {p} as a managed service: pricing models'],
  ['technical', 'logging', 'Keeping {p} audit logs for seven years: storage tips'],
  ['certifications', 'lab', 'Hands-on lab for the {p} exam timed out halfway'],
  ['technical', 'sizing', 'Sizing {p} for a 20,000-employee retailer'],
  ['deal-registration', 'distribution', 'Registering an {p} deal through a distributor'],
  ['sales-enablement', 'renewals', 'Renewal playbook for {p}: when do you start?'],
  ['technical', 'migration', 'Migrating firewall rules and policies into {p}'],
  ['announcements', 'release', 'Webinar recording: what is new in {p} this quarter'],
];

/** [category, tag, title with {p}] */
export const ARCHIVE_QUESTIONS: [string, string, string][] = [
  ['deal-registration', 'deal-reg', 'How do I register a deal for {p}?'],
  ['marketing', 'mdf', 'Why is my MDF request for {p} still pending?'],
  ['technical', 'ha', 'Can {p} run in active-active high availability?'],
  ['technical', 'upgrade', 'What is the upgrade path to the latest {p} release?'],
  ['technical', 'support', 'How do I reset the admin password on {p}?'],
  ['partner-program', 'certification', 'Which certification do I need to resell {p}?'],
  ['technical', 'sso', 'Does {p} support SAML single sign-on with Okta?'],
  ['deal-registration', 'sla', 'How long does deal registration approval take for {p}?'],
  ['deal-registration', 'pricing', 'Where can I find the {p} price list for my tier?'],
  ['marketing', 'co-marketing', 'How do I claim co-marketing funds for an {p} event?'],
  ['technical', 'api', 'Is there an API to export {p} logs to our SIEM?'],
  ['technical', 'sizing', 'What are the sizing guidelines for {p} in a 5,000-user branch network?'],
  ['technical', 'licensing', 'How do I move an {p} licence to a different customer tenant?'],
  ['partner-program', 'demo', 'Can I demo {p} to a prospect without a signed NDA?'],
  ['partner-program', 'renewals', 'What discount applies to {p} renewals at my partner tier?'],
];

/** The basics of every product: open to everyone, signed in or not. */
export const ARCHIVE_PUBLIC_TOPICS = ['Configuring high availability on {p}', 'Sizing guide for {p}', 'Troubleshooting VPN tunnels in {p}', 'Upgrading {p} to the latest release'];

/** Article titles with {p}; {n} becomes a patch number. */
export const ARCHIVE_TOPICS = [
  'Integrating {p} with Okta SSO', 'Exporting {p} logs to a SIEM', 'Licensing and renewals for {p}', 'Deal registration rules for {p}',
  'MDF eligibility for {p} campaigns', 'Competitive positioning of {p}', 'API rate limits in {p}', 'Backup and restore for {p}',
  'Hardening checklist for {p}', 'Migrating policies into {p}', 'Monitoring {p} with SNMP and Prometheus', 'Certificate rotation in {p}',
  'Zero-touch provisioning with {p}', 'Release notes: {p} patch {n}', 'Partner pricing FAQ for {p}', 'Running a proof of concept with {p}',
  'Known issues in {p} patch {n}', 'Reference architecture: {p} for retail branches', 'Performance tuning for {p}', 'Multi-tenant setup of {p}',
  'Quoting multi-year {p} subscriptions', 'Onboarding a new customer on {p}', 'Reading {p} threat reports', 'Role-based access in {p}',
  'Disaster recovery planning for {p}', 'Audit logging in {p}', 'Scripting {p} with the CLI', 'Terraform modules for {p}',
  'Capacity alerts in {p}', 'Customer health checks for {p}', 'Demo script for {p}', 'Objection handling for {p}',
  'Renewal conversations for {p}', 'Co-marketing kit for {p}', 'Webinar deck for {p}', 'Discovery call guide for {p}',
  'Data residency options in {p}', 'Compliance mapping for {p}: ISO 27001 and SOC 2', 'Syslog formats of {p}', 'Time synchronisation requirements of {p}',
  'Air-gapped installation of {p}', 'Proxy settings for {p}', 'Firmware and software lifecycle of {p}', 'Support escalation path for {p}',
  'End-of-life policy for {p}', 'Customer training plan for {p}', 'Bill of materials template for {p}', 'Trade-in programme for {p}',
  'Evaluation licences for {p}', 'Best practices for {p} in healthcare', 'Best practices for {p} in financial services', 'Change management checklist for {p}',
];

export const ARCHIVE_SENTENCES = [
  'Start by checking that both nodes run the same firmware build before you pair them.',
  'Partners at gold tier and above get a dedicated channel account manager for escalations.',
  'Register the opportunity in the partner portal before the first customer meeting; late registrations are not protected.',
  'MDF requests must be submitted at least 30 days before the activity and claimed within 60 days after it.',
  'Use the sizing calculator in the portal and add 30% headroom for growth.',
  'The API uses OAuth 2.0 client credentials; tokens expire after one hour.',
  'Proof of performance means attendee lists, invoices and screenshots of the campaign assets.',
  'When the customer co-terms, the renewal date of the new subscription aligns with the existing contract.',
  'Enable syslog over TLS and point it at the SIEM collector on port 6514.',
  'Certification exams are proctored online and include a hands-on lab.',
  'Active-active mode needs a shared virtual IP and session synchronisation on a dedicated link.',
  'Deal registration approvals usually arrive within two business days.',
  'The price list for your tier is under Sales Tools → Pricing in the portal.',
  'A failed health check usually points to a mismatched MTU on the sync interface.',
  'Keep the default deny rule at the bottom of the policy and log its hits for a week before tightening.',
  'Contact partner support with the diagnostic bundle attached; it speeds up triage considerably.',
];

/** First and last names of the quieter members the archive adds. */
export const FIRST_NAMES = ['Liam', 'Noah', 'Emma', 'Olivia', 'Mateo', 'Sofia', 'Yuki', 'Aarav', 'Zara', 'Lucas', 'Ingrid', 'Omar', 'Priya', 'Jonas', 'Amara', 'Felix', 'Nina', 'Tomás', 'Leah', 'Kenji'];
export const LAST_NAMES = ['Andersen', 'Kowalski', 'Nguyen', 'Fischer', 'Haddad', 'Moreau', 'Tanaka', 'Silva', 'Brennan', 'Ivanova', 'Mensah', 'Costa', 'Varga', 'Osei', 'Larsen'];
