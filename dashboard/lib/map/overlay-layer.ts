import L from 'leaflet';
import type { FloorplanUnit, SchoolView } from '$protocol';

export interface RoomBadges {
	oncall: number;
	urgent: boolean;
	registers: number;
	truancy: number;
	reflection: string | null;
}

/** What is happening in each room now, from the live view: the map's overlays. */
export function badgesByRoom(view: SchoolView): Map<string, RoomBadges> {
	const out = new Map<string, RoomBadges>();
	const get = (id: string) => {
		let b = out.get(id);
		if (!b) out.set(id, (b = { oncall: 0, urgent: false, registers: 0, truancy: 0, reflection: null }));
		return b;
	};
	for (const r of view.oncall) {
		const b = get(r.roomId);
		b.oncall += 1;
		b.urgent ||= r.priority !== 'routine';
	}
	for (const r of view.registers) if (r.status !== 'due') get(r.roomId).registers += 1;
	for (const t of view.truancy) if (t.lastSeenRoomId) get(t.lastSeenRoomId).truancy += 1;
	for (const r of view.reflection) get(r.id).reflection = `${r.occupants.length}/${r.capacity}`;
	return out;
}

/**
 * Badges on rooms: open on-call requests (pulsing), overdue registers, where students now
 * unaccounted for were last seen, and Reflection Room occupancy. Each badge carries a letter
 * and a number, not only a colour.
 */
export function drawOverlays(map: L.Map, units: readonly FloorplanUnit[], badges: ReadonlyMap<string, RoomBadges>): () => void {
	const group = L.layerGroup().addTo(map);
	for (const unit of units) {
		const b = badges.get(unit.id);
		if (!b) continue;
		const parts = [
			b.oncall ? `<span class="badge oncall${b.urgent ? ' urgent' : ''}" title="open on-call requests">!${b.oncall}</span>` : '',
			b.registers ? `<span class="badge register" title="overdue registers">R${b.registers}</span>` : '',
			b.truancy ? `<span class="badge truancy" title="last seen here, now unaccounted for">T${b.truancy}</span>` : '',
			b.reflection ? `<span class="badge reflection" title="Reflection Room occupancy">RR ${b.reflection}</span>` : ''
		].join('');
		if (!parts) continue;
		const [lon, lat] = unit.properties.display_point.coordinates;
		group.addLayer(
			L.marker([lat, lon], {
				icon: L.divIcon({ className: 'room-badges', html: parts, iconSize: [90, 20], iconAnchor: [45, -16] }),
				interactive: false,
				keyboard: false
			})
		);
	}
	return () => group.remove();
}
