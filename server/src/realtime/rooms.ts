/** Socket.IO room of a school's live view. Role-shaped views add the role here. */
export function schoolRoom(schoolId: string): `school:${string}` {
	return `school:${schoolId}`;
}

/** Every socket of one paired wall screen, so revoking it reaches each of them. */
export function deviceRoom(deviceId: string): `device:${string}` {
	return `device:${deviceId}`;
}

/** Every wall screen of a school, for commands to all of them. */
export function wallRoom(schoolId: string): `walls:${string}` {
	return `walls:${schoolId}`;
}
