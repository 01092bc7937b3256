/** The demo school's rooms: what is in each wing, floor by floor, and the rooms off the main corridor. */
import type { UnitCategory } from '../../server/protocol';
import type { LevelKey, Restriction, RoomSpec, Slot } from './plan-types';
import { ADMIN_WING, BLOCK_A, BLOCK_B, CLASSROOM, eastFace, KITCHEN_WEST, LAB, SPORTS_EAST, SPORTS_HALL, SPORTS_WEST, WING_LENGTH } from './dimensions';

export function room(id: string, category: UnitCategory, name: string, shortName: string = name, restriction: Restriction = null): RoomSpec {
	return { id, category, name, shortName, restriction };
}

function staffRoom(id: string, category: UnitCategory, name: string, shortName = name): RoomSpec {
	return room(id, category, name, shortName, 'employeesonly');
}

/** Teaching rooms are known by their code alone, so id and short name are the same. */
function teaching(id: string, kind: string, category: UnitCategory = 'classroom'): RoomSpec {
	return room(id, category, `${id} ${kind}`, id);
}

function slot(width: number, spec: RoomSpec): Slot {
	return { ...spec, width };
}

/** Consecutive teaching rooms of one department, e.g. M01..M04. */
function series(department: string, first: number, count: number, kind: string, width: number = CLASSROOM.width, category: UnitCategory = 'classroom'): Slot[] {
	return Array.from({ length: count }, (_, i) => {
		const id = `${department}${String(first + i).padStart(2, '0')}`;
		return slot(width, teaching(id, kind, category));
	});
}

function labs(first: number, count: number): Slot[] {
	return series('S', first, count, 'Science lab', LAB.width, 'laboratory');
}

function stairs(block: string, level: LevelKey, width: number): Slot {
	const name = `Staircase ${block}`;
	return slot(width, room(`STAIRS-${block}-${level}`, 'stairs', name, `Stairs ${block}`));
}

export function corridor(id: string, name: string, shortName: string): RoomSpec {
	return room(id, 'walkway', name, shortName);
}

export interface WingFloor {
	readonly west: readonly Slot[];
	readonly east: readonly Slot[];
}

export const BLOCK_A_FLOORS: Record<LevelKey, WingFloor> = {
	G: {
		west: [...labs(1, 5), stairs('A', 'G', 5), slot(3, staffRoom('SCI-STORE-G', 'storage', 'Chemical store'))],
		east: [
			slot(8, staffRoom('SCI-PREP-G', 'nonpublic', 'Science prep room', 'Prep room')),
			slot(12, teaching('D01', 'DT workshop')),
			slot(12, teaching('D02', 'DT workshop')),
			slot(CLASSROOM.width, teaching('D03', 'DT design studio')),
			slot(CLASSROOM.width, teaching('D04', 'Food technology room'))
		]
	},
	'1': {
		west: [
			...labs(21, 4),
			slot(8, staffRoom('SCI-PREP-1', 'nonpublic', 'Science prep room (first floor)', 'Prep room')),
			stairs('A', '1', 5),
			slot(3, staffRoom('SCI-STORE-1', 'storage', 'Science store'))
		],
		east: [
			slot(8, staffRoom('SCI-OFFICE', 'office', 'Science workroom')),
			...series('IT', 21, 4, 'Computing suite'),
			slot(4, staffRoom('SERVER', 'serverroom', 'Server room')),
			slot(4, staffRoom('EXAMS', 'office', 'Exams office'))
		]
	}
};

export const BLOCK_B_FLOORS: Record<LevelKey, WingFloor> = {
	G: {
		west: [
			slot(6, room('WC-G-GIRLS', 'restroom.female', "Girls' toilets (ground)", "Girls' WC")),
			slot(6, room('WC-G-BOYS', 'restroom.male', "Boys' toilets (ground)", "Boys' WC")),
			...series('M', 1, 4, 'Maths classroom'),
			slot(4, staffRoom('MATHS-OFFICE', 'office', 'Maths office'))
		],
		east: [
			stairs('B', 'G', 6),
			slot(3, room('LIFT-G', 'elevator', 'Lift')),
			slot(3, room('WC-G-ACCESS', 'restroom.unisex.wheelchair', 'Accessible toilet (ground)', 'Accessible WC')),
			...series('M', 5, 4, 'Maths classroom'),
			slot(4, staffRoom('CLEANERS-G', 'storage', "Cleaners' store"))
		]
	},
	'1': {
		west: [
			slot(6, room('WC-1-GIRLS', 'restroom.female', "Girls' toilets (first floor)", "Girls' WC")),
			slot(6, room('WC-1-BOYS', 'restroom.male', "Boys' toilets (first floor)", "Boys' WC")),
			...series('E', 21, 4, 'English classroom'),
			slot(4, staffRoom('ENG-OFFICE', 'office', 'English office'))
		],
		east: [
			stairs('B', '1', 6),
			slot(3, room('LIFT-1', 'elevator', 'Lift')),
			slot(3, room('WC-1-ACCESS', 'restroom.unisex.wheelchair', 'Accessible toilet (first floor)', 'Accessible WC')),
			...series('E', 25, 4, 'English classroom'),
			slot(4, staffRoom('WC-1-STAFF', 'restroom', 'Staff toilets (first floor)', 'Staff WC'))
		]
	}
};

