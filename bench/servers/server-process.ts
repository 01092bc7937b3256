import { benchCredentials, type SchoolCredentials } from '../lib/access';
import { configFromArgv, fail, onParent, tell, tellAndExit } from '../lib/parent';
import { startFloor } from './floor';
import { startJsonOnly } from './json-only';
import { startLookout } from './lookout';
import { startLookoutOnRedis } from './lookout-redis';
import type { RunningServer } from './running-server';
import { ServerCommand, ServerConfig, type ServerKind, type ServerMessage } from './server-messages';
import { UsageMeter } from '../lib/usage';
import { WindowProfiler } from './window-profiler';

/** One server under test in its own process, so the CPU and event-loop figures it reports are the server's alone. */
const STARTERS: Record<ServerKind, (config: ServerConfig, credentials: SchoolCredentials[]) => Promise<RunningServer>> = {
	lookout: (_config, credentials) => startLookout(credentials),
	'lookout-redis': (config, credentials) => startLookoutOnRedis(credentials, config.redisPrefix),
	floor: startFloor,
	'json-only': startJsonOnly
};

const send = (message: ServerMessage) => tell(message);

async function main(): Promise<void> {
	const config = configFromArgv(ServerConfig);
	const { kind, profileDir } = config;
	const credentials = config.access ? benchCredentials(config.access) : [];
	const server = await STARTERS[kind](config, credentials);
	const meter = new UsageMeter();
	const profiler = profileDir ? new WindowProfiler(profileDir, `${kind}-server`) : null;
	let writesAtStart = 0;
	onParent(ServerCommand, async (command) => {
		switch (command.type) {
			case 'measure-start':
				await profiler?.start();
				writesAtStart = server.journalWrites?.() ?? 0;
				meter.start();
				return;
			case 'measure-stop': {
				const usage = meter.stop();
				await profiler?.stop();
				const writes = server.journalWrites?.();
				send({ type: 'usage', ...usage, ...(writes === undefined ? {} : { journalWrites: writes - writesAtStart }) });
				return;
			}
			case 'close':
				await server.close();
				tellAndExit({ type: 'closed' } satisfies ServerMessage);
				return;
		}
	});
	send({ type: 'listening', port: server.port, credentials, ...(server.node ? { node: server.node } : {}) });
}

main().catch(fail);
