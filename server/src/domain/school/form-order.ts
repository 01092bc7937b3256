const collator = new Intl.Collator('en-GB', { numeric: true });

/** Form and year names in the order a school reads them: 7F before 10E, Year 9 before Year 10. */
export const byFormName = (a: string, b: string): number => collator.compare(a, b);