export const BLOCK_C_FLOORS: Record<LevelKey, WingFloor> = {
	G: {
		west: [...series('H', 1, 5, 'Humanities classroom'), stairs('C', 'G', 5), slot(3, staffRoom('STORE-G-C', 'storage', 'C block store'))],
		east: [
			...series('A', 1, 3, 'Art studio'),
			slot(4, staffRoom('KILN', 'nonpublic', 'Kiln room')),
			slot(8, room('LSU', 'classroom', 'Learning support base', 'LSU')),
			slot(8, room('WC-G-UNISEX', 'restroom.unisex', 'Gender-neutral toilets (ground)', 'C block WC')),
			slot(4, staffRoom('HUM-OFFICE', 'office', 'Humanities office'))
		]
	},
	'1': {
		west: [
			...series('H', 21, 5, 'Humanities classroom'),
			stairs('C', '1', 5),
			slot(3, staffRoom('STORE-1-C', 'storage', 'C block store (first floor)', 'C block store'))
		],
		east: [
			...series('L', 21, 4, 'Languages classroom'),
			slot(4, staffRoom('LANG-OFFICE', 'office', 'Languages office')),
			slot(8, room('WC-1-UNISEX', 'restroom.unisex', 'Gender-neutral toilets (first floor)', 'C block WC')),
			slot(4, staffRoom('HOY', 'office', 'Heads of year office', 'Heads of year'))
		]
	}
};

export const ADMIN_FLOOR: WingFloor = {
	west: [
		slot(8, room('PASTORAL', 'office', 'Pastoral office', 'Pastoral')),
		slot(7, room('RR', 'classroom', 'Reflection Room', 'RR')),
		slot(5, room('MEDICAL', 'firstaid', 'Medical room', 'Medical')),
		slot(3, staffRoom('WC-G-STAFF', 'restroom', 'Staff toilets (ground)', 'Staff WC')),
		slot(5, staffRoom('MAIN-OFFICE', 'office', 'Main office'))
	],
	east: [
		slot(10, staffRoom('STAFFROOM', 'lounge', 'Staff room')),
		slot(5, staffRoom('SLT-HEAD', 'office', "Headteacher's office", "Head's office")),
		slot(5, staffRoom('SLT-DEPUTY', 'office', "Deputy headteachers' office", "Deputies' office")),
		slot(4, staffRoom('SLT-AHT', 'office', "Assistant headteachers' office", "AHTs' office")),
		slot(4, staffRoom('MEETING', 'conferenceroom', 'Meeting room'))
	]
};

export const MAIN_CORRIDOR_SECTIONS: Record<LevelKey, readonly RoomSpec[]> = {
	G: [
		corridor('COR-G-WEST', 'Main corridor (west)', 'Main corridor W'),
		corridor('COR-G-MIDWEST', 'Main corridor (mid-west)', 'Main corridor MW'),
		corridor('COR-G-CENTRE', 'Main corridor (centre)', 'Main corridor C'),
		corridor('COR-G-MIDEAST', 'Main corridor (mid-east)', 'Main corridor ME'),
		corridor('COR-G-EAST', 'Main corridor (east)', 'Main corridor E')
	],
	'1': [
		corridor('COR-1-WEST', 'First floor corridor (west)', 'Upper corridor W'),
		corridor('COR-1-MIDWEST', 'First floor corridor (mid-west)', 'Upper corridor MW'),
		corridor('COR-1-CENTRE', 'First floor corridor (centre)', 'Upper corridor C'),
		corridor('COR-1-EAST', 'First floor corridor (east)', 'Upper corridor E')
	]
};

export function wingCorridors(block: string, level: LevelKey): RoomSpec[] {
	const floor = level === 'G' ? '' : ' (first floor)';
	return (['south', 'north'] as const).map((end) =>
		corridor(
			`COR-${level}-${block}-${end === 'south' ? 'S' : 'N'}`,
			`${block} block corridor (${end})${floor}`,
			`${block} block ${end === 'south' ? 'S' : 'N'}`
		)
	);
}

/** Ground-floor rooms opening straight off the main corridor: [room, west wall, east wall, depth]. */
type OffSpine = readonly [RoomSpec, number, number, number];

export const SOUTH_OF_SPINE: readonly OffSpine[] = [
	[room('HALL', 'auditorium', 'Main hall'), 0, 24, 22],
	[teaching('DR01', 'Drama studio'), 24, 36, 11],
	[teaching('MU01', 'Music room'), 36, 44, CLASSROOM.depth],
	[teaching('MU02', 'Music room'), 44, ADMIN_WING.westFace, CLASSROOM.depth],
	[room('CANTEEN', 'foodservice', 'Canteen'), eastFace(ADMIN_WING), KITCHEN_WEST, 26],
	[staffRoom('KITCHEN', 'kitchen', 'Kitchen'), KITCHEN_WEST, SPORTS_WEST, 12],
	[room('SPORTS', 'fitnessroom', 'Sports hall'), SPORTS_WEST, SPORTS_EAST, SPORTS_HALL.length]
];

export const NORTH_OF_SPINE: readonly OffSpine[] = [
	[room('CHANGE-GIRLS', 'room', "Girls' changing room"), SPORTS_WEST, SPORTS_WEST + 9, 8],
	[room('CHANGE-BOYS', 'room', "Boys' changing room"), SPORTS_WEST + 9, SPORTS_EAST, 8],
	[room('YARD', 'opentoair', 'Yard'), eastFace(BLOCK_A), BLOCK_B.westFace, WING_LENGTH]
];
