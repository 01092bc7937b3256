/** `npm run floorplan:import -- plan.svg --level 0 [...]`; see import-command.ts. */
import { runImport } from './floorplan-import-command';

process.exitCode = await runImport(process.argv.slice(2), (line) => console.log(line));
