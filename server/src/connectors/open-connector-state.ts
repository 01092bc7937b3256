import type { Config } from '../config';
import type { ConnectorStateStore } from './connector-state';
import { FileConnectorState } from './file-connector-state';
import { RedisConnectorState } from './redis-connector-state';

/** The connector state beside the event store the configuration opens: Redis when REDIS_URL is set, else DATA_DIR. */
export function openConnectorState(config: Pick<Config, 'REDIS_URL' | 'REDIS_PREFIX' | 'DATA_DIR'>): ConnectorStateStore {
	return config.REDIS_URL ? new RedisConnectorState(config.REDIS_URL, config.REDIS_PREFIX) : new FileConnectorState(config.DATA_DIR);
}
