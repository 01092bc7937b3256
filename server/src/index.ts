import { ConfigError, loadConfig } from './config';
import { consoleLogger } from './logger';
import { closeOnSignals, startServer } from './server';

try {
	const { app } = await startServer(loadConfig(), consoleLogger);
	closeOnSignals(app, consoleLogger);
} catch (err) {
	console.error(err instanceof ConfigError ? err.message : err);
	process.exit(1);
}
