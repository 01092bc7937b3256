import type { EventOf } from '../../../protocol';
import type { SchoolState } from './state';

export function applyDevicePaired(state: SchoolState, e: EventOf<'device:paired'>): void {
	if (state.devices.has(e.deviceId)) return;
	state.devices.set(e.deviceId, { id: e.deviceId, name: e.name, tokenSha256: e.tokenSha256, pairedAt: e.occurredAt, revokedAt: null });
}

export function applyDeviceRevoked(state: SchoolState, e: EventOf<'device:revoked'>): void {
	const device = state.devices.get(e.deviceId);
	if (device && device.revokedAt === null) device.revokedAt = e.occurredAt;
}

/** The school's device whose token has this SHA-256, revoked or not. */
export function deviceByToken(state: SchoolState, tokenSha256: string) {
	for (const device of state.devices.values()) if (device.tokenSha256 === tokenSha256) return device;
	return undefined;
}
