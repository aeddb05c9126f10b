// A certification as an Open Badges 3.0 OpenBadgeCredential (VC Data Model 2.0), before signing.
import { OB3_CONTEXT, OB3_CREDENTIAL_SCHEMA, VC_CONTEXT_V2 } from '../../../../src/contract/index.js';
import type { Config } from '../../config.js';
import type { BadgeClassRow, CertificationRow } from '../../rows.js';
import { iso, isoOrNull } from '../../text.js';
import { recipientHash, urls } from '../documents.js';
import { ob3Urls } from './urls.js';

// Whole seconds: the VC-JWT's nbf/exp repeat validFrom/validUntil, and NumericDate has no fractions.
const isoSeconds = (d: string) => new Date(Math.floor(Date.parse(d) / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/** The issuer's profile: its did:web DID is where verifiers find its key. */
export function issuerProfile(origin: string, config: Config) {
  return { id: ob3Urls(origin).did, type: ['Profile'], name: config.issuerName, url: origin, email: config.issuerEmail };
}

export function openBadgeCredential(origin: string, config: Config, c: CertificationRow, badge: BadgeClassRow) {
  const u = urls(origin);
  const u3 = ob3Urls(origin);
  const validUntil = isoOrNull(c.expires);
  return {
    '@context': [VC_CONTEXT_V2, OB3_CONTEXT],
    id: u3.credential(c.id),
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: badge.name,
    issuer: issuerProfile(origin, config),
    validFrom: isoSeconds(iso(c.issued_on)),
    ...(validUntil ? { validUntil: isoSeconds(validUntil) } : {}),
    awardedDate: iso(c.issued_on),
    credentialSubject: {
      type: ['AchievementSubject'],
      // The recipient as in the 2.0 assertion: a salted hash of the email, never the address itself.
      identifier: [{ type: 'IdentityObject', identityHash: recipientHash(c.recipient_email, c.salt), identityType: 'emailAddress', hashed: true, salt: c.salt }],
      achievement: {
        // The 2.0 badge class describes the same achievement, and any verifier can fetch it.
        id: u.badge(badge.id),
        type: ['Achievement'],
        achievementType: 'Certification',
        name: badge.name,
        description: badge.description,
        criteria: { id: u.criteria(badge.id), narrative: badge.criteria },
        image: { id: u.badgeImage(badge.id), type: 'Image', caption: badge.name },
      },
    },
    credentialSchema: [{ id: OB3_CREDENTIAL_SCHEMA, type: '1EdTechJsonSchemaValidator2019' }],
    credentialStatus: {
      id: `${u3.statusList}#${c.status_index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(c.status_index),
      statusListCredential: u3.statusList,
    },
  };
}
