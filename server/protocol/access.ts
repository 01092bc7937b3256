import { z } from 'zod';
import { event } from './event-shape';
import { EntityId, Instant, SchoolId, Text } from './primitives';

/**
 * Who may see and do what. People sign in with one of the person roles; a wall screen is a
 * paired device; an integration is a system that sends events with a key. A trust admin is an
 * admin in every school of their school's trust.
 */
export const PersonRole = z.enum(['admin', 'slt', 'coordinator', 'patrol', 'trust_admin']);
export const Role = z.enum([...PersonRole.options, 'wall', 'integration']);

/** Roles inside one school; a trust admin acts as `admin` there. */
export type SchoolRole = Exclude<Role, 'trust_admin'>;

export const Email = Text.trim().toLowerCase().pipe(z.email().max(200));

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64url: the parameters travel with the hash. */
export const PasswordHash = z.string().regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9_-]{16,}\$[A-Za-z0-9_-]{43,}$/, 'an scrypt hash');

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in hex');

/**
 * A person who may sign in to the school. `staffId` links them to the timetable, so a patrol
 * member is shown the names on their own assignments.
 */
export const UserAdded = event('user:added', {
	userId: EntityId,
	email: Email,
	displayName: Text.trim().min(1).max(100),
	role: PersonRole,
	staffId: EntityId.nullable(),
	passwordHash: PasswordHash
});

export const UserPasswordSet = event('user:password-set', { userId: EntityId, passwordHash: PasswordHash });

export const UserRemoved = event('user:removed', { userId: EntityId });

/** Ends every session the person had, on every device. */
export const UserSignedOutEverywhere = event('user:signed-out-everywhere', { userId: EntityId });

/** Only the token's SHA-256 is kept: the token itself lives in the person's cookie. */
export const SessionStarted = event('session:started', {
	sessionId: Sha256,
	userId: EntityId,
	expiresAt: Instant
});

export const SessionEnded = event('session:ended', { sessionId: Sha256 });

/** A key for a system that sends this school's events; it can do nothing else. */
export const IntegrationKeyIssued = event('integration-key:issued', {
	keyId: EntityId,
	name: Text.trim().min(1).max(80),
	keySha256: Sha256
});

export const IntegrationKeyRevoked = event('integration-key:revoked', { keyId: EntityId });

/**
 * The trust a school is in, whose trust admins act as admins there; null for none. Written only
 * by an operator on the server (`npm run admin -- trust`), never by the school's import or keys.
 */
export const SchoolTrustSet = event('school:trust-set', { trustId: SchoolId.nullable() });

export const AuditAction = z.enum([
	'signed_in',
	'sign_in_failed',
	'locked_out',
	'signed_out',
	'signed_out_everywhere',
	'password_changed',
	'student_revealed',
	/** A person revealed an unusual number of names within an hour: for the admins' attention. */
	'reveals_unusual',
	'student_viewed',
	'reference_imported',
	'trust_set',
	'user_added',
	'user_removed',
	'key_issued',
	'key_revoked',
	'device_paired',
	'device_revoked',
	'audit_exported',
	'retention_purged',
	/** A family's contacts shown on the first-day calling list: one entry per student. */
	'contacts_revealed',
	/** The suspensions log, its letters or the LA return read (students named): one entry per look. */
	'suspensions_viewed',
	/** A student's evidence pack for the Local Authority produced (JSON or CSV): one entry per pack. */
	'evidence_pack_produced',
	/** A student's chronology (behaviour, attendance, plans, TAP minutes) viewed or exported: one entry per view. */
	'chronology_viewed',
	/** A record a connector read from the school's system (Wonde) that the contract refused, with the record's id and why: one entry per record. */
	'connector_refused',
	/** A connector's sync stopped because the source refused its key or narrowed its approval (401/403). */
	'connector_stopped',
	/** A connector's run asked for by hand (the admin's "Run now"): one entry per request. */
	'connector_run'
]);

/** One line of the append-only audit log: who did what, to which student, from where. */
export const AuditRecorded = event('audit:recorded', {
	action: AuditAction,
	/** A user, device or key id; `system` for the server's own jobs. */
	actorId: Text.min(1).max(200),
	actorRole: z.union([Role, z.literal('system')]),
	studentId: EntityId.nullable(),
	/** The client's address as the server saw it. */
	address: Text.max(100).nullable(),
	detail: Text.max(500)
});

export const AUTH_EVENTS = [
	UserAdded,
	UserPasswordSet,
	UserRemoved,
	UserSignedOutEverywhere,
	SessionStarted,
	SessionEnded,
	IntegrationKeyIssued,
	IntegrationKeyRevoked,
	SchoolTrustSet,
	AuditRecorded
] as const;

