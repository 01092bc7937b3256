import type { Contact } from '../server/protocol';
import { FAMILY_NAMES, GIVEN_NAMES } from './names';
import { Random } from './random';
import type { SimSchool } from './school';

/** Given names the generator treats as a woman's, to fit them to Mother, Grandmother, Aunt. */
const WOMEN = new Set(GIVEN_NAMES.slice(0, GIVEN_NAMES.length / 2));
const women = GIVEN_NAMES.filter((n) => WOMEN.has(n));
const men = GIVEN_NAMES.filter((n) => !WOMEN.has(n));

type Kind = readonly [relationship: string, woman: boolean, responsible: boolean, sameSurname: number];

const PARENTS: readonly (readonly [Kind, number])[] = [
	[['Mother', true, true, 0.85], 70],
	[['Father', false, true, 0.9], 25],
	[['Foster carer', true, false, 0.05], 2],
	[['Grandmother', true, false, 0.6], 3]
];
const OTHERS: readonly (readonly [Kind, number])[] = [
	[['Father', false, true, 0.9], 40],
	[['Mother', true, true, 0.7], 10],
	[['Stepfather', false, false, 0.2], 8],
	[['Stepmother', true, false, 0.2], 4],
	[['Grandmother', true, false, 0.6], 20],
	[['Grandfather', false, false, 0.6], 8],
	[['Aunt', true, false, 0.4], 7],
	[['Uncle', false, false, 0.5], 3]
];

/** Numbers from Ofcom's ranges kept for drama, so no real phone is ever rung from the demo. */
const mobile = (rng: Random) => `07700 900${String(rng.int(0, 999)).padStart(3, '0')}`;
const landline = (rng: Random) => `01632 960${String(rng.int(0, 999)).padStart(3, '0')}`;

/**
 * One to three contacts a student, as a MIS holds them: a parent first, then perhaps the other
 * parent or a grandparent; mobiles, sometimes a landline, sometimes an email. Seeded, so the
 * demo school's `contacts.csv` is the same every time.
 */
export function familyContacts(school: SimSchool, seed = 17): Contact[] {
	const rng = new Random(seed);
	return school.students.flatMap((student) => {
		const count = rng.weighted([
			[1, 30],
			[2, 55],
			[3, 15]
		] as const);
		const taken = new Set<string>();
		return Array.from({ length: count }, (_, i): Contact => {
			let kind = rng.weighted(i === 0 ? PARENTS : OTHERS);
			while (taken.has(kind[0]) && (kind[0] === 'Mother' || kind[0] === 'Father')) kind = rng.weighted(OTHERS);
			taken.add(kind[0]);
			const [relationship, woman, responsible, sameSurname] = kind;
			const given = rng.pick(woman ? women : men);
			const family = rng.chance(sameSurname) ? student.familyName : rng.pick(FAMILY_NAMES);
			const phones = rng.chance(0.25) ? [mobile(rng), landline(rng)] : [mobile(rng)];
			const email = rng.chance(0.6) ? `${given}.${family}`.toLowerCase().replace(/[^a-z.]/g, '') + '@example.com' : undefined;
			return {
				studentId: student.id,
				name: `${given} ${family}`,
				relationship,
				priority: i + 1,
				phones,
				...(email ? { email } : {}),
				parentalResponsibility: responsible,
				livesWith: i === 0 || rng.chance(relationship === 'Father' || relationship === 'Mother' ? 0.5 : 0.15)
			};
		});
	});
}
