/** A server a bench process started on 127.0.0.1. */
export interface RunningServer {
	port: number;
	/** On Redis: the node's name in the leases. */
	node?: string;
	/** Journal writes so far, for servers that keep a journal. */
	journalWrites?: () => number;
	close(): Promise<void>;
}