/** Event types only the server writes: an integration key can never send them. */
export const SERVER_ONLY_TYPES: ReadonlySet<string> = new Set([
	...AUTH_EVENTS.map((e) => e.shape.type.value),
	'device:paired',
	'device:revoked',
	'attendance:intervention-logged',
	'attendance:rag-sent',
	'attendance:call-logged',
	'attendance:template-set',
	'attendance:letter-sent',
	'suspension:recorded',
	'suspension:notified',
	'suspension:template-set',
	'suspension:amended',
	'suspension:withdrawn',
	'attendance:parent-told',
	'reflection:cover-requested',
	'reflection:cover-taken',
	'plan:recorded',
	'plan:action-done',
	'plan:reviewed',
	'tap:minuted'
]);

/** `POST /users`: a person to add; the server also checks the password against its rules. */
export const NewPersonBody = z.strictObject({
	email: Email,
	displayName: Text.trim().min(1).max(100),
	role: PersonRole,
	staffId: EntityId.nullable().default(null),
	password: Text
});

export const SignInBody = z.strictObject({
	email: Email,
	password: Text.min(1).max(1_000)
});

/** `GET /api/v1/session`: who is signed in, where, and the token state-changing requests echo. */
export const SessionInfo = z.object({
	userId: EntityId,
	displayName: z.string(),
	role: PersonRole,
	schoolId: SchoolId,
	staffId: EntityId.nullable(),
	/** Every school this person may open, with their role there. */
	schools: z.array(z.object({ id: SchoolId, name: z.string(), role: Role })),
	/** Sent back in the `x-csrf-token` header of every POST, PUT and DELETE. */
	csrfToken: z.string()
});

export const AuditEntry = z.object({
	at: z.string(),
	action: AuditAction,
	actorId: z.string(),
	actorRole: z.string(),
	studentId: z.string().nullable(),
	address: z.string().nullable(),
	detail: z.string()
});

/** A student's record as a role allowed names sees it; special category only to the roles set for it. */
export const StudentRecord = z.object({
	id: EntityId,
	givenName: z.string(),
	familyName: z.string(),
	yearGroup: z.number().int(),
	formGroup: z.string(),
	flags: z.object({ sen: z.boolean(), medical: z.boolean(), safeguarding: z.boolean() }).nullable()
});

/** What the admin routes answer: the school's people (removed ones too, for the audit log's names)... */
export const PersonListing = z.object({
	userId: EntityId,
	email: z.string(),
	displayName: z.string(),
	role: PersonRole,
	staffId: EntityId.nullable(),
	removed: z.boolean()
});

/** ...its integration keys (never the key itself, which is shown once: `IssuedKey`)... */
export const KeyListing = z.object({ keyId: EntityId, name: z.string(), issuedAt: z.string(), revokedAt: z.string().nullable() });
export const IssuedKey = z.object({ keyId: EntityId, name: z.string(), key: z.string() });

/** ...and its wall screens; a new one's pairing address, token and all, is shown once: `PairedWall`. */
export const WallListing = z.object({ id: EntityId, name: z.string(), pairedAt: z.string(), revokedAt: z.string().nullable() });
export const PairedWall = z.object({ deviceId: EntityId, name: z.string(), pairingPath: z.string() });

export type PersonListing = z.infer<typeof PersonListing>;
export type KeyListing = z.infer<typeof KeyListing>;
export type IssuedKey = z.infer<typeof IssuedKey>;
export type WallListing = z.infer<typeof WallListing>;
export type PairedWall = z.infer<typeof PairedWall>;
export type NewPersonBody = z.infer<typeof NewPersonBody>;
export type PersonRole = z.infer<typeof PersonRole>;
export type Role = z.infer<typeof Role>;
export type AuditAction = z.infer<typeof AuditAction>;
export type SessionInfo = z.infer<typeof SessionInfo>;
export type AuditEntry = z.infer<typeof AuditEntry>;
export type StudentRecord = z.infer<typeof StudentRecord>;

/**
 * Which roles may open each page of the dashboard. The server refuses a page load outside it;
 * the pages check it too, so moving between pages in the browser says the same.
 */
export const PAGE_ROLES = {
	'/live': ['admin', 'slt', 'coordinator'],
	'/hotspots': ['admin', 'slt', 'coordinator'],
	'/dispatch': ['admin', 'slt', 'coordinator'],
	'/patrol': ['admin', 'slt', 'coordinator', 'patrol'],
	'/raise': ['admin', 'slt', 'coordinator', 'patrol'],
	'/admin': ['admin'],
	'/behaviour': ['admin', 'slt', 'coordinator'],
	'/attendance': ['admin', 'slt', 'coordinator']
} as const satisfies Record<string, readonly SchoolRole[]>;

export type PageSection = keyof typeof PAGE_ROLES;

/** Roles that receive students' names in live views; the others get initials and year groups. */
export const NAMED_ROLES: readonly SchoolRole[] = ['admin', 'slt', 'coordinator'];
