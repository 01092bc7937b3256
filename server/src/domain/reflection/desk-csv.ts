import type { ReflectionBookingRow, ReflectionDeskReport } from '../../../protocol';
import { csvCell } from '../csv/csv-cell';

const table = (header: readonly string[], rows: readonly (readonly (string | number | null)[])[]) =>
	[header, ...rows].map((r) => r.map((c) => csvCell(c)).join(',')).join('\r\n') + '\r\n';

/** Every booking listed, one row each (the desk's days, or a student's history). */
export function bookingsCsv(rows: readonly ReflectionBookingRow[]): string {
	const header = [
		'date',
		'period',
		'starts_at',
		'ends_at',
		'student_id',
		'name',
		'year',
		'room_id',
		'reason',
		'lesson_missed',
		'returns_at',
		'returns_to',
		'status',
		'source',
		'booking_id'
	];
	return table(
		header,
		rows.map((b) => [
			b.date,
			b.period,
			b.startsAt,
			b.endsAt,
			b.student.id,
			b.student.name ?? b.student.initials,
			b.student.yearGroup,
			b.roomId,
			b.reason,
			b.lessonMissed,
			b.returnsAt,
			b.returnsTo,
			b.status,
			b.source,
			b.bookingId
		])
	);
}

/** The supervision rota: one row per room and period of each day, gaps and cover with who took it. */
export function rotaCsv(report: ReflectionDeskReport): string {
	const header = [
		'date',
		'period',
		'room_id',
		'capacity',
		'booked',
		'supervisor',
		'gap',
		'cover_requested_by',
		'cover_requested_at',
		'cover_taken_by',
		'cover_taken_at'
	];
	const rows = report.days.flatMap((d) =>
		d.periods.flatMap((p) =>
			p.rooms.map((r) => [
				d.date,
				p.name,
				r.roomId,
				r.capacity,
				r.booked,
				r.supervisor?.code ?? null,
				r.gap ? 'yes' : 'no',
				r.cover?.requestedBy ?? null,
				r.cover?.requestedAt ?? null,
				r.cover?.takenBy?.code ?? null,
				r.cover?.takenAt ?? null
			])
		)
	);
	return table(header, rows);
}
