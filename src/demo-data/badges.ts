/** The certification catalogue of the demo community and who holds what. */

/** [id, name, code, colour, description, criteria] */
export const BADGES: [id: string, name: string, code: string, colour: string, description: string, criteria: string][] = [
  ['acme-gateway-associate', 'Acme Cloud Gateway Certified Associate', 'CGA', '#1f6feb', 'Deploys and operates Acme Cloud Gateway for customers.', 'Pass the CGA-101 exam.'],
  ['acme-gateway-engineer', 'Acme Cloud Gateway Certified Engineer', 'CGE', '#0b5cad', 'Designs, deploys and troubleshoots Acme Cloud Gateway in production.', 'Pass the CGE-201 proctored exam and the hands-on lab.'],
  ['acme-firewall-specialist', 'Acme Edge Firewall Specialist', 'EFS', '#b42318', 'Configures Acme Edge Firewall clusters, policies and VPNs.', 'Pass the EFS-110 exam.'],
  ['acme-firewall-engineer', 'Acme Edge Firewall Certified Engineer', 'EFE', '#cf222e', 'Designs, sizes and troubleshoots Acme Edge Firewall deployments.', 'Pass the EFE-210 proctored exam and the hands-on lab.'],
  ['acme-identity-specialist', 'Acme Identity Specialist', 'IDS', '#8250df', 'Implements single sign-on, MFA and provisioning with Acme Identity.', 'Pass the IDS-120 exam.'],
  ['acme-sdwan-associate', 'Acme SD-WAN Associate', 'SDW', '#6941c6', 'Deploys Acme SD-WAN branches with zero-touch provisioning.', 'Pass the SDW-100 exam.'],
  ['acme-sales-professional', 'Acme Certified Sales Professional', 'CSP', '#1a7f37', 'Positions the Acme portfolio and runs the deal-registration process.', 'Complete the sales learning path and the assessment.'],
  ['acme-platinum-partner', 'Acme Platinum Partner 2026', 'PLT', '#57606a', 'Awarded to partner organisations that meet the Platinum tier requirements.', 'Meet the Platinum revenue, certification and customer-satisfaction thresholds.'],
  ['acme-managed-security', 'Acme Managed Security Provider', 'MSP', '#bc4c00', 'Partner organisations that run a managed security service on Acme.', 'Run a 24x7 security operations practice on Acme, audited yearly.'],
  ['acme-gold-competency', 'Acme Gold Security Competency', 'GSC', '#b54708', 'Partner organisation with certified staff, references and a support practice.', 'Four certified engineers, three customer references, an audited support process.'],
];

/** The badges a technical partner can earn on their own; the server's archive members draw from these. */
export const TECHNICAL_BADGES = ['acme-gateway-associate', 'acme-firewall-specialist', 'acme-identity-specialist', 'acme-sdwan-associate'];

const INTEGRITY = 'Revoked after an exam integrity review.';

/**
 * [id, badge, recipient kind, recipient id, issued days ago, expires in days (null: never), revocation reason]
 * Between them they hold every state a card can show: active, expiring soon, expired, revoked, no expiry.
 */
export const CERTIFICATIONS: [id: string, badge: string, kind: 'person' | 'org', recipientId: string, issuedDaysAgo: number, expiresInDays: number | null, revoked: string | null][] = [
  ['c-aiko-gateway', 'acme-gateway-associate', 'person', 'u-aiko', 74, 656, null],
  ['c-aiko-firewall', 'acme-firewall-engineer', 'person', 'u-aiko', 700, 21, null],
  ['c-aiko-identity', 'acme-identity-specialist', 'person', 'u-aiko', 296, 434, null],
  ['c-oluwaseun-sales', 'acme-sales-professional', 'person', 'u-oluwaseun', 391, 339, null],
  ['c-lars-gateway', 'acme-gateway-associate', 'person', 'u-lars', 760, -30, null],
  ['c-lars-firewall', 'acme-firewall-engineer', 'person', 'u-lars', 118, 612, null],
  ['c-priya-identity', 'acme-identity-specialist', 'person', 'u-priya', 143, 587, INTEGRITY],
  ['c-priya-sales', 'acme-sales-professional', 'person', 'u-priya', 228, 502, null],
  ['c-mai-firewall', 'acme-firewall-engineer', 'person', 'u-mai', 298, 432, null],
  ['c-jean-luc-sales', 'acme-sales-professional', 'person', 'u-jean-luc', 219, 511, null],
  ['c-wei-gateway', 'acme-gateway-associate', 'person', 'u-wei', 343, 387, null],
  ['c-ana-identity', 'acme-identity-specialist', 'person', 'u-ana', 239, 491, null],
  ['c-dmitri-gateway', 'acme-gateway-associate', 'person', 'u-dmitri', 124, 606, null],
  ['c-rahul-sales', 'acme-sales-professional', 'person', 'u-rahul', 392, 338, null],
  ['c-northwind-platinum', 'acme-platinum-partner', 'org', 'org-northwind', 83, null, null],
  ['c-northwind-msp', 'acme-managed-security', 'org', 'org-northwind', 220, 510, null],
  ['c-tailspin-msp', 'acme-managed-security', 'org', 'org-tailspin', 113, 617, null],
  ['c-contoso-msp', 'acme-managed-security', 'org', 'org-contoso', 760, -30, null],
  ['c-ava-firewall', 'acme-firewall-specialist', 'person', 'p-ava', 200, 530, null],
  ['c-ava-gateway', 'acme-gateway-engineer', 'person', 'p-ava', 700, 20, null],
  ['c-ben-sales', 'acme-sales-professional', 'person', 'p-ben', 400, -10, null],
  ['c-devi-sdwan', 'acme-sdwan-associate', 'person', 'p-devi', 120, 610, 'Exam result invalidated after an integrity review.'],
  ['c-chloe-sales', 'acme-sales-professional', 'person', 'p-chloe', 90, 640, null],
  ['c-sam-sales', 'acme-sales-professional', 'person', 'p-sam', 300, 430, null],
  ['c-devi-gateway', 'acme-gateway-engineer', 'person', 'p-devi', 60, 670, null],
  ['c-globex-gold', 'acme-gold-competency', 'org', 'org-globex', 210, 365, null],
  ['c-umbrella-gold', 'acme-gold-competency', 'org', 'org-umbrella', 120, 25, null],
];
