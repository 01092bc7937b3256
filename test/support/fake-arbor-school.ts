/** The fake Arbor lives with the simulators, where the demo's launcher may start it too. */
export * from '../../simulators/fake-arbor/fake-arbor-school';
