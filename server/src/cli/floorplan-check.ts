/** `npm run floorplan:check -- <file.geojson> [...]`; see check-command.ts. */
import { runCheck } from './floorplan-check-command';

process.exitCode = await runCheck(process.argv.slice(2), (line) => console.log(line));
