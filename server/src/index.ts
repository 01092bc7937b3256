import { ConfigError, loadConfig } from './config';
import { JournalRefusal } from './store/journal-refusal';
import { createLogger } from './logger';
import { closeOnSignals, startServer } from './server';

try {
	const config = loadConfig();
	const logger = createLogger({ level: config.LOG_LEVEL });
	const { app } = await startServer(config, logger);
	closeOnSignals(app, logger, undefined, config.SHUTDOWN_SECONDS * 1000);
} catch (err) {
	// Said to the person starting it, in plain text: a refused journal in one line (what is wrong, which command to run), as a stack would bury it.
	if (err instanceof JournalRefusal) console.error(`Lookout: ${err.message}`);
	else console.error(err instanceof ConfigError ? err.message : err);
	process.exit(1);
}
