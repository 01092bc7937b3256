import { ConfigError, loadConfig } from './config';
import { JournalRefusal } from './store/journal-refusal';
import { consoleLogger } from './logger';
import { closeOnSignals, startServer } from './server';

try {
	const { app } = await startServer(loadConfig(), consoleLogger);
	closeOnSignals(app, consoleLogger);
} catch (err) {
	// A refused journal says what is wrong and which command to run in one line; a stack would bury it.
	if (err instanceof JournalRefusal) console.error(`Lookout: ${err.message}`);
	else console.error(err instanceof ConfigError ? err.message : err);
	process.exit(1);
}
