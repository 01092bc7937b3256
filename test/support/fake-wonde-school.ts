/** The fake Wonde lives with the simulators, where the demo's launcher may start it too. */
export * from '../../simulators/fake-wonde/fake-wonde-school';
