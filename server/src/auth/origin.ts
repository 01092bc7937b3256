/** What a request or a socket handshake says about where it came from, as the server saw it. */
export interface OriginFacts {
	/** The `Origin` header: browsers send it on cross-site posts and on every WebSocket handshake. */
	origin: string | undefined;
	/** The `Host` header the request was sent to. */
	host: string | undefined;
	/** Whether the connection to this server is TLS. */
	encrypted: boolean;
	/** The `X-Forwarded-Proto` header, read only when the peer is a trusted proxy. */
	forwardedProto: string | undefined;
	/** Whether the peer is a proxy the deployment trusts (`TRUST_PROXY`). */
	proxyTrusted: boolean;
}

/** The scheme the browser used: the connection's own, or what a trusted proxy says it was. */
export function schemeOf(facts: Pick<OriginFacts, 'encrypted' | 'forwardedProto' | 'proxyTrusted'>): string {
	const own = facts.encrypted ? 'https' : 'http';
	if (!facts.proxyTrusted || facts.forwardedProto === undefined) return own;
	return facts.forwardedProto.split(',')[0]!.trim().toLowerCase() || own;
}

/**
 * Whether a request comes from Lookout's own pages: its Origin is this scheme and host. With no
 * Origin at all it is not a browser acting for another site (wall devices, integrations and
 * scripts send none), so it is let through; `null` and anything unreadable are not.
 */
export function sameOrigin(facts: OriginFacts): boolean {
	if (facts.origin === undefined) return true;
	if (facts.host === undefined) return false;
	try {
		const origin = new URL(facts.origin);
		return origin.protocol === `${schemeOf(facts)}:` && origin.host === new URL(`${schemeOf(facts)}://${facts.host}`).host;
	} catch {
		return false;
	}
}
