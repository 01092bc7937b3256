import { describe, expect, it } from 'vitest';
import { sameOrigin, schemeOf } from './origin';

const direct = { host: 'lookout.school.uk', encrypted: false, forwardedProto: undefined, proxyTrusted: false };

describe('sameOrigin', () => {
	it('lets a request with no Origin through: it is not a browser acting for another site', () => {
		expect(sameOrigin({ ...direct, origin: undefined })).toBe(true);
	});

	it('takes its own scheme and host, and refuses another host, another scheme, null and nonsense', () => {
		expect(sameOrigin({ ...direct, origin: 'http://lookout.school.uk' })).toBe(true);
		expect(sameOrigin({ ...direct, origin: 'http://LOOKOUT.school.uk:80' })).toBe(true);
		expect(sameOrigin({ ...direct, origin: 'https://lookout.school.uk' })).toBe(false);
		expect(sameOrigin({ ...direct, origin: 'http://evil.example' })).toBe(false);
		expect(sameOrigin({ ...direct, origin: 'http://lookout.school.uk:8080' })).toBe(false);
		expect(sameOrigin({ ...direct, origin: 'null' })).toBe(false);
		expect(sameOrigin({ ...direct, origin: '::' })).toBe(false);
		expect(sameOrigin({ ...direct, host: undefined, origin: 'http://lookout.school.uk' })).toBe(false);
	});

	it('believes X-Forwarded-Proto only from a trusted proxy', () => {
		const viaProxy = { ...direct, origin: 'https://lookout.school.uk', forwardedProto: 'https' };
		expect(sameOrigin({ ...viaProxy, proxyTrusted: true })).toBe(true);
		expect(sameOrigin(viaProxy)).toBe(false);
		expect(schemeOf({ encrypted: false, forwardedProto: 'https, http', proxyTrusted: true })).toBe('https');
		expect(schemeOf({ encrypted: true, forwardedProto: undefined, proxyTrusted: false })).toBe('https');
	});
});
