/** Socket.IO room of a school's live view. Role-shaped views add the role here. */
export function schoolRoom(schoolId: string): `school:${string}` {
	return `school:${schoolId}`;
}
