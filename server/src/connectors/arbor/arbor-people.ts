import type { MapContext, MappedPage } from '../connector';
import { arborId } from './arbor-dates';
import { mapEach } from './arbor-records';
import { ArborStudent } from './arbor-shapes';

/**
 * Students are read for the roster only: who each Arbor student is in Lookout (Arbor's id, the
 * school's MIS id) and their registration form, which a session register is grouped by. Lookout's
 * students themselves come from the school's reference data (CSV or Wonde), so no event is made:
 * each student counts as left alone. A student with no registration form is refused, named: their
 * session marks could not be placed in a register.
 */
export function mapStudents(records: readonly unknown[], context: MapContext): MappedPage {
	return mapEach(records, ArborStudent, context, (s) => {
		const form = s.registrationForm?.shortName;
		if (!form) return 'has no registration form: its session marks could not be placed in a register';
		context.roster.students[String(s.id)] = { id: arborId(s), form };
		return null;
	});
}
