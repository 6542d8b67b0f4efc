/** A case as the generator writes it. */
export interface Case {
  declaration: Record<string, unknown> & { subjectId: string; id: string; submittedAt: string };
  history: (Record<string, unknown> & { id: string; at: string })[];
}
export declare function population(options: { people: number; events: number; seed: number; now: string }): {
  cases: Case[];
  raw: string[];
  records: { subjectId: string; kind: string; body: string }[];
};
