import L from 'leaflet';
import type { FloorplanUnit, GeoPosition } from '$protocol';
import { BANDS, bandOf } from './heat';

export interface RoomLayer {
	/** Recolours every room for new values (by unit id); the hottest room sets the scale. */
	update(values: ReadonlyMap<string, number>): void;
	remove(): void;
}

const QUIET = new Set(['walkway', 'stairs', 'elevator', 'opentoair', 'storage', 'nonpublic', 'serverroom']);
const toLatLng = ([lon, lat]: GeoPosition): L.LatLngTuple => [lat, lon];

function rings(unit: FloorplanUnit): L.LatLngTuple[][][] {
	const g = unit.geometry;
	return g.type === 'Polygon' ? [g.coordinates.map((r) => r.map(toLatLng))] : g.coordinates.map((p) => p.map((r) => r.map(toLatLng)));
}

/** The extent of a level, to fit the map to it. */
export function boundsOf(units: readonly FloorplanUnit[]): L.LatLngBounds {
	return L.latLngBounds(units.flatMap((u) => rings(u).flat(2)));
}

/**
 * A level's rooms as polygons coloured by heat, each with its code and its number, since colour
 * is never the only carrier. Updates only restyle what exists: no layer is rebuilt per frame.
 */
export function drawRooms(map: L.Map, units: readonly FloorplanUnit[], onSelect: (unitId: string) => void): RoomLayer {
	const group = L.layerGroup().addTo(map);
	const shapes = new Map<string, L.Polygon>();
	const labels = new Map<string, L.Marker>();
	for (const unit of units) {
		const quiet = QUIET.has(unit.properties.category.split('.')[0] ?? '');
		const shape = L.polygon(rings(unit), {
			className: `unit unit-${unit.id}`,
			color: '#374151',
			weight: quiet ? 0.5 : 1,
			fillColor: BANDS[0].fill,
			fillOpacity: 1
		});
		shape.on('click', () => onSelect(unit.id));
		shape.bindTooltip(unit.properties.name, { sticky: true });
		group.addLayer(shape);
		shapes.set(unit.id, shape);
		const [lon, lat] = unit.properties.display_point.coordinates;
		const html = `<span class="code">${quiet ? '' : (unit.properties.short_name ?? unit.id)}</span><span class="value"></span>`;
		const label = L.marker([lat, lon], {
			icon: L.divIcon({ className: `room-label${quiet ? ' quiet' : ''}`, html, iconSize: [60, 28], iconAnchor: [30, 14] }),
			interactive: false,
			keyboard: false
		});
		group.addLayer(label);
		labels.set(unit.id, label);
	}
	return {
		update(values) {
			performance.mark('map-redraw-start');
			let max = 0;
			for (const v of values.values()) if (v > max) max = v;
			for (const [id, shape] of shapes) {
				const value = values.get(id) ?? 0;
				const band = BANDS[bandOf(value, max)] ?? BANDS[0];
				shape.setStyle({ fillColor: band.fill });
				// Looked up here, not when drawn: a map not yet placed creates its markers' elements later.
				const label = labels.get(id)?.getElement();
				if (!label) continue;
				label.style.color = band.text;
				const valueEl = label.lastElementChild as HTMLElement;
				valueEl.textContent = value > 0 ? String(value) : '';
			}
			performance.measure('map-redraw', 'map-redraw-start');
		},
		remove: () => group.remove()
	};
}
