import { fakeWondeSchool } from '../../simulators/fake-wonde/fake-wonde-school';
import { FakeWonde } from '../../simulators/fake-wonde/fake-wonde';

/**
 * The fake Wonde in a process of its own, so its work (building the school, writing each page's
 * JSON) is not counted against the sync: one line of JSON on stdout once it listens, then it
 * serves until its parent closes stdin or ends it.
 */
const data = await fakeWondeSchool();
const fake = await FakeWonde.start(data);
const records = Object.fromEntries(Object.entries(data.endpoints).map(([endpoint, list]) => [endpoint, list.length]));
process.stdout.write(`${JSON.stringify({ schoolUrl: fake.schoolUrl, token: fake.token, students: data.students.length, records })}\n`);
const stop = () => void fake.close().then(() => process.exit(0));
process.stdin.on('end', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
